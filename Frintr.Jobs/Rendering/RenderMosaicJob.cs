using System.Diagnostics;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>The Hangfire job: gather the pictures (<see cref="FriendsGatherer"/>), render, then deliver the picture and
/// the completion note (<see cref="MosaicDelivery"/>). Here: the checks, the time limit and what failure means.</summary>
public sealed class RenderMosaicJob(
    FriendsGatherer gatherer,
    MosaicDelivery delivery,
    WebTierClient webTier,
    JobProgress progress,
    IOptions<WorkerOptions> options,
    ILogger<RenderMosaicJob> logger)
{
    /// <summary>Transient failures (web tier or network briefly away) are retried this many times.</summary>
    public const int Retries = 2;

    [Queue(MosaicPipeline.QueueName)]
    [JobDisplayName("Render mosaic")]
    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [5, 20], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(MosaicRequest request, PerformContext? context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var id = request.MosaicId;
        var problems = MosaicRequestRules.Check(request);
        if (problems.Count > 0)
        {
            await delivery.FailAsync(id, string.Join(" ", problems.Values.SelectMany(v => v)), started.ElapsedMilliseconds, cancellationToken);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RenderTimeout);
        var scratch = Directory.CreateTempSubdirectory("frintr-" + id + "-");
        try
        {
            await RenderAndDeliverAsync(request, scratch.FullName, started, timeout.Token);
        }
        catch (Exception ex) when (ex is MosaicInputException or PictureFetchException)
        {
            await delivery.FailAsync(id, ex.Message, started.ElapsedMilliseconds, cancellationToken);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await delivery.FailAsync(id, $"Making this mosaic took longer than {options.Value.RenderTimeout.TotalMinutes:0} minutes; try fewer columns or fewer pictures.", started.ElapsedMilliseconds, cancellationToken);
        }
        catch (Exception ex) when (IsLastAttempt(context) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Mosaic {MosaicId} failed on its last attempt", id);
            await delivery.FailAsync(id, "Something went wrong on our side while making this mosaic. Please try again.", started.ElapsedMilliseconds, cancellationToken);
            throw;
        }
        finally
        {
            scratch.Delete(recursive: true);
            progress.Forget(id);
        }
    }

    private async Task RenderAndDeliverAsync(MosaicRequest request, string scratch, Stopwatch started, CancellationToken cancellationToken)
    {
        var id = request.MosaicId;
        // A job can come back after a worker died between upload and acknowledgement: never render twice.
        if (await webTier.ReadNoteAsync(id, cancellationToken) is { Status: MosaicState.Succeeded })
        {
            logger.LogInformation("Mosaic {MosaicId} is already done; nothing to do", id);
            return;
        }

        var inputs = await gatherer.GatherAsync(request, scratch, cancellationToken);
        var rendering = Stopwatch.StartNew();
        var settings = new MosaicSettings
        {
            Columns = request.Options.Columns,
            TileSize = request.Options.TileSize,
            RepeatDistance = FeasibleRepeatDistance(request.Options.RepeatDistance, inputs.Tiles.Count),
            Blend = request.Options.Blend,
            EveryoneAppears = request.Options.EveryoneAppears,
            Seed = StableSeed(id),
            Format = request.Options.Format,
            Crop = request.Options.Crop,
        };
        var output = Path.Combine(scratch, "mosaic");
        MosaicResult result;
        await using (var file = File.Create(output))
        {
            result = new MosaicEngine(new MosaicEngineOptions { Preview = progress.PreviewFor(id, cancellationToken) }).Render(() => File.OpenRead(inputs.TargetPath), inputs.Tiles, settings, file,
                progress.ForEngine(id, cancellationToken), cancellationToken);
        }

        await delivery.DeliverAsync(
            new RenderedMosaic(request, inputs, output, result, settings.RepeatDistance, rendering.ElapsedMilliseconds, started),
            cancellationToken);
    }

    /// <summary>A person with few friends still gets a mosaic: the repeat distance shrinks until the library can
    /// honour it. With n pictures, filling cell by cell always finds a free picture when (2d+1)² ≤ n.</summary>
    internal static int FeasibleRepeatDistance(int requested, int pictures)
    {
        var distance = requested;
        while (distance > 0 && ((2 * distance) + 1) * ((2 * distance) + 1) > pictures)
            distance--;
        return distance;
    }

    private static bool IsLastAttempt(PerformContext? context) =>
        context is null || context.GetJobParameter<int>("RetryCount") >= Retries;

    // The mosaic id is random already: its hash makes a seed that is the same on every retry and every worker.
    private static int StableSeed(string mosaicId) =>
        mosaicId.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}

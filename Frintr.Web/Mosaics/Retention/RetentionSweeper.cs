using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Mosaics.Storage;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Retention;

/// <summary>Keeps people's pictures no longer than needed. Uploads live on the web tier's disk, but a mosaic can end
/// where the web tier does not see it: a job that failed without a note, was deleted on the dashboard or given up by
/// Hangfire ends on the status board only (<see cref="FinalStateFilter"/>, written wherever that happened). So every
/// <see cref="RetentionOptions.RetentionSweep"/> the web tier looks at each mosaic that still has uploads and removes
/// them once the mosaic is final — by its note on disk or on the board — or older than
/// <see cref="RetentionOptions.InputHours"/> whatever the board says (Redis away included). Finished mosaics go
/// <see cref="RetentionOptions.ResultDays"/> after their note was written. Instances that share the data folder may
/// all sweep; they only ever delete.</summary>
public sealed class RetentionSweeper(
    InputStore inputs,
    ResultStore results,
    MosaicStatusBoard board,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    public const string GivenUp = "This mosaic waited too long to be made, so it was given up and its pictures were deleted. Please submit it again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweep);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Retention sweep failed; trying again in {Interval}", options.Value.RetentionSweep);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        foreach (var id in MosaicFolders(inputs.Root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await InputsReleasedAsync(id, now - Directory.GetLastWriteTimeUtc(inputs.FolderFor(id)), cancellationToken) is { } reason)
                Remove(inputs.FolderFor(id), id, reason);
        }

        var keep = TimeSpan.FromDays(options.Value.ResultDays);
        foreach (var id in MosaicFolders(results.Root))
        {
            var note = results.NotePath(id);
            var finished = File.Exists(note) ? File.GetLastWriteTimeUtc(note) : Directory.GetLastWriteTimeUtc(results.FolderFor(id));
            if (now - finished > keep)
                Remove(results.FolderFor(id), id, $"finished more than {options.Value.ResultDays} days ago");
        }
    }

    /// <summary>Why the mosaic's uploads may go, or null while they are still needed.</summary>
    private async Task<string?> InputsReleasedAsync(string id, TimeSpan age, CancellationToken cancellationToken)
    {
        if (File.Exists(results.NotePath(id)))
            return "finished";

        MosaicState? state;
        try
        {
            state = board.Read(id)?.State;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away: only the age bound can decide now.
            logger.LogDebug(ex, "Status of {MosaicId} unknown during the retention sweep", id);
            state = null;
        }

        if (state is MosaicState.Succeeded or MosaicState.Failed)
            return $"{state.ToString()!.ToLowerInvariant()} on the status board";
        if (age <= TimeSpan.FromHours(options.Value.InputHours))
            return null;

        // Nobody will make it any more: say so, so that nobody waits for it.
        await results.SaveNoteAsync(new CompletionNote { MosaicId = id, Status = MosaicState.Failed, Error = GivenUp, Worker = "retention" }, cancellationToken);
        try
        {
            board.MarkFinished(id, MosaicState.Failed, GivenUp);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Could not mark {MosaicId} failed on the status board; its note says so", id);
        }

        return $"older than {options.Value.InputHours} hours";
    }

    private static List<string> MosaicFolders(string root) =>
        Directory.Exists(root)
            ? [.. Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(MosaicId.IsValid)]
            : [];

    private void Remove(string folder, string id, string reason)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            logger.LogInformation("Removed {Folder} of mosaic {MosaicId}: {Reason}", Path.GetFileName(Path.GetDirectoryName(folder)), id, reason);
        }
        catch (DirectoryNotFoundException)
        {
            // Another instance sharing the data folder was first.
        }
    }
}

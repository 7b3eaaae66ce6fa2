using System.Globalization;
using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.Status;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>Checks a submission, keeps its uploads, and puts one job on the <c>mosaics</c> queue. It renders nothing.</summary>
public sealed class MosaicSubmitter(
    InputStore inputs,
    OwnerIndex owners,
    MosaicStatusBoard board,
    IBackgroundJobClient jobs,
    IOptions<FrintrWebOptions> options,
    ILogger<MosaicSubmitter> logger)
{
    public async Task<SubmissionOutcome> SubmitAsync(MosaicSubmission submission, CancellationToken cancellationToken)
    {
        var errors = CheckShape(submission);
        if (errors.Count > 0)
            return SubmissionOutcome.Invalid(errors);

        var id = MosaicId.New();
        try
        {
            var request = await StoreAsync(id, submission, errors, cancellationToken);
            var outputSize = request is null ? default : CheckOutputSize(request, errors);
            if (request is null || errors.Count > 0)
            {
                inputs.Delete(id);
                return SubmissionOutcome.Invalid(errors);
            }

            return Enqueue(request, outputSize) ? new SubmissionOutcome(id, errors) : Abandon(id);
        }
        catch
        {
            inputs.Delete(id);
            throw;
        }
    }

    private Dictionary<string, string[]> CheckShape(MosaicSubmission submission)
    {
        var errors = MosaicRequestRules.CheckOptions(submission.Options);
        if (submission.Target is null)
            errors["target"] = ["Choose the picture to rebuild as a mosaic."];

        var friendCount = submission.Friends.Count + submission.FriendUrls.Count;
        if (friendCount == 0)
            errors["tiles"] = ["Add at least one friend's picture (upload it or give its address)."];
        else if (friendCount > options.Value.MaxFriends)
            errors["tiles"] = [$"At most {options.Value.MaxFriends:N0} friends' pictures per mosaic; you gave {friendCount:N0}."];

        var totalBytes = submission.Friends.Sum(f => f.Length) + (submission.Target?.Length ?? 0);
        if (totalBytes > options.Value.MaxSubmissionBytes)
            errors[""] = [$"All the pictures together are {PictureSize.Megabytes(totalBytes)}; the limit is {PictureSize.Megabytes(options.Value.MaxSubmissionBytes)}."];

        var badUrls = submission.FriendUrls
            .Where(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            .Take(3)
            .Select(u => $"“{u}” is not an http or https address.")
            .ToArray();
        if (badUrls.Length > 0)
            errors["tileUrls"] = badUrls;
        return errors;
    }

    /// <summary>The output's size, from the target's upright size, the crop and the layout; a mosaic above the
    /// pixel limit is refused here, in the words the form shows before sending.</summary>
    private (int Width, int Height) CheckOutputSize(MosaicRequest request, Dictionary<string, string[]> errors)
    {
        var target = PictureProbe.CheckUpright(inputs.PathOf(request.MosaicId, "target")!);
        var size = OutputSizeOf(request.Options, target.Width, target.Height);
        if (MosaicLimits.CheckOutputSize(size.Width, size.Height) is { } tooLarge)
            errors["output"] = [tooLarge];
        return size;
    }

    /// <summary>The output's size in pixels for these options over a target of this upright size.</summary>
    public static (int Width, int Height) OutputSizeOf(MosaicOptions options, int targetWidth, int targetHeight)
    {
        ArgumentNullException.ThrowIfNull(options);
        var crop = options.Crop ?? new CropBox(0, 0, 1, 1);
        return MosaicLimits.OutputSize(options.Columns, options.TileSize, crop.Width * targetWidth, crop.Height * targetHeight);
    }

    /// <summary>Saves and probes every upload; null when one is not a usable picture (the errors say which).</summary>
    private async Task<MosaicRequest?> StoreAsync(string id, MosaicSubmission submission, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxPictureBytes;
        if (await SaveAsync(id, "target", submission.Target!, maxBytes, cancellationToken) is { } targetProblem)
            errors["target"] = [$"The target picture “{submission.Target!.FileName}” {targetProblem}"];

        var friends = new List<PictureRef>(submission.Friends.Count + submission.FriendUrls.Count);
        var friendProblems = new List<string>();
        for (var i = 0; i < submission.Friends.Count; i++)
        {
            var name = "friend-" + i.ToString("D4", CultureInfo.InvariantCulture);
            var problem = await SaveAsync(id, name, submission.Friends[i], maxBytes, cancellationToken);
            if (problem is null)
                friends.Add(PictureRef.Upload(name, submission.Friends[i].FileName));
            else
                friendProblems.Add($"“{submission.Friends[i].FileName}” {problem}");
        }

        if (friendProblems.Count > 0)
            errors["tiles"] = [.. friendProblems.Take(5)];
        if (errors.Count > 0)
            return null;

        friends.AddRange(submission.FriendUrls.Select(PictureRef.Url));
        return new MosaicRequest
        {
            MosaicId = id,
            OwnerId = submission.OwnerId,
            Target = PictureRef.Upload("target", submission.Target!.FileName),
            Friends = friends,
            Options = submission.Options,
        };
    }

    /// <summary>Stores one upload and reads its header; returns what is wrong with it, or null.</summary>
    private async Task<string?> SaveAsync(string id, string storedName, SubmittedPicture picture, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = picture.Open(maxBytes);
            var path = await inputs.SaveAsync(id, storedName, content, maxBytes, cancellationToken);
            PictureProbe.Check(path);
            return null;
        }
        catch (Exception ex) when (ex is MosaicInputException or InputTooLargeException)
        {
            return ex.Message;
        }
        catch (IOException ex) when (ex.Message.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase))
        {
            // The browser's upload stream says so when a file is over the limit.
            return InputTooLargeException.Over(maxBytes).Message;
        }
    }

    private bool Enqueue(MosaicRequest request, (int Width, int Height) size)
    {
        try
        {
            board.MarkQueued(request.MosaicId, request.OwnerId, size.Width, size.Height);
            var job = jobs.Create<RenderMosaicJob>(
                job => job.RunAsync(request, null, CancellationToken.None),
                new EnqueuedState(MosaicPipeline.QueueName));
            owners.Add(request.OwnerId, request.MosaicId, request.CreatedAt);
            board.AttachJob(request.MosaicId, job);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not enqueue mosaic {MosaicId}", request.MosaicId);
            return false;
        }
    }

    private SubmissionOutcome Abandon(string id)
    {
        inputs.Delete(id);
        return SubmissionOutcome.Unavailable();
    }
}

using System.Globalization;
using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends.Import;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.Status;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>Checks a submission, keeps its uploads (a zip's pictures one by one, each hashed), and puts one job on the
/// <c>mosaics</c> queue. It renders nothing, and it asks no social network anything: friends from an account are
/// imported by the worker, as the job's first stage, so a slow network never holds a web request.</summary>
public sealed class MosaicSubmitter(
    InputStore inputs,
    MosaicStatusBoard board,
    IBackgroundJobClient jobs,
    OwnerIndex owners,
    IOptions<FrintrWebOptions> options,
    ILogger<MosaicSubmitter> logger)
{
    public async Task<SubmissionOutcome> SubmitAsync(MosaicSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var source = SourceOf(submission);
        var list = FriendListParser.Parse(submission.FriendUrls);
        var errors = CheckShape(submission, source, list);
        if (errors.Count > 0)
            return SubmissionOutcome.Invalid(errors);

        var id = MosaicId.New();
        try
        {
            var request = await StoreAsync(id, submission, source, list, errors, cancellationToken);
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

    /// <summary>The source asked for, or the one the submission implies: uploads when pictures came, else the list.</summary>
    private static FriendsSource SourceOf(MosaicSubmission submission) =>
        submission.FriendsSource ?? (submission.Friends.Count == 0 && submission.FriendUrls.Count > 0 ? FriendsSource.Urls : FriendsSource.Upload);

    private Dictionary<string, string[]> CheckShape(MosaicSubmission submission, FriendsSource source, FriendListParse list)
    {
        var errors = MosaicRequestRules.CheckOptions(submission.Options);
        var pictures = submission.Friends.Count + list.Friends.Count;
        foreach (var (field, messages) in MosaicRequestRules.CheckSource(
                     source, submission.Account, submission.TargetFromAccount, submission.Target is not null, pictures > 0 && !source.IsList()))
        {
            errors[field] = messages;
        }

        if (source.IsList())
        {
            if (pictures == 0 && list.Problems.Count == 0)
                errors["tiles"] = ["Add at least one friend's picture (upload it or give its address)."];
            else if (pictures > options.Value.MaxFriends)
                errors["tiles"] = [$"At most {options.Value.MaxFriends:N0} friends' pictures per mosaic; you gave {pictures:N0}."];
            if (list.Problems.Count > 0)
                errors["tileUrls"] = [.. list.Problems.Take(3)];
        }

        var totalBytes = submission.Friends.Sum(f => f.Length) + (submission.Target?.Length ?? 0);
        if (totalBytes > options.Value.MaxSubmissionBytes)
            errors[""] = [$"All the pictures together are {PictureSize.Megabytes(totalBytes)}; the limit is {PictureSize.Megabytes(options.Value.MaxSubmissionBytes)}."];
        return errors;
    }

    /// <summary>The output's size, from the target's upright size, the crop and the layout; a mosaic above the
    /// pixel limit is refused here, in the words the form shows before sending. With the account's own picture as the
    /// target its size is not known yet: the worker checks it (0 × 0 here).</summary>
    private (int Width, int Height) CheckOutputSize(MosaicRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Target is null)
            return default;
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
    private async Task<MosaicRequest?> StoreAsync(
        string id, MosaicSubmission submission, FriendsSource source, FriendListParse list, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxPictureBytes;
        PictureRef? target = null;
        if (submission.Target is { } picture)
        {
            var (stored, problem) = await SaveAsync(id, "target", picture, maxBytes, cancellationToken);
            if (problem is not null)
                errors["target"] = [$"The target picture “{picture.FileName}” {problem}"];
            else
                target = PictureRef.Upload("target", picture.FileName, stored!.ContentHash);
        }

        var friends = new List<PictureRef>();
        var friendProblems = new List<string>();
        foreach (var upload in source.IsList() ? submission.Friends : [])
        {
            if (await IsZipAsync(upload))
                friendProblems.AddRange(await UnpackAsync(id, upload, friends, cancellationToken));
            else if (await SaveFriendAsync(id, friends, upload.FileName, max => upload.Open(max), cancellationToken) is { } problem)
                friendProblems.Add($"“{upload.FileName}” {problem}");
        }

        if (friendProblems.Count > 0)
            errors["tiles"] = [.. friendProblems.Take(5)];
        else if (friends.Count + list.Friends.Count > options.Value.MaxFriends)
            errors["tiles"] = [$"At most {options.Value.MaxFriends:N0} friends' pictures per mosaic; you gave {friends.Count + list.Friends.Count:N0}."];
        if (errors.Count > 0)
            return null;

        if (source.IsList())
            friends.AddRange(list.Friends.Select(f => PictureRef.Url(f.Url, f.Name)));
        return new MosaicRequest
        {
            MosaicId = id,
            OwnerId = submission.OwnerId,
            Target = target,
            Friends = friends,
            FriendsSource = source,
            Account = source.IsNetwork() ? FriendAccount.Normalize(source, submission.Account, out _) : null,
            Relation = submission.Relation,
            TargetFromAccount = submission.TargetFromAccount,
            Options = submission.Options,
        };
    }

    private static async Task<bool> IsZipAsync(SubmittedPicture upload)
    {
        var head = new byte[4];
        try
        {
            await using var content = upload.Open(long.MaxValue);
            var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
            return ZipPictures.StartsLikeZip(head.AsSpan(0, read));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A zip's pictures become friends one by one (its entries' names are only shown, never used as paths).</summary>
    private async Task<IEnumerable<string>> UnpackAsync(string id, SubmittedPicture upload, List<PictureRef> friends, CancellationToken cancellationToken)
    {
        var zipName = "upload-" + friends.Count.ToString("D4", CultureInfo.InvariantCulture);
        StoredInput zip;
        try
        {
            await using var content = upload.Open(options.Value.MaxSubmissionBytes);
            zip = await inputs.SaveAsync(id, zipName, content, options.Value.MaxSubmissionBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is InputTooLargeException || IsBrowserOverLimit(ex))
        {
            return [$"“{upload.FileName}” is larger than {PictureSize.Megabytes(options.Value.MaxSubmissionBytes)}."];
        }

        try
        {
            var limits = new ZipLimits(options.Value.MaxFriends, options.Value.MaxPictureBytes, options.Value.MaxSubmissionBytes);
            var entryProblems = new List<string>();
            var problem = await ZipPictures.ExtractAsync(zip.Path, limits, async (name, entry) =>
            {
                var entryProblem = await SaveFriendAsync(id, friends, name, _ => entry, cancellationToken);
                // Only a picture that is too large is the person's problem; other files are just not pictures.
                if (entryProblem is not null && entryProblem.Contains("larger than", StringComparison.Ordinal))
                    entryProblems.Add($"“{name}” in “{upload.FileName}” {entryProblem}");
                return entryProblem is null;
            }, cancellationToken);
            return problem is null ? entryProblems : [.. entryProblems, $"“{upload.FileName}”: {problem}"];
        }
        finally
        {
            File.Delete(zip.Path);
        }
    }

    /// <summary>Keeps one friend's picture as the next <c>friend-NNNN</c>; returns what is wrong with it, or null.</summary>
    private async Task<string?> SaveFriendAsync(string id, List<PictureRef> friends, string shownName, Func<long, Stream> open, CancellationToken cancellationToken)
    {
        var name = "friend-" + friends.Count.ToString("D4", CultureInfo.InvariantCulture);
        var (stored, problem) = await SaveAsync(id, name, new SubmittedPicture(shownName, 0, open), options.Value.MaxPictureBytes, cancellationToken);
        if (problem is not null)
        {
            var path = inputs.PathOf(id, name);
            if (path is not null)
                File.Delete(path);
            return problem;
        }

        friends.Add(PictureRef.Upload(name, shownName, stored!.ContentHash));
        return null;
    }

    /// <summary>Stores one upload and reads its header; returns it, or what is wrong with it.</summary>
    private async Task<(StoredInput? Stored, string? Problem)> SaveAsync(string id, string storedName, SubmittedPicture picture, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = picture.Open(maxBytes);
            var stored = await inputs.SaveAsync(id, storedName, content, maxBytes, cancellationToken);
            PictureProbe.Check(stored.Path);
            return (stored, null);
        }
        catch (Exception ex) when (ex is MosaicInputException or InputTooLargeException)
        {
            return (null, ex.Message);
        }
        catch (IOException ex) when (IsBrowserOverLimit(ex))
        {
            return (null, InputTooLargeException.Over(maxBytes).Message);
        }
    }

    // The browser's upload stream says so when a file is over the limit.
    private static bool IsBrowserOverLimit(Exception ex) =>
        ex is IOException && ex.Message.Contains("exceeds the maximum", StringComparison.OrdinalIgnoreCase);

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

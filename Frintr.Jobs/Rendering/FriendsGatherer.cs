using System.Diagnostics;
using Frintr.Imaging;
using Frintr.Imaging.Preparation;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;
using Frintr.Jobs.Friends.Cache;
using Frintr.Jobs.Friends.Fetch;
using Frintr.Jobs.Friends.Import;
using Frintr.Jobs.Friends.Library;
using Frintr.Jobs.Status;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>The job's first stage: who the friends are (<see cref="FriendSources"/>: the request's pictures, an
/// imported account, the built-in library), then each friend's prepared tile, from the tile cache when it has it,
/// else downloaded (<see cref="PictureFetcher"/>), prepared once and cached; and the target. A friend who cannot be
/// fetched is skipped and counted with the reason; the mosaic fails only with fewer than
/// <see cref="FriendsOptions.MinimumFetched"/> friends, or without a target.</summary>
public sealed class FriendsGatherer(
    FriendSources sources,
    PictureFetcher fetcher,
    ITileCache cache,
    BuiltinLibrary library,
    JobProgress progress,
    MosaicStatusBoard board,
    IOptions<WorkerOptions> worker,
    IOptions<FriendsOptions> friendsOptions,
    IOptions<TileCacheOptions> cacheOptions,
    TimeProvider time,
    ILogger<FriendsGatherer> logger)
{
    /// <summary>Friends' pictures decoded at once: decoding is CPU work, downloads are not.</summary>
    private static readonly SemaphoreSlim Decoding = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<GatheredInputs> GatherAsync(MosaicRequest request, string scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.StartNew();
        var id = request.MosaicId;
        await progress.ReportAsync(id, "fetch", 0, cancellationToken);

        var tileSize = request.Options.TileSize;
        var list = await sources.ResolveAsync(request, TilePreparation.ThumbnailSide(tileSize), cancellationToken);
        var job = new Job(request, list, new FriendTally(list), new DownloadBudget(friendsOptions.Value.JobDownloadBytes),
            TilePreparation.Format(tileSize), tileSize);
        progress.TrackFriends(id, job.Tally.Snapshot);
        MarkFriends(job);

        var targetPath = Path.Combine(scratch, "target");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var target = FetchTargetAsync(job, targetPath, stop.Token);
        Prepared?[] prepared;
        try
        {
            prepared = await PrepareFriendsAsync(job, stop.Token);
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(target);
            throw;
        }

        await target;
        var counts = job.Tally.Snapshot();
        MarkFriends(job);
        if (counts.Fetched < friendsOptions.Value.MinimumFetched)
            throw new FriendsUnavailableException(TooFew(counts), counts);

        // One tile per distinct picture: two friends with the same picture would otherwise sit side by side.
        var tiles = new List<PreparedTile>();
        var profiles = new Dictionary<string, FriendProfile>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < prepared.Length; i++)
        {
            if (prepared[i] is not { } tile || !seen.Add(tile.ContentHash))
                continue;
            var friendId = "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tiles.Add(new PreparedTile(friendId, tile.Picture));
            profiles[friendId] = list.Friends[i].Profile;
        }

        logger.LogInformation("Mosaic {MosaicId}: {Fetched} of {Requested} friends ({FromCache} from the cache), {Failed} failed, {WithoutPicture} without a picture, in {Elapsed} ms",
            id, counts.Fetched, counts.Requested, counts.FromCache, counts.Failed, counts.WithoutPicture, started.ElapsedMilliseconds);
        return new GatheredInputs(targetPath, tiles, job.Tally.Lines, profiles, started.ElapsedMilliseconds) { Friends = counts };
    }

    private async Task FetchTargetAsync(Job job, string path, CancellationToken cancellationToken)
    {
        var request = job.Request;
        var picture = request.TargetFromAccount
            ? PictureRef.Url(job.List.AccountPicture ?? throw new FriendsUnavailableException(
                $"Your {request.FriendsSource.DisplayName()} account has no profile picture of its own to rebuild; choose a target picture instead."))
            : request.Target ?? throw new FriendsUnavailableException("This mosaic has no target picture.");
        try
        {
            await using var file = File.Create(path);
            await fetcher.DownloadAsync(request.MosaicId, picture, file, job.Budget, known: null, cancellationToken);
        }
        catch (PictureFetchException ex) when (request.TargetFromAccount)
        {
            throw new FriendsUnavailableException("Your profile picture could not be fetched: " + ex.Message, innerException: ex);
        }
    }

    /// <summary>Each friend's prepared tile, or null for one who is missing (the tally says why).</summary>
    private async Task<Prepared?[]> PrepareFriendsAsync(Job job, CancellationToken cancellationToken)
    {
        var friends = job.List.Friends;
        var results = new Prepared?[friends.Count];
        var known = new UrlRecord?[friends.Count];
        var pending = new List<int>();

        // Pictures whose hash is known (uploads, the built-in library): straight from the cache.
        var hashed = Enumerable.Range(0, friends.Count).Where(i => friends[i].Picture.ContentHash is not null).ToList();
        await FromCacheAsync(job, hashed, i => friends[i].Picture.ContentHash!, results, pending, cancellationToken);

        // URLs: their last content hash, trusted for a while without asking their server.
        var urls = Enumerable.Range(0, friends.Count).Where(i => friends[i].Picture.Source == PictureSource.Url).ToList();
        var records = await cache.GetUrlsAsync([.. urls.Select(i => friends[i].Picture.Location)], cancellationToken);
        var trusted = new List<int>();
        var now = time.GetUtcNow();
        for (int k = 0; k < urls.Count; k++)
        {
            var i = urls[k];
            known[i] = records[k];
            if (records[k] is not { } record || now - record.CheckedAt > cacheOptions.Value.TrustUrlsFor)
                pending.Add(i);
            else if (record.NoOwnPicture)
                Count(job, () => job.Tally.WithoutPicture());
            else if (record.ContentHash is not null)
                trusted.Add(i);
            else
                pending.Add(i);
        }

        await FromCacheAsync(job, trusted, i => known[i]!.ContentHash!, results, pending, cancellationToken);
        pending.AddRange(Enumerable.Range(0, friends.Count).Where(i => friends[i].Picture is { Source: PictureSource.Upload, ContentHash: null }));

        await Parallel.ForEachAsync(pending.Distinct().Order(),
            new ParallelOptions { MaxDegreeOfParallelism = worker.Value.ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await FetchOneAsync(job, i, known[i], ct));
        return results;
    }

    private async Task FromCacheAsync(Job job, List<int> friends, Func<int, string> hashOf, Prepared?[] results, List<int> misses, CancellationToken cancellationToken)
    {
        if (friends.Count == 0)
            return;
        var hits = await cache.GetTilesAsync(job.Format, job.TileSize, [.. friends.Select(hashOf)], cancellationToken);
        for (int k = 0; k < friends.Count; k++)
        {
            var i = friends[k];
            if (hits[k] is { } picture)
            {
                results[i] = new Prepared(hashOf(i), picture);
                Count(job, () => job.Tally.Fetched(fromCache: true));
            }
            else
            {
                misses.Add(i);
            }
        }
    }

    private async Task<Prepared?> FetchOneAsync(Job job, int index, UrlRecord? known, CancellationToken cancellationToken)
    {
        var friend = job.List.Friends[index];
        try
        {
            var (prepared, fromCache, isIdenticon, open) = await BringAsync(job, friend, known, cancellationToken);
            if (isIdenticon)
            {
                Count(job, () => job.Tally.WithoutPicture());
                return null;
            }

            Count(job, () => job.Tally.Fetched(fromCache), open);
            return prepared;
        }
        catch (PictureFetchException ex)
        {
            Count(job, () => job.Tally.Failed(ex.Reason, friend.Profile.Name, ex.Message));
        }
        catch (MosaicInputException ex)
        {
            Count(job, () => job.Tally.Failed(FetchReason.Unreadable, friend.Profile.Name, $"{PictureFetcher.Describe(friend.Picture)}: {ex.Message}"));
        }

        return null;
    }

    /// <summary>The friend's prepared tile, whether it came from the cache, whether it is a generated placeholder, and
    /// a way to read the picture again while it is at hand (for the faces the page shows arriving).</summary>
    private async Task<(Prepared Prepared, bool FromCache, bool IsIdenticon, Func<Stream>? Open)> BringAsync(
        Job job, FriendRef friend, UrlRecord? known, CancellationToken cancellationToken)
    {
        var picture = friend.Picture;
        if (picture.Source == PictureSource.Builtin)
        {
            var path = library.PathOf(picture);
            Stream Read() => File.OpenRead(path);
            return (await PrepareAsync(job, picture.ContentHash!, Read, cancellationToken), false, false, Read);
        }

        using var bytes = new MemoryStream();
        var download = await fetcher.DownloadAsync(job.Request.MosaicId, picture, bytes, job.Budget, known, cancellationToken);
        var fromCache = false;
        PreparedPicture? cached = null;
        if (download.NotModified)
        {
            cached = (await cache.GetTilesAsync(job.Format, job.TileSize, [download.ContentHash], cancellationToken))[0];
            fromCache = cached is not null;
            if (cached is null)
                download = await fetcher.DownloadAsync(job.Request.MosaicId, picture, bytes, job.Budget, known: null, cancellationToken);
        }
        else if (picture.ContentHash is null)
        {
            // The same bytes may be cached under another address (or another upload).
            cached = (await cache.GetTilesAsync(job.Format, job.TileSize, [download.ContentHash], cancellationToken))[0];
        }

        var (buffer, length) = (bytes.GetBuffer(), (int)bytes.Length);
        Stream Open() => new MemoryStream(buffer, 0, length, writable: false);
        var prepared = cached is not null
            ? new Prepared(download.ContentHash, cached)
            : await PrepareAsync(job, download.ContentHash, Open, cancellationToken);
        var isIdenticon = friend.MayBeIdenticon && Identicon.Looks(prepared.Picture.Thumbnail, prepared.Picture.Side);
        if (picture.Source == PictureSource.Url)
        {
            await cache.PutUrlAsync(picture.Location, new UrlRecord(isIdenticon ? null : download.ContentHash, download.ETag, download.LastModified, time.GetUtcNow())
            {
                NoOwnPicture = isIdenticon,
            }, cancellationToken);
        }

        return (prepared, fromCache, isIdenticon, length > 0 ? Open : null);
    }

    private async Task<Prepared> PrepareAsync(Job job, string hash, Func<Stream> open, CancellationToken cancellationToken)
    {
        await Decoding.WaitAsync(cancellationToken);
        PreparedPicture picture;
        try
        {
            picture = TilePreparation.Prepare(open, job.TileSize, cancellationToken);
        }
        finally
        {
            Decoding.Release();
        }

        await cache.PutTileAsync(job.Format, hash, picture, cancellationToken);
        return new Prepared(hash, picture);
    }

    /// <summary>Counts one friend and tells the page and the board (throttled, with the friends' counts;
    /// <paramref name="picture"/> may become a face the page shows arriving).</summary>
    private void Count(Job job, Action count, Func<Stream>? picture = null)
    {
        count();
        _ = progress.ReportFetchedAsync(job.Request.MosaicId, job.Tally.Done, job.List.Friends.Count, picture, CancellationToken.None);
    }

    /// <summary>The counts on the board now, unthrottled: once the friends are known, and once they are all in.</summary>
    private void MarkFriends(Job job)
    {
        try
        {
            board.MarkFriends(job.Request.MosaicId, job.Tally.Snapshot());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Advisory, like all progress: the completion note carries the final counts.
            logger.LogDebug(ex, "Friend counts of {MosaicId} not stored", job.Request.MosaicId);
        }
    }

    private static string TooFew(FriendCounts counts)
    {
        if (counts.Requested == 0)
            return "No friends were found to make the mosaic from." + NotesOf(counts);
        var missing = counts.Requested - counts.Fetched;
        var reasons = counts.Reasons.Select(r => $"{r.Count:N0}: {r.Reason}").ToList();
        if (counts.WithoutPicture > 0)
            reasons.Add($"{counts.WithoutPicture:N0}: no picture of their own");
        return $"{missing:N0} of {counts.Requested:N0} friends' pictures could not be used ({string.Join("; ", reasons)}), so there is nothing to build the mosaic from." + NotesOf(counts);
    }

    private static string NotesOf(FriendCounts counts) => counts.Notes.Count > 0 ? " " + string.Join(" ", counts.Notes) : string.Empty;

    private sealed record Prepared(string ContentHash, PreparedPicture Picture);

    private sealed class Job(MosaicRequest request, FriendList list, FriendTally tally, DownloadBudget budget, string format, int tileSize)
    {
        public MosaicRequest Request { get; } = request;

        public FriendList List { get; } = list;

        public FriendTally Tally { get; } = tally;

        public DownloadBudget Budget { get; } = budget;

        public string Format { get; } = format;

        public int TileSize { get; } = tileSize;
    }
}

/// <summary>What the gathering stage brought: the target's file, the friends' prepared tiles (one per distinct
/// picture), why the others are missing (one line per friend, for the person), and who each tile is (keyed by
/// <see cref="PreparedTile.FriendId"/>, unique per tile).</summary>
public sealed record GatheredInputs(
    string TargetPath,
    IReadOnlyList<PreparedTile> Tiles,
    IReadOnlyList<string> Unreachable,
    IReadOnlyDictionary<string, FriendProfile> Profiles,
    long ElapsedMs)
{
    /// <summary>How the friends fared, for the status API and the completion note.</summary>
    public FriendCounts Friends { get; init; } = new();
}

using System.Diagnostics;
using System.Globalization;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>The job's first stage: brings the target and the friends' pictures to the worker's scratch folder.
/// A friend who cannot be fetched is skipped and said so; only a missing target, or no friend at all, fails.</summary>
public sealed class FriendsGatherer(PictureFetcher fetcher, JobProgress progress, IOptions<WorkerOptions> options)
{
    public async Task<GatheredInputs> GatherAsync(MosaicRequest request, string scratch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var id = request.MosaicId;
        await progress.ReportAsync(id, "fetch", 0, cancellationToken);

        var target = Path.Combine(scratch, "target");
        await fetcher.FetchAsync(id, request.Target, target, cancellationToken);
        var (tiles, unreachable) = await FetchFriendsAsync(request, scratch, cancellationToken);
        var profiles = new Dictionary<string, FriendProfile>(StringComparer.Ordinal);
        foreach (var tile in tiles)
            profiles.TryAdd(tile.FriendId, new FriendProfile(tile.FriendId));
        return new GatheredInputs(target, tiles, unreachable, profiles, started.ElapsedMilliseconds);
    }

    /// <summary>Downloads friends' pictures in parallel; one that cannot be fetched is skipped, not fatal.</summary>
    private async Task<(List<TileInput> Tiles, List<string> Unreachable)> FetchFriendsAsync(
        MosaicRequest request, string scratch, CancellationToken cancellationToken)
    {
        var fetched = new TileInput?[request.Friends.Count];
        var unreachable = new string?[request.Friends.Count];
        var done = 0;
        await Parallel.ForAsync(0, request.Friends.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var friend = request.Friends[i];
                var path = Path.Combine(scratch, "friend-" + i.ToString(CultureInfo.InvariantCulture));
                try
                {
                    await fetcher.FetchAsync(request.MosaicId, friend, path, ct);
                    fetched[i] = new TileInput(friend.DisplayName, () => File.OpenRead(path));
                }
                catch (PictureFetchException ex)
                {
                    unreachable[i] = ex.Message;
                }

                var count = Interlocked.Increment(ref done);
                await progress.ReportFetchedAsync(request.MosaicId, count, request.Friends.Count, fetched[i] is null ? null : path, ct);
            });

        var tiles = fetched.OfType<TileInput>().ToList();
        if (tiles.Count == 0)
            throw new PictureFetchException("None of the friends' pictures could be downloaded: " + unreachable.FirstOrDefault(u => u is not null));
        return (tiles, unreachable.OfType<string>().ToList());
    }
}

/// <summary>What the gathering stage brought: the target's file, the friends' pictures as tiles, why the others are
/// missing (one line per friend, for the person), and who each tile is (keyed by <see cref="TileInput.FriendId"/>).</summary>
public sealed record GatheredInputs(
    string TargetPath,
    IReadOnlyList<TileInput> Tiles,
    IReadOnlyList<string> Unreachable,
    IReadOnlyDictionary<string, FriendProfile> Profiles,
    long ElapsedMs);

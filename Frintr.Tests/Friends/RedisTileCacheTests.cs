using Frintr.Imaging.Preparation;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends.Cache;
using Frintr.Jobs.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Frintr.Tests.Friends;

/// <summary>The shared tile cache in a real redis-server of its own: what one worker prepared, another uses.</summary>
public sealed class RedisTileCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public Task DisposeAsync()
    {
        _redis.Dispose();
        return Task.CompletedTask;
    }

    private ServiceProvider Worker() => FriendsServices.Build(new Dictionary<string, string?> { ["ConnectionStrings:TileCache"] = _redis.ConnectionString });

    [Fact]
    public async Task Tiles_and_urls_round_trip_and_expire()
    {
        await using var services = Worker();
        var cache = services.GetRequiredService<ITileCache>();
        Assert.IsType<RedisTileCache>(cache);
        var picture = TilePreparation.Prepare(() => new MemoryStream(TestPictures.Gradient(80, 60, SKColors.Coral, SKColors.Navy, SKEncodedImageFormat.Jpeg)), 20);
        var format = TilePreparation.Format(20);

        await cache.PutTileAsync(format, "abc", picture, CancellationToken.None);
        await cache.PutUrlAsync("https://example.com/a.jpg", new UrlRecord("abc", "\"e1\"", null, DateTimeOffset.UtcNow), CancellationToken.None);
        var tiles = await cache.GetTilesAsync(format, 20, ["abc", "missing"], CancellationToken.None);
        var urls = await cache.GetUrlsAsync(["https://example.com/a.jpg", "https://example.com/b.jpg"], CancellationToken.None);

        Assert.Equal(picture.ToBytes(), tiles[0]!.ToBytes());
        Assert.Null(tiles[1]);
        Assert.Equal(("abc", "\"e1\""), (urls[0]!.ContentHash, urls[0]!.ETag));
        Assert.Null(urls[1]);
        // Another tile size (or another engine build) never reads it.
        Assert.Null((await cache.GetTilesAsync(TilePreparation.Format(24), 24, ["abc"], CancellationToken.None))[0]);
        using var redis = await _redis.ConnectAsync();
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"{RedisTileCache.Prefix}tile:{format}:abc");
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task What_one_worker_prepared_the_next_uses_without_downloading()
    {
        var served = 0;
        await using var cdn = await FakeWebServer.StartAsync(app => app.MapGet("/{n}.jpg", (int n) =>
        {
            Interlocked.Increment(ref served);
            return Results.Bytes(FakeSocialNetworks.AvatarBytes(n), "image/jpeg");
        }));
        var scratch = Directory.CreateTempSubdirectory("frintr-redis-cache-").FullName;
        MosaicRequest Request() => new()
        {
            MosaicId = MosaicId.New(),
            OwnerId = "test",
            Target = PictureRef.Url(cdn.Url("100.jpg").ToString()),
            FriendsSource = FriendsSource.Urls,
            Friends = [.. Enumerable.Range(0, 20).Select(i => PictureRef.Url(cdn.Url($"{i}.jpg").ToString()))],
        };

        try
        {
            await using (var first = Worker())
                Assert.Equal(0, (await first.GetRequiredService<FriendsGatherer>().GatherAsync(Request(), scratch, CancellationToken.None)).Friends.FromCache);
            await using var second = Worker();
            var inputs = await second.GetRequiredService<FriendsGatherer>().GatherAsync(Request(), scratch, CancellationToken.None);

            Assert.Equal((20, 20), (inputs.Friends.Fetched, inputs.Friends.FromCache));
            Assert.Equal(20 + 2, served);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_cache_that_is_away_answers_not_there_and_the_mosaic_goes_on()
    {
        await using var services = FriendsServices.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:TileCache"] = $"127.0.0.1:{FreePort.Next()},abortConnect=false,connectTimeout=200,syncTimeout=200,asyncTimeout=200",
        });
        var cache = services.GetRequiredService<ITileCache>();

        var tiles = await cache.GetTilesAsync("f", 20, ["a", "b"], CancellationToken.None);

        Assert.Equal([null, null], tiles);
    }
}

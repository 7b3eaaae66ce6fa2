using Frintr.Jobs.Contracts;
using Frintr.Web.Mosaics.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SkiaSharp;
using StackExchange.Redis;

namespace Frintr.Tests.Security;

/// <summary>Anyone may watch a mosaic on the hub, but only one that exists, and only so many per connection: each
/// watched mosaic is a group, and with Redis a channel subscription on the backplane.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class HubWatchTests(ProxiedFrintr frintr)
{
    [Fact]
    public async Task Watching_a_mosaic_that_does_not_exist_is_refused_and_subscribes_to_nothing()
    {
        await using var hub = await ConnectAsync();
        var unknown = MosaicId.New();

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, unknown));

        Assert.Contains("No mosaic has this id", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await BackplaneChannelsAsync(unknown));
    }

    [Fact]
    public async Task Watching_a_mosaic_that_exists_answers_where_it_stands_and_subscribes_to_it()
    {
        var id = await SubmitAsync("203.0.113.50");
        await using var hub = await ConnectAsync();

        var status = await hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, id);

        Assert.Equal(MosaicState.Queued, status.Status);
        Assert.NotEmpty(await BackplaneChannelsAsync(id));
    }

    [Fact]
    public async Task One_connection_watches_at_most_the_cap_and_watching_one_again_does_not_count()
    {
        var ids = new List<string>();
        for (var i = 0; i <= MosaicHub.MaxWatchesPerConnection; i++)
            ids.Add(await SubmitAsync($"203.0.113.{60 + (i / 10)}"));
        await using var hub = await ConnectAsync();

        foreach (var id in ids.Take(MosaicHub.MaxWatchesPerConnection))
            await hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, id);
        await hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, ids[0]);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, ids[^1]));
        await using var another = await ConnectAsync();
        var elsewhere = await another.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, ids[^1]);

        Assert.Contains($"at most {MosaicHub.MaxWatchesPerConnection} mosaics", refused.Message, StringComparison.Ordinal);
        Assert.Equal(MosaicState.Queued, elsewhere.Status);
    }

    private async Task<HubConnection> ConnectAsync()
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(frintr.Web.BaseUrl, MosaicHubContract.Path.TrimStart('/'))).Build();
        await hub.StartAsync();
        return hub;
    }

    private async Task<string> SubmitAsync(string client)
    {
        using var http = frintr.ViaProxy(client);
        return await MosaicApiClient.SubmitOkAsync(http, (TestPictures.Solid(SKColors.Teal), "me.png"), [(TestPictures.Solid(SKColors.Gold), "friend.png")]);
    }

    /// <summary>The backplane's Redis channels for this mosaic's group.</summary>
    private async Task<RedisResult[]> BackplaneChannelsAsync(string mosaicId)
    {
        await using var redis = await frintr.Redis.ConnectAsync();
        var channels = await redis.GetServer(redis.GetEndPoints()[0]).ExecuteAsync("PUBSUB", "CHANNELS", $"*{MosaicHub.GroupOf(mosaicId)}*");
        return (RedisResult[])channels!;
    }
}

using System.Diagnostics;
using System.Net;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends.Fetch;
using Frintr.Jobs.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Frintr.Tests.Friends;

/// <summary>The worker's fetcher against servers that misbehave: each failure costs one friend, with a reason, never
/// the mosaic, and never more time or bytes than its limits.</summary>
public sealed class PictureFetcherTests : IAsyncLifetime
{
    private const long Cap = 1024 * 1024;
    private static readonly byte[] Jpeg = TestPictures.Gradient(64, 64, SKColors.Teal, SKColors.White, SKEncodedImageFormat.Jpeg);
    private FakeWebServer _server = null!;
    private RawHttpServer _endless = null!;
    private RawHttpServer _cut = null!;
    private ServiceProvider _services = null!;
    private ServiceProvider _patient = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeWebServer.StartAsync(app =>
        {
            app.MapGet("/ok.jpg", async (HttpContext http) =>
            {
                await Task.Delay(5);
                return Results.Bytes(Jpeg, "image/jpeg");
            });
            app.MapGet("/page.jpg", () => Results.Text("<!DOCTYPE html><html><body>Not found, but 200</body></html>", "image/jpeg"));
            app.MapGet("/declared-huge.jpg", (HttpContext http) =>
            {
                http.Response.ContentType = "image/jpeg";
                http.Response.ContentLength = 5L * 1024 * 1024 * 1024;
                return http.Response.Body.WriteAsync(Jpeg.AsMemory(0, 100)).AsTask();
            });
            app.MapGet("/slow.jpg", async (HttpContext http) =>
            {
                http.Response.ContentType = "image/jpeg";
                await http.Response.Body.WriteAsync(Jpeg.AsMemory(0, 20));
                await http.Response.Body.FlushAsync();
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
            });
            app.MapGet("/to-loopback.jpg", () => Results.Redirect("http://127.0.0.1:9/secret.jpg"));
        }, address: "127.0.0.2");
        _endless = RawHttpServer.Start("127.0.0.2", async (socket, server) =>
        {
            // Five gigabytes, if anyone reads that far: a JPEG's start, then zeros, no Content-Length.
            await server.SendAsync(socket, RawHttpServer.Head("image/jpeg", contentLength: null));
            await server.SendAsync(socket, Jpeg.AsMemory(0, 20));
            var block = new byte[64 * 1024];
            for (long sent = 0; sent < 5L * 1024 * 1024 * 1024; sent += block.Length)
                await server.SendAsync(socket, block);
        });
        _cut = RawHttpServer.Start("127.0.0.2", async (socket, server) =>
        {
            // Half the picture it promised, then a clean close.
            await server.SendAsync(socket, RawHttpServer.Head("image/jpeg", Jpeg.Length));
            await server.SendAsync(socket, Jpeg.AsMemory(0, Jpeg.Length / 2));
            await server.CloseCleanlyAsync(socket);
        });
        _services = Fetching(new Dictionary<string, string?>
        {
            ["Frintr:Friends:PictureTimeout"] = "00:00:01",
            ["Frintr:Friends:AttemptTimeout"] = "00:00:00.800",
        });
        // The default time limits, for the test that is about concurrency, not time (the machine may be busy).
        _patient = Fetching([]);
    }

    private static ServiceProvider Fetching(Dictionary<string, string?> settings) => FriendsServices.Build(new Dictionary<string, string?>
    {
        ["Frintr:Worker:MaxPictureBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Frintr:Friends:PerHostDownloads"] = "4",
    }.Concat(settings).ToDictionary(), services => services.AddHttpClient(PictureFetcher.InternetClient)
        // Only the stand-in's address is allowed: 127.0.0.2 plays a public server, 127.0.0.1 the private network.
        .ConfigurePrimaryHttpMessageHandler(() => PrivateNetworkGuard.CreateHandler(a => a.Equals(IPAddress.Parse("127.0.0.2")))));

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _patient.DisposeAsync();
        await _server.DisposeAsync();
        await _endless.DisposeAsync();
        await _cut.DisposeAsync();
    }

    private Task<(Download Download, byte[] Bytes)> FetchAsync(string path, DownloadBudget? budget = null) =>
        FetchAsync(_server.Url(path), budget);

    private async Task<(Download Download, byte[] Bytes)> FetchAsync(Uri url, DownloadBudget? budget = null, ServiceProvider? services = null)
    {
        using var into = new MemoryStream();
        var download = await (services ?? _services).GetRequiredService<PictureFetcher>().DownloadAsync(
            "m", PictureRef.Url(url.ToString()), into, budget, known: null, CancellationToken.None);
        return (download, into.ToArray());
    }

    private async Task<PictureFetchException> RefusedAsync(string path, DownloadBudget? budget = null) =>
        await RefusedAsync(_server.Url(path), budget);

    private async Task<PictureFetchException> RefusedAsync(Uri url, DownloadBudget? budget = null) =>
        await Assert.ThrowsAsync<PictureFetchException>(() => FetchAsync(url, budget));

    [Fact]
    public async Task A_picture_arrives_whole_with_its_hash()
    {
        var (download, bytes) = await FetchAsync("ok.jpg");

        Assert.Equal(Jpeg, bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), download.ContentHash);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused()
    {
        var ex = await RefusedAsync("to-loopback.jpg");

        Assert.Equal(FetchReason.PrivateNetwork, ex.Reason);
    }

    [Fact]
    public async Task A_five_gigabyte_picture_is_cut_at_the_cap()
    {
        var ex = await RefusedAsync(_endless.Url("endless.jpg"));

        Assert.Equal(FetchReason.TooLarge("1 MB"), ex.Reason);
        // What the server managed to push before the client hung up: the cap, plus what the sockets buffer.
        await Eventually.TrueAsync(() => _endless.Connections == 0, "the server saw the client hang up");
        Assert.True(_endless.BytesSent < 64L * 1024 * 1024, $"{_endless.BytesSent:N0} bytes sent");
    }

    [Fact]
    public async Task A_declared_size_over_the_cap_is_refused_before_the_body()
    {
        var ex = await RefusedAsync("declared-huge.jpg");

        Assert.StartsWith("their picture is larger than", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_page_named_jpg_is_refused()
    {
        var ex = await RefusedAsync("page.jpg");

        Assert.Equal(FetchReason.WebPage, ex.Reason);
        Assert.Contains("is a web page, not a picture", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_short_is_that_friends_failure_only()
    {
        var cut = await RefusedAsync(_cut.Url("cut.jpg"));
        var (after, _) = await FetchAsync("ok.jpg");

        Assert.Equal(FetchReason.BrokeOff, cut.Reason);
        Assert.NotEmpty(after.ContentHash);
    }

    [Fact]
    public async Task A_slow_server_times_out_within_the_pictures_budget()
    {
        var clock = Stopwatch.StartNew();

        var ex = await RefusedAsync("slow.jpg");

        Assert.Equal(FetchReason.TimedOut, ex.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_missing_picture_says_the_servers_answer()
    {
        var ex = await RefusedAsync("nothing-here.jpg");

        Assert.Equal(FetchReason.Answered(404), ex.Reason);
    }

    [Fact]
    public async Task The_job_budget_stops_downloads_once_used_up()
    {
        var budget = new DownloadBudget(Jpeg.Length * 2);

        await FetchAsync("ok.jpg", budget);
        await FetchAsync("ok.jpg", budget);
        var third = await RefusedAsync("ok.jpg", budget);

        Assert.StartsWith("this mosaic's download allowance", third.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_hundred_pictures_on_one_host_are_fetched_at_most_four_at_once()
    {
        var fetched = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            await FetchAsync(_server.Url("ok.jpg"), services: _patient);
            Interlocked.Increment(ref fetched);
        });

        Assert.Equal(500, fetched);
        Assert.InRange(_server.MostAtOnce, 2, 4);
        Assert.Equal(0, _patient.GetRequiredService<HostLimiter>().HostsInUse);
    }
}

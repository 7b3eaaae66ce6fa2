using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Frintr.Jobs.Contracts;
using Frintr.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Frintr.Tests.Api;

/// <summary>Only workers, holding the worker key, may upload mosaics, write notes or report progress.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class WorkerAuthenticationTests(FrintrCluster cluster)
{
    private static readonly string SomeId = MosaicId.New();

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-worker-key-at-all")]
    public async Task Picture_upload_without_the_worker_key_is_refused(string? key)
    {
        using var http = cluster.WebA.Client();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/worker/mosaics/{SomeId}/picture")
        {
            Content = new ByteArrayContent([0xFF, 0xD8, 0xFF]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } },
        };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(cluster.DataPath, "results", SomeId)));
    }

    [Fact]
    public async Task Note_without_the_worker_key_is_refused()
    {
        using var http = cluster.WebA.Client();
        using var response = await http.PutAsJsonAsync($"api/worker/mosaics/{SomeId}/note",
            new CompletionNote { MosaicId = SomeId, Status = MosaicState.Failed, Error = "forged" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(cluster.DataPath, "results", SomeId, "done.json")));
    }

    [Fact]
    public async Task Hub_report_without_the_worker_key_is_refused_and_the_connection_stays_usable()
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.WebA.BaseUrl, MosaicHubContract.Path.TrimStart('/')))
            .Build();
        await hub.StartAsync();

        var report = () => hub.InvokeAsync(MosaicHubContract.Report, new ProgressReport(SomeId, "render", 0.5));
        var refused = await Assert.ThrowsAsync<HubException>(report);
        var watch = () => hub.InvokeAsync<MosaicStatus>(MosaicHubContract.Watch, SomeId);
        var unknown = await Assert.ThrowsAsync<HubException>(watch);

        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        // Answered, so still usable.
        Assert.Contains("No mosaic has this id", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "note")]
    [InlineData("GET", "inputs/target")]
    [InlineData("PUT", "note")]
    public async Task Worker_key_in_the_address_opens_no_worker_endpoint(string method, string endpoint)
    {
        using var http = cluster.WebA.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/worker/mosaics/{SomeId}/{endpoint}?access_token={cluster.WorkerKey}");
        if (method == "PUT")
            request.Content = JsonContent.Create(new CompletionNote { MosaicId = SomeId, Status = MosaicState.Failed, Error = "forged" });

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(cluster.DataPath, "results", SomeId, "done.json")));
    }

    [Fact]
    public async Task Worker_key_in_the_hub_address_is_accepted_for_the_WebSocket()
    {
        // What a browser-side client would do: a WebSocket cannot carry an Authorization header.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.WebA.BaseUrl, $"{MosaicHubContract.Path.TrimStart('/')}?access_token={cluster.WorkerKey}"), options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        await hub.StartAsync();

        await hub.InvokeAsync(MosaicHubContract.Report, new ProgressReport(SomeId, "render", 0.5));
    }

    [Fact]
    public async Task Worker_key_opens_the_worker_api()
    {
        using var http = cluster.WebA.Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.WorkerKey);

        using var response = await http.GetAsync(new Uri($"api/worker/mosaics/{SomeId}/note", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

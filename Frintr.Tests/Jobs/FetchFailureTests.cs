using System.Net;
using System.Net.Sockets;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Rendering;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Frintr.Tests.Jobs;

/// <summary>What an anonymous person learns when a friend's address fails: the kind of failure, in words, and never the
/// addresses, ports or host names the worker saw (a submitted URL must not work as a port scanner or a DNS probe).
/// The fetches are real, through the worker's own HTTP client and private-network guard, on loopback.</summary>
public sealed class FetchFailureTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("frintr-fetch-").FullName;

    [Fact]
    public async Task A_private_address_written_as_such_is_called_private()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/me.jpg";

        var message = await FailureOfAsync(url, allowPrivateNetworks: false);

        Assert.Equal(FetchFailure.Explain(url, FetchFailureKind.PrivateNetwork), message);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_reads_like_a_name_that_does_not_exist()
    {
        var url = $"http://localhost:{FreePort.Next()}/me.jpg";

        var message = await FailureOfAsync(url, allowPrivateNetworks: false);

        Assert.Equal(FetchFailure.Explain(url, FetchFailureKind.NoSuchHost), message);
        Assert.DoesNotContain("private", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_says_refused_and_names_no_address()
    {
        var url = $"http://localhost:{FreePort.Next()}/me.jpg";

        var (message, detail) = await FailureWithDetailAsync(url, allowPrivateNetworks: true);

        Assert.Equal(FetchFailure.Explain(url, FetchFailureKind.Refused), message);
        Assert.DoesNotContain(detail, message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("[::1]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_picture_says_not_found()
    {
        using var host = new FakePictureHost(new Dictionary<string, byte[]> { ["ann.png"] = TestPictures.Solid(SKColors.Red) });
        var url = host.Url("nobody.png");

        var message = await FailureOfAsync(url, allowPrivateNetworks: true);

        Assert.Equal(FetchFailure.Explain(url, FetchFailureKind.NotFound), message);
    }

    public static TheoryData<Exception, FetchFailureKind> Failures() => new()
    {
        { new HttpRequestException("Name or service not known (intranet.corp:80)", new SocketException((int)SocketError.HostNotFound)), FetchFailureKind.NoSuchHost },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), FetchFailureKind.NoSuchHost },
        { new HttpRequestException("Connection timed out (10.0.0.5:22)", new SocketException((int)SocketError.TimedOut)), FetchFailureKind.TimedOut },
        { new HttpRequestException("No route to host", new SocketException((int)SocketError.HostUnreachable)), FetchFailureKind.Unreachable },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()), FetchFailureKind.TimedOut },
        { new HttpRequestException("the server answered 403.", null, HttpStatusCode.Forbidden), FetchFailureKind.NotAllowed },
        { new HttpRequestException("the server answered 503.", null, HttpStatusCode.ServiceUnavailable), FetchFailureKind.ServerError },
        { new HttpRequestException("The SSL connection could not be established", new System.Security.Authentication.AuthenticationException("bad certificate")), FetchFailureKind.Broken },
        { new HttpRequestException("An error occurred while sending the request.", new IOException("reset")), FetchFailureKind.Broken },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_told_as_its_kind_without_its_text(Exception failure, FetchFailureKind kind)
    {
        var message = FetchFailure.Explain("https://example.com/a.jpg", failure);

        Assert.Equal(kind, FetchFailure.Classify(failure));
        Assert.DoesNotContain(failure.Message, message, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d+\.\d+\.\d+\.\d+", message);
    }

    private async Task<string> FailureOfAsync(string url, bool allowPrivateNetworks) =>
        (await FailureWithDetailAsync(url, allowPrivateNetworks)).Message;

    /// <summary>The person's message, and the technical text the worker logs instead.</summary>
    private async Task<(string Message, string Detail)> FailureWithDetailAsync(string url, bool allowPrivateNetworks)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frintr:Worker:WorkerKey"] = "a-worker-key-for-this-test",
            ["Frintr:Worker:WebBaseUrl"] = "http://127.0.0.1:1/",
            ["Frintr:Worker:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
        }).Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddMosaicRendering().BuildServiceProvider();
        var fetcher = services.GetRequiredService<PictureFetcher>();

        await using var file = File.Create(Path.Combine(_scratch, "friend"));
        var failure = await Assert.ThrowsAsync<PictureFetchException>(() =>
            fetcher.DownloadAsync(MosaicId.New(), PictureRef.Url(url), file, budget: null, known: null, default));
        return (failure.Message, failure.InnerException!.Message);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}

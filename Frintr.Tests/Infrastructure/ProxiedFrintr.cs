using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Frintr.Web.Security;

namespace Frintr.Tests.Infrastructure;

/// <summary>The web tier as deployed behind a reverse proxy: its own password-protected Redis, no workers (tests
/// start one when they need it), <c>Frintr:KnownProxies</c> = 127.0.0.1, the default rate limits, and a retention
/// sweep every second. Requests from 127.0.0.1 are the proxy speaking and may name a client in
/// <c>X-Forwarded-For</c>; requests from 127.0.0.2 (<see cref="Stranger"/>) come from an address that is no proxy.</summary>
public sealed class ProxiedFrintr : IAsyncLifetime
{
    public const string Proxy = "127.0.0.1";

    internal RedisServer Redis { get; private set; } = null!;

    internal WebHost Web { get; private set; } = null!;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("frintr-proxied-").FullName;

    public string WorkerKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var defaults = new RateLimitOptions();
        Web = await FrintrHosts.StartWebAsync("web-proxied", DataPath, Redis.ConnectionString, WorkerKey, new Dictionary<string, string>
        {
            ["Frintr__KnownProxies"] = Proxy,
            ["Frintr__RetentionSweep"] = "00:00:01",
            ["Frintr__RateLimit__SubmissionsPerMinute"] = defaults.SubmissionsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["Frintr__RateLimit__SignInAttemptsPerMinute"] = defaults.SignInAttemptsPerMinute.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>A client the proxy vouches for: each test picks its own address, so each has its own allowance.</summary>
    internal HttpClient ViaProxy(string clientAddress, bool https = false, bool followRedirects = true, bool keepCookies = true)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = keepCookies }) { BaseAddress = Web.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        if (https)
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>A client connecting from 127.0.0.2: not a known proxy, so whatever it forwards is not believed.</summary>
    internal HttpClient Stranger(bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Web.BaseUrl };
    }

    internal Task<ChildProcess> StartWorkerAsync(string name) =>
        FrintrHosts.StartWorkerAsync(name, Redis.ConnectionString, Web.BaseUrl, WorkerKey);

    public Task DisposeAsync()
    {
        Web?.Dispose();
        Redis?.Dispose();
        Directory.Delete(DataPath, recursive: true);
        return Task.CompletedTask;
    }
}

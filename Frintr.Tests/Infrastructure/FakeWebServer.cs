using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frintr.Tests.Infrastructure;

/// <summary>A stand-in for somebody else's server on loopback (Kestrel, in this process): the routes a test gives it,
/// a log of every request (path and query) and the most requests it ever served at once.</summary>
internal sealed class FakeWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _current;
    private int _max;

    private FakeWebServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><c>host:port</c>, as a Mastodon handle names its instance.</summary>
    public string Authority => BaseUrl.Authority;

    public ConcurrentQueue<string> Requests { get; } = new();

    public int MostAtOnce => Volatile.Read(ref _max);

    public int Count(string pathStart) => Requests.Count(r => r.StartsWith(pathStart, StringComparison.Ordinal));

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    public static async Task<FakeWebServer> StartAsync(Action<IEndpointRouteBuilder> routes, string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeWebServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            var now = Interlocked.Increment(ref server._current);
            int seen;
            while (now > (seen = Volatile.Read(ref server._max)) && Interlocked.CompareExchange(ref server._max, now, seen) != seen)
            {
            }

            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref server._current);
            }
        });
        routes(app);
        await app.StartAsync();
        var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(listening.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

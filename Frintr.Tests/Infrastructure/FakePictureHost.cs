using System.Collections.Concurrent;
using System.Net;

namespace Frintr.Tests.Infrastructure;

/// <summary>Stands in for a social network's picture CDN on loopback: <c>GET /pictures/{name}</c> answers the
/// picture with its content type, or 404, as a CDN does. It records every path asked for.</summary>
internal sealed class FakePictureHost : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, byte[]> _pictures;
    private readonly Task _serving;

    public FakePictureHost(IReadOnlyDictionary<string, byte[]> pictures)
    {
        _pictures = pictures;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public string Url(string name) => $"http://127.0.0.1:{Port}/pictures/{name}";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(path);
            if (path.StartsWith("/pictures/", StringComparison.Ordinal) && _pictures.TryGetValue(path["/pictures/".Length..], out var bytes))
            {
                context.Response.ContentType = "image/png";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}

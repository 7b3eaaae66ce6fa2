using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Frintr.Tests.Infrastructure;

/// <summary>A server on loopback that answers every request with bytes a test writes on the socket itself: for
/// answers Kestrel will not give on purpose (a body that ends early with a clean close, a body that never ends whose
/// bytes the kernel actually took are counted). Every connection is served until the handler returns, then closed.</summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _bytesSent;
    private int _connections;

    private RawHttpServer(IPAddress address, Func<Socket, RawHttpServer, Task> respond)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = new Uri($"http://{address}:{port}/");
        _accepting = AcceptAsync(respond);
    }

    public Uri BaseUrl { get; }

    /// <summary>Bytes of body the kernel accepted from <see cref="SendAsync"/> (the client's socket buffers included).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Connections still being answered.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public static RawHttpServer Start(string address, Func<Socket, RawHttpServer, Task> respond) =>
        new(IPAddress.Parse(address), respond);

    /// <summary>Status line and headers of a 200 with this content type (and length, when given).</summary>
    public static byte[] Head(string contentType, long? contentLength)
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\nConnection: close\r\n").Append("Content-Type: ").Append(contentType).Append("\r\n");
        if (contentLength is { } length)
            head.Append("Content-Length: ").Append(length).Append("\r\n");
        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    /// <summary>Sends body bytes, counting what the kernel took.</summary>
    public async Task SendAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        while (bytes.Length > 0)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, _stop.Token);
            Interlocked.Add(ref _bytesSent, sent);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Ends the answer cleanly (FIN, not a reset) and waits until the client hangs up.</summary>
    public async Task CloseCleanlyAsync(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.Shutdown(SocketShutdown.Send);
        var rest = new byte[1024];
        while (await socket.ReceiveAsync(rest, SocketFlags.None, _stop.Token) > 0)
        {
        }
    }

    private async Task AcceptAsync(Func<Socket, RawHttpServer, Task> respond)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
                connections.Add(ServeAsync(await _listener.AcceptSocketAsync(_stop.Token), respond));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket, Func<Socket, RawHttpServer, Task> respond)
    {
        Interlocked.Increment(ref _connections);
        using (socket)
        {
            try
            {
                await ReadRequestAsync(socket);
                await respond(socket, this);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up (what the tests provoke), or the server stops.
            }
            finally
            {
                Interlocked.Decrement(ref _connections);
            }
        }
    }

    private async Task ReadRequestAsync(Socket socket)
    {
        var request = new List<byte>();
        var buffer = new byte[4096];
        while (!EndsHead(request))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
                throw new SocketException((int)SocketError.ConnectionReset);
            request.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool EndsHead(List<byte> request) =>
        request.Count >= 4 && request[^4] == '\r' && request[^3] == '\n' && request[^2] == '\r' && request[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

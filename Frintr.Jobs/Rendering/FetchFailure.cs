using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Frintr.Jobs.Rendering;

/// <summary>The kinds of reasons a friend's picture at an address could not be fetched.</summary>
public enum FetchFailureKind
{
    /// <summary>The name does not resolve on the public internet — or resolves only to private addresses: the two
    /// are told apart in the log only, or the messages would say which internal names exist.</summary>
    NoSuchHost,
    PrivateNetwork,
    Refused,
    Unreachable,
    TimedOut,
    NotFound,
    NotAllowed,
    ServerError,
    Broken,
}

/// <summary>What a person is told when a friend's picture could not be fetched: one sentence per kind of failure,
/// never the exception's own text. That text names resolved addresses and ports ("Connection refused
/// (10.0.0.5:22)") and internal host names: shown to anyone who submits a URL, it would map our network for them.
/// The details go to the worker's log.</summary>
public static class FetchFailure
{
    public static string Explain(string url, Exception failure) => Explain(url, Classify(failure));

    public static string Explain(string url, FetchFailureKind kind) => kind switch
    {
        FetchFailureKind.NoSuchHost => $"{url} could not be found on the public internet.",
        FetchFailureKind.PrivateNetwork => $"{url} is on a private network; pictures can only come from the public internet.",
        FetchFailureKind.Refused => $"{url} could not be downloaded: the server refused the connection.",
        FetchFailureKind.Unreachable => $"{url} could not be downloaded: the server could not be reached.",
        FetchFailureKind.TimedOut => $"{url} took too long to download.",
        FetchFailureKind.NotFound => $"{url} was not found: there is no picture at this address.",
        FetchFailureKind.NotAllowed => $"{url} could not be downloaded: the server does not allow it.",
        FetchFailureKind.ServerError => $"{url} could not be downloaded: the server had a problem sending it.",
        _ => $"{url} could not be downloaded: the connection failed.",
    };

    public static FetchFailureKind Classify(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PrivateAddressException refused:
                    return refused.HostIsAddress ? FetchFailureKind.PrivateNetwork : FetchFailureKind.NoSuchHost;
                case SocketException socket when Of(socket.SocketErrorCode) is { } kind:
                    return kind;
                case HttpRequestException { StatusCode: { } status }:
                    return Of(status);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return FetchFailureKind.NoSuchHost;
                case TimeoutException or OperationCanceledException:
                    return FetchFailureKind.TimedOut;
                case AuthenticationException:
                    return FetchFailureKind.Broken;
            }
        }

        return FetchFailureKind.Broken;
    }

    private static FetchFailureKind? Of(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => FetchFailureKind.NoSuchHost,
        SocketError.ConnectionRefused => FetchFailureKind.Refused,
        SocketError.TimedOut => FetchFailureKind.TimedOut,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown => FetchFailureKind.Unreachable,
        _ => null,
    };

    private static FetchFailureKind Of(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => FetchFailureKind.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.ProxyAuthenticationRequired => FetchFailureKind.NotAllowed,
        _ when (int)status >= 500 => FetchFailureKind.ServerError,
        _ => FetchFailureKind.Broken,
    };
}

/// <summary>Thrown by <see cref="PrivateNetworkGuard"/> for a connection to a non-public address; its message (for
/// the log) names the host, which a person is told only when they gave the address themselves.</summary>
public sealed class PrivateAddressException : IOException
{
    public PrivateAddressException()
    {
    }

    public PrivateAddressException(string message)
        : base(message)
    {
    }

    public PrivateAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether the refused host was written as an IP address (then saying "private" reveals nothing).</summary>
    public bool HostIsAddress { get; init; }

    public static PrivateAddressException For(string host) =>
        new($"{host} resolves only to non-public addresses.") { HostIsAddress = IPAddress.TryParse(host.Trim('[', ']'), out _) };

    /// <summary>Whether <paramref name="exception"/> or one it wraps is a refusal by the guard (never worth a retry).</summary>
    public static bool IsIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PrivateAddressException)
                return true;
        }

        return false;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Frintr.Jobs.Rendering;

/// <summary>Refuses connections to loopback, private, link-local and other non-public addresses. It runs
/// on the resolved address of every connection (redirects included), so DNS tricks do not get around it.</summary>
public static class PrivateNetworkGuard
{
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetworks) =>
        CreateHandler(address => allowPrivateNetworks || IsPublic(address));

    /// <summary>A handler that connects only to addresses <paramref name="isAllowed"/> accepts (tests use it to
    /// allow one loopback address and not another).</summary>
    internal static SocketsHttpHandler CreateHandler(Func<IPAddress, bool> isAllowed) => new()
    {
        // A proxy would be the address checked below, and it would fetch private addresses for us.
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 3,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(isAllowed).ToArray();
            if (allowed.Length == 0)
                throw PrivateAddressException.For(context.DnsEndPoint.Host);

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static ReadOnlySpan<byte> LocalUseNat64 => [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01];

    private static IPAddress? EmbeddedIPv4(byte[] v6)
    {
        var nat64 = v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (nat64 || compatible)
            return new IPAddress(v6.AsSpan(12, 4));
        if (v6[0] == 0x20 && v6[1] == 0x02)
            return new IPAddress(v6.AsSpan(2, 4));
        return null;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            return false;

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
                return false;
            var v6 = address.GetAddressBytes();
            // Local-use NAT64 (RFC 8215, 64:ff9b:1::/48) translates into networks of the operator's own: never public.
            if (v6.AsSpan(0, 6).SequenceEqual(LocalUseNat64))
                return false;
            // IPv6 forms that carry an IPv4 address (NAT64, 6to4, IPv4-compatible) are judged by that address.
            if (EmbeddedIPv4(v6) is { } inner)
                return IsPublic(inner);
            return true;
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false, // carrier-grade NAT
            169 when b[1] == 254 => false,              // link-local, cloud metadata
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] is 0 or 2 => false,
            198 when b[1] is 18 or 19 => false,
            >= 224 => false,                            // multicast and reserved
            _ => true,
        };
    }
}

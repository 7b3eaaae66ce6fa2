using System.Net;
using Frintr.Jobs.Rendering;

namespace Frintr.Tests.Jobs;

public sealed class PrivateNetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]          // IPv4-mapped
    [InlineData("64:ff9b::a9fe:a9fe")]        // NAT64 of 169.254.169.254
    [InlineData("2002:c0a8:0101::1")]         // 6to4 of 192.168.1.1
    [InlineData("64:ff9b:1::a9fe:a9fe")]      // local-use NAT64 (RFC 8215) of 169.254.169.254
    [InlineData("64:ff9b:1:ffff::808:808")]   // local-use NAT64 is local whatever it carries
    [InlineData("::a9fe:a9fe")]               // IPv4-compatible form of 169.254.169.254
    [InlineData("fec0::1")]                   // site-local
    [InlineData("ff02::1")]                   // multicast
    [InlineData("172.31.255.255")]
    public void Refuses_addresses_that_are_not_public(string address) =>
        Assert.False(PrivateNetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("64:ff9b::808:808")]          // NAT64 of 8.8.8.8
    [InlineData("172.15.255.255")]            // just below 172.16/12
    [InlineData("172.32.0.0")]                // just above it
    public void Allows_public_addresses(string address) =>
        Assert.True(PrivateNetworkGuard.IsPublic(IPAddress.Parse(address)));
}

using System.Net;
using Frintr.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Frintr.Tests.Security;

/// <summary><c>Frintr:KnownProxies</c> as operators write it: a list, or one comma-separated value (an environment
/// variable); a wrong entry stops the web tier at start-up, naming it.</summary>
public sealed class ProxyOptionsTests
{
    [Fact]
    public void Addresses_and_networks_are_read_from_a_list_or_one_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ProxyOptions.Key] = "10.0.0.2, 192.168.0.0/16",
            [ProxyOptions.Key + ":0"] = "2001:db8::1",
        }).Build();

        var options = new ProxyOptions { KnownProxies = ProxyOptions.Read(configuration) };

        Assert.Equal(["10.0.0.2", "192.168.0.0/16", "2001:db8::1"], options.KnownProxies);
        Assert.Equal(
            [IPNetwork.Parse("10.0.0.2/32"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("2001:db8::1/128")],
            options.Networks());
    }

    [Fact]
    public void An_entry_that_is_no_address_fails_validation_by_name()
    {
        var result = new ProxyOptions.Validation().Validate(null, new ProxyOptions { KnownProxies = ["10.0.0.2", "proxy.internal", "10.0.0.0/99"] });

        Assert.True(result.Failed);
        Assert.Contains("“proxy.internal”", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("“10.0.0.0/99”", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("“10.0.0.2”", result.FailureMessage, StringComparison.Ordinal);
    }
}

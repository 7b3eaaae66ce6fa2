namespace Frintr.Jobs.WebTier;

/// <summary>Where the web tier is. Remote workers are configured with it; the embedded worker asks the
/// web host it lives in, whose address is only known once it listens.</summary>
public interface IWebTierLocator
{
    Uri BaseUrl { get; }
}

namespace Frintr.Jobs.Contracts;

/// <summary>The names both ends of the live-progress hub agree on.</summary>
public static class MosaicHubContract
{
    public const string Path = "/hubs/mosaics";

    /// <summary>Client → hub: send me this mosaic's events.</summary>
    public const string Watch = "Watch";

    /// <summary>Worker → hub (worker key required): progress of a mosaic being made.</summary>
    public const string Report = "Report";

    /// <summary>Hub → client events.</summary>
    public const string Progress = "Progress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
}

/// <summary>A step in making a mosaic; <see cref="Fraction"/> is 0–1 over the whole job.</summary>
public sealed record ProgressReport(string MosaicId, string Stage, double Fraction);

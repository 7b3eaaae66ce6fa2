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
public sealed record ProgressReport(string MosaicId, string Stage, double Fraction)
{
    public string? Worker { get; init; }

    /// <summary>When the worker took the job (for the time left).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public FetchCount? Fetched { get; init; }

    /// <summary>How the friends fare so far (the status's <c>friends</c>), once the worker knows who they are.</summary>
    public FriendCounts? Friends { get; init; }

    /// <summary>Numbers of the faces uploaded so far, newest last (a few at most).</summary>
    public IReadOnlyList<int>? Faces { get; init; }

    /// <summary>How many preview frames have been uploaded; 0 = none yet.</summary>
    public int PreviewVersion { get; init; }
}

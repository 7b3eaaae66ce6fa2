namespace Frintr.Jobs.Contracts;

/// <summary>Names shared by the web tier and workers.</summary>
public static class MosaicPipeline
{
    public const string QueueName = "mosaics";

    public const string RedisPrefix = "frintr:";

    /// <summary>Workers send this as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string WorkerScheme = "WorkerKey";

    /// <summary>Largest progressive-preview frame a worker sends (and the web tier accepts).</summary>
    public const int MaxPreviewBytes = 40_000;

    /// <summary>Largest face thumbnail a worker sends while fetching.</summary>
    public const int MaxFaceBytes = 16_000;
}

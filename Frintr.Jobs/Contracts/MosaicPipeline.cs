namespace Frintr.Jobs.Contracts;

/// <summary>Names shared by the web tier and workers.</summary>
public static class MosaicPipeline
{
    public const string QueueName = "mosaics";

    public const string RedisPrefix = "frintr:";

    /// <summary>Workers send this as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string WorkerScheme = "WorkerKey";
}

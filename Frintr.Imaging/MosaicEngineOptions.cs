namespace Frintr.Imaging;

/// <summary>How the engine behaves as a guest in a bigger process (a worker running several renders at once).</summary>
public sealed record MosaicEngineOptions
{
    /// <summary>Threads one render may use at once; a worker running N renders gives each cores / N.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether the engine may force a compacting collection between matching and painting of a large
    /// output (keeps its peak lower; a host with other work may prefer the runtime's own timing).</summary>
    public bool MayForceCollection { get; init; } = true;

    /// <summary>When set, the engine hands out a small preview of the mosaic while it paints.</summary>
    public PreviewOptions? Preview { get; init; }
}

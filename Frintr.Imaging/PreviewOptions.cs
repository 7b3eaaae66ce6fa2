namespace Frintr.Imaging;

/// <summary>Asks the engine for a progressive preview: a small JPEG of the mosaic as it is being painted.</summary>
public sealed record PreviewOptions
{
    /// <summary>Called from a painting thread with each frame; keep it quick (hand the bytes to another thread).</summary>
    public required Action<PreviewFrame> Frame { get; init; }

    /// <summary>The preview's longer side, at most, in pixels (each cell gets a whole number of pixels).</summary>
    public int MaxSide { get; init; } = 400;

    /// <summary>A frame is never larger; quality is lowered until it fits.</summary>
    public int MaxBytes { get; init; } = 40_000;

    /// <summary>At most one frame this often while painting, plus the finished one.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>One preview frame: a JPEG and its size.</summary>
public sealed record PreviewFrame(byte[] Jpeg, int Width, int Height);

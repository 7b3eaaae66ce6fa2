namespace Frintr.Imaging.Features;

/// <summary>Sizes of the two feature levels: a coarse 2×2 Lab grid for the prefilter over every candidate and a
/// fine grid (5×5, i.e. 4-px blocks at the default 20-px tile) for the exact rerank.</summary>
internal readonly record struct FeatureLayout(int Fine)
{
    public const int Coarse = 2;
    public const int CoarseLength = Coarse * Coarse * 3;

    public int FineLength => Fine * Fine * 3;

    /// <summary>Floats per fine feature in storage: the length padded with zeros to whole 512-bit vectors, so that
    /// the exact cost has no scalar tail.</summary>
    public int FineStride => (FineLength + 15) / 16 * 16;

    public static FeatureLayout For(int tileSize) => new(Math.Min(5, tileSize));
}

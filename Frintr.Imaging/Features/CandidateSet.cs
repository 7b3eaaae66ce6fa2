using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Features;

/// <summary>Features of every (friend, variant) candidate: coarse ones in <see cref="FriendBlocks"/> for the
/// prefilter, fine ones per candidate for the exact cost.</summary>
internal sealed partial class CandidateSet
{
    private CandidateSet(FeatureLayout layout, int friends, FriendBlocks blocks, float[] fine)
    {
        Layout = layout;
        Friends = friends;
        Count = friends * Variants.PerTile;
        Blocks = blocks;
        Fine = fine;
    }

    public FeatureLayout Layout { get; }

    public int Count { get; }

    public int Friends { get; }

    public FriendBlocks Blocks { get; }

    /// <summary>[candidate * FineStride + i], zero-padded.</summary>
    public float[] Fine { get; }

    public static int Friend(int candidate) => candidate / Variants.PerTile;

    public static int Variant(int candidate) => candidate % Variants.PerTile;

    public float CoarseAt(int dimension, int friend, int variant) => Blocks.At(dimension, friend, variant);

    /// <summary>The candidate's fine features with their zero padding (<see cref="FeatureLayout.FineStride"/>).</summary>
    public ReadOnlySpan<float> FineOf(int candidate) =>
        Fine.AsSpan(candidate * Layout.FineStride, Layout.FineStride);

    internal static void MirrorGrid(ReadOnlySpan<float> source, int g, Span<float> mirrored)
    {
        for (int y = 0; y < g; y++)
        {
            for (int x = 0; x < g; x++)
                source.Slice(((y * g) + x) * 3, 3).CopyTo(mirrored.Slice(((y * g) + (g - 1 - x)) * 3, 3));
        }
    }

    public static CandidateSet Build(TileLibrary library, Action<double> progress, CancellationToken ct)
    {
        var layout = FeatureLayout.For(library.TileSize);
        var count = library.Count * Variants.PerTile;
        var coarse = new float[library.Count * Variants.PerTile * FeatureLayout.CoarseLength];

        var fine = new float[count * layout.FineStride];
        var s = library.TileSize;
        var done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var mirrorable = LabGrid.IsSymmetric(s, layout.Fine) && LabGrid.IsSymmetric(s, FeatureLayout.Coarse);
        var integralLength = (library.ThumbSide + 1) * (library.ThumbSide + 1) * 3;
        Parallel.For(0, library.Count, options, () => (new byte[s * s * 3], new float[FeatureLayout.CoarseLength], new int[integralLength]), (tile, _, scratch) =>
        {
            var (patch, c, integral) = scratch;
            for (int v = 0; v < Variants.PerTile; v++)
            {
                var candidate = (tile * Variants.PerTile) + v;
                var f = fine.AsSpan(candidate * layout.FineStride, layout.FineLength);
                if (Variants.IsMirrored(v) && mirrorable)
                {
                    // A mirrored patch's block means are the unmirrored ones, columns reversed.
                    var unmirrored = candidate - Variants.Mirrors;
                    MirrorGrid(fine.AsSpan(unmirrored * layout.FineStride, layout.FineLength), layout.Fine, f);
                    MirrorGrid(coarse.AsSpan((unmirrored * FeatureLayout.CoarseLength), FeatureLayout.CoarseLength), FeatureLayout.Coarse, c);
                }
                else if (!Variants.IsMirrored(v) && Variants.CropAt(library, v) is var (x, y))
                {
                    // An offset crop is the thumbnail's own pixels: its blocks are lookups in the integral.
                    if (v == 1)
                        LabGrid.Integrate(library.Thumb(tile), library.ThumbSide, integral);
                    LabGrid.FromIntegral(integral, library.ThumbSide, x, y, s, layout.Fine, f);
                    LabGrid.FromIntegral(integral, library.ThumbSide, x, y, s, FeatureLayout.Coarse, c);
                }
                else
                {
                    Variants.Write(library, tile, v, patch);
                    LabGrid.ComputeBoth(patch, s * 3, s, layout.Fine, FeatureLayout.Coarse, f, c);
                }

                c.CopyTo(coarse, candidate * FeatureLayout.CoarseLength);
            }

            var n = Interlocked.Increment(ref done);
            if (n % 256 == 0)
                progress((double)n / library.Count);
            return scratch;
        }, _ => { });
        progress(1);
        return new CandidateSet(layout, library.Count, FriendBlocks.Build(coarse, library.Count), fine);
    }
}

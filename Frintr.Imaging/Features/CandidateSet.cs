using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Features;

/// <summary>Features of every (friend, variant) candidate. Coarse features are stored per dimension
/// (structure of arrays, padded to the vector width) so that the prefilter runs vectorised over candidates.</summary>
internal sealed class CandidateSet
{
    private CandidateSet(FeatureLayout layout, int count, float[][] coarse, float[] fine)
    {
        Layout = layout;
        Count = count;
        CoarseByDim = coarse;
        Fine = fine;
    }

    public FeatureLayout Layout { get; }

    public int Count { get; }

    /// <summary>[dimension][candidate]; padded entries are +large so they never win.</summary>
    public float[][] CoarseByDim { get; }

    /// <summary>[candidate * FineLength + i].</summary>
    public float[] Fine { get; }

    public static int Friend(int candidate) => candidate / Variants.PerTile;

    public static int Variant(int candidate) => candidate % Variants.PerTile;

    public ReadOnlySpan<float> FineOf(int candidate) =>
        Fine.AsSpan(candidate * Layout.FineLength, Layout.FineLength);

    public static CandidateSet Build(TileLibrary library, Action<double> progress, CancellationToken ct)
    {
        var layout = FeatureLayout.For(library.TileSize);
        var count = library.Count * Variants.PerTile;
        var padded = (count + 15) / 16 * 16;
        var coarse = new float[FeatureLayout.CoarseLength][];
        for (int d = 0; d < coarse.Length; d++)
        {
            coarse[d] = new float[padded];
            coarse[d].AsSpan(count).Fill(1e6f);
        }

        var fine = new float[count * layout.FineLength];
        var s = library.TileSize;
        var done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, library.Count, options, () => (new byte[s * s * 3], new float[FeatureLayout.CoarseLength]), (tile, _, scratch) =>
        {
            var (patch, c) = scratch;
            for (int v = 0; v < Variants.PerTile; v++)
            {
                var candidate = (tile * Variants.PerTile) + v;
                Variants.Write(library, tile, v, patch);
                LabGrid.Compute(patch, s * 3, 0, 0, s, layout.Fine, fine.AsSpan(candidate * layout.FineLength, layout.FineLength));
                LabGrid.Compute(patch, s * 3, 0, 0, s, FeatureLayout.Coarse, c);
                for (int d = 0; d < c.Length; d++)
                    coarse[d][candidate] = c[d];
            }

            var n = Interlocked.Increment(ref done);
            if (n % 256 == 0)
                progress((double)n / library.Count);
            return scratch;
        }, _ => { });
        progress(1);
        return new CandidateSet(layout, count, coarse, fine);
    }
}

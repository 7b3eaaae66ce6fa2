using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Features;

internal sealed partial class CandidateSet
{
    /// <summary>The candidates of <paramref name="library"/>, whose features were computed when its tiles were
    /// prepared: the same numbers <see cref="Build"/> would compute, laid out the same way.</summary>
    public static CandidateSet FromPrepared(TileLibrary library, IReadOnlyList<PreparedPicture> pictures)
    {
        var layout = FeatureLayout.For(library.TileSize);
        var fine = new float[library.Count * Variants.PerTile * layout.FineStride];
        var coarse = new float[library.Count * Variants.PerTile * FeatureLayout.CoarseLength];
        for (int tile = 0; tile < library.Count; tile++)
        {
            var picture = pictures[tile];
            for (int v = 0; v < Variants.PerTile; v++)
            {
                var candidate = (tile * Variants.PerTile) + v;
                picture.Fine.AsSpan(v * layout.FineLength, layout.FineLength).CopyTo(fine.AsSpan(candidate * layout.FineStride));
            }

            picture.Coarse.CopyTo(coarse, tile * Variants.PerTile * FeatureLayout.CoarseLength);
        }

        return new CandidateSet(layout, library.Count, FriendBlocks.Build(coarse, library.Count), fine);
    }
}

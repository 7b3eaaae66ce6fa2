using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Features;

/// <summary>The coarse features arranged for a pruned exact search: friends grouped 16 to a block by a k-d split
/// of their features (alike friends share a block), each block's data contiguous
/// (<c>[((block · variants + variant) · CoarseLength + dimension) · 16 + lane]</c>), with a bounding box per block
/// so that a cell can skip every block that cannot hold one of its closest friends.</summary>
internal sealed class FriendBlocks
{
    public const int Lanes = 16;
    private const int D = FeatureLayout.CoarseLength;

    private FriendBlocks(int[] friendAt, int[] positionOf, float[] coarse, float[] low, float[] high)
    {
        FriendAt = friendAt;
        PositionOf = positionOf;
        Coarse = coarse;
        Low = low;
        High = high;
    }

    public int Count => Low.Length / D;

    /// <summary>Friend at each position (block · 16 + lane); -1 for padding.</summary>
    public int[] FriendAt { get; }

    public int[] PositionOf { get; }

    /// <summary>Padding lanes hold +large values, so they never come close to any cell.</summary>
    public float[] Coarse { get; }

    /// <summary>[block · CoarseLength + dimension]: the box around every variant of every friend in the block.</summary>
    public float[] Low { get; }

    public float[] High { get; }

    public float At(int dimension, int friend, int variant)
    {
        var p = PositionOf[friend];
        return Coarse[(((((p / Lanes) * Variants.PerTile) + variant) * D) + dimension) * Lanes + (p % Lanes)];
    }

    /// <summary>Arranges <paramref name="raw"/> (<c>[(friend · variants + variant) · CoarseLength + d]</c>).</summary>
    public static FriendBlocks Build(float[] raw, int friends)
    {
        var order = Enumerable.Range(0, friends).ToArray();
        Split(raw, order, 0, friends);

        var blocks = (friends + Lanes - 1) / Lanes;
        var friendAt = new int[blocks * Lanes];
        friendAt.AsSpan().Fill(-1);
        var positionOf = new int[friends];
        var coarse = new float[blocks * Lanes * Variants.PerTile * D];
        coarse.AsSpan().Fill(1e6f);
        var low = new float[blocks * D];
        var high = new float[blocks * D];
        low.AsSpan().Fill(float.MaxValue);
        high.AsSpan().Fill(float.MinValue);
        for (int p = 0; p < friends; p++)
        {
            var f = order[p];
            friendAt[p] = f;
            positionOf[f] = p;
            var block = p / Lanes;
            for (int v = 0; v < Variants.PerTile; v++)
            {
                for (int d = 0; d < D; d++)
                {
                    var value = raw[(((f * Variants.PerTile) + v) * D) + d];
                    coarse[(((((block * Variants.PerTile) + v) * D) + d) * Lanes) + (p % Lanes)] = value;
                    low[(block * D) + d] = Math.Min(low[(block * D) + d], value);
                    high[(block * D) + d] = Math.Max(high[(block * D) + d], value);
                }
            }
        }

        return new FriendBlocks(friendAt, positionOf, coarse, low, high);
    }

    /// <summary>The smallest squared distance from <paramref name="cell"/> to anything in the block's box.</summary>
    public float LowerBound(int block, ReadOnlySpan<float> cell)
    {
        float sum = 0;
        var low = Low.AsSpan(block * D, D);
        var high = High.AsSpan(block * D, D);
        for (int d = 0; d < D; d++)
        {
            var gap = Math.Max(0, Math.Max(low[d] - cell[d], cell[d] - high[d]));
            sum += gap * gap;
        }

        return sum;
    }

    // k-d order: split the friends at a multiple of 16 along the dimension in which their whole-picture features
    // spread most, recursively, so that each block of 16 is a tight group.
    private static void Split(float[] raw, int[] order, int start, int length)
    {
        if (length <= Lanes)
            return;
        var widest = 0;
        var spread = -1f;
        for (int d = 0; d < D; d++)
        {
            float min = float.MaxValue, max = float.MinValue;
            for (int i = start; i < start + length; i++)
            {
                var value = raw[(order[i] * Variants.PerTile * D) + d];
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            if (max - min > spread)
                (widest, spread) = (d, max - min);
        }

        // Sorted by (value, friend): the same order on every run and every machine.
        var keys = new (float, int)[length];
        for (int i = 0; i < length; i++)
            keys[i] = (raw[(order[start + i] * Variants.PerTile * D) + widest], order[start + i]);
        Array.Sort(keys);
        for (int i = 0; i < length; i++)
            order[start + i] = keys[i].Item2;

        var half = (length / 2 + Lanes - 1) / Lanes * Lanes;
        Split(raw, order, start, half);
        Split(raw, order, start + half, length - half);
    }
}

using System.Runtime.CompilerServices;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>Coarse-to-fine search: a vectorised 2×2-Lab prefilter over every candidate keeps the
/// <see cref="Prefilter"/> closest friends, the exact fine cost picks each one's best variant, and the best
/// <see cref="Friends"/> are kept per cell, cheapest first.</summary>
internal sealed class Shortlists
{
    public const int Prefilter = 64;
    public const int Friends = 48;

    private Shortlists(int cells, int[] friend, int[] variant, float[] cost, int[] count)
    {
        Cells = cells;
        FriendAt = friend;
        VariantAt = variant;
        CostAt = cost;
        CountAt = count;
    }

    public int Cells { get; }

    /// <summary>[cell * Friends + k].</summary>
    public int[] FriendAt { get; }

    public int[] VariantAt { get; }

    public float[] CostAt { get; }

    public int[] CountAt { get; }

    public static Shortlists Build(TargetGrid target, CandidateSet candidates, Action<double> progress, CancellationToken ct)
    {
        var cells = target.Cells;
        var friend = new int[cells * Friends];
        var variant = new int[cells * Friends];
        var cost = new float[cells * Friends];
        var count = new int[cells];
        var done = 0;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var blocks = (cells + CoarseKernel.Block - 1) / CoarseKernel.Block;
        Parallel.For(0, blocks, options, () => new Scratch(candidates.FriendsPadded), (block, _, scratch) =>
        {
            var first = block * CoarseKernel.Block;
            var n = Math.Min(CoarseKernel.Block, cells - first);
            CoarseKernel.ClosestVariants(candidates, target.CoarseAll.AsSpan(first * FeatureLayout.CoarseLength, n * FeatureLayout.CoarseLength), n, scratch.FriendDistances);
            for (int i = 0; i < n; i++)
                Fill(target, candidates, first + i, scratch.FriendDistances[i], scratch, friend, variant, cost, count);
            var total = Interlocked.Add(ref done, n);
            progress((double)total / cells);
            return scratch;
        }, _ => { });
        return new Shortlists(cells, friend, variant, cost, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(
        TargetGrid target, CandidateSet candidates, int cell, float[] friends, Scratch scratch,
        int[] friend, int[] variant, float[] cost, int[] count)
    {
        var best = SmallestIndices(friends.AsSpan(0, candidates.Friends), Math.Min(Prefilter, candidates.Friends), scratch.Heap);
        var ranked = scratch.Ranked.AsSpan(0, best.Length);
        for (int i = 0; i < best.Length; i++)
        {
            var f = (int)(uint)best[i];
            var (v, c) = FineCost.BestVariant(target, cell, candidates, f);
            ranked[i] = Key(c, (f * Variants.PerTile) + v);
        }

        ranked.Sort();
        var k = Math.Min(Friends, best.Length);
        for (int i = 0; i < k; i++)
        {
            var o = (cell * Friends) + i;
            var candidate = (int)(uint)ranked[i];
            friend[o] = CandidateSet.Friend(candidate);
            variant[o] = CandidateSet.Variant(candidate);
            cost[o] = BitConverter.UInt32BitsToSingle((uint)(ranked[i] >> 32));
        }

        count[cell] = k;
    }

    // Distances and costs are sums of squares (never negative), so their bits order like the numbers: one 64-bit
    // key per (value, index) sorts by value, then by index, without a comparer.
    private static ulong Key(float value, int index) => ((ulong)BitConverter.SingleToUInt32Bits(value) << 32) | (uint)index;

    // Keys of the n smallest distances (ties: lower index), via a bounded max-heap; in heap order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<ulong> SmallestIndices(ReadOnlySpan<float> distances, int n, ulong[] heap)
    {
        var count = 0;
        var threshold = float.MaxValue;
        for (int i = 0; i < distances.Length; i++)
        {
            // Strictly below the current worst: equal distances keep the lower index, deterministically.
            if (distances[i] >= threshold)
                continue;
            var key = Key(distances[i], i);
            if (count < n)
            {
                SiftUp(heap, count++, key);
            }
            else
            {
                SiftDown(heap, n, key);
            }

            if (count == n)
                threshold = BitConverter.UInt32BitsToSingle((uint)(heap[0] >> 32));
        }

        return heap.AsSpan(0, count);
    }

    private static void SiftUp(ulong[] heap, int at, ulong key)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (heap[parent] >= key)
                break;
            heap[at] = heap[parent];
            at = parent;
        }

        heap[at] = key;
    }

    // Replaces the largest key (the root) with a smaller one.
    private static void SiftDown(ulong[] heap, int count, ulong key)
    {
        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= count)
                break;
            if (child + 1 < count && heap[child + 1] > heap[child])
                child++;
            if (heap[child] <= key)
                break;
            heap[at] = heap[child];
            at = child;
        }

        heap[at] = key;
    }

    private sealed class Scratch(int friendsPadded)
    {
        public float[][] FriendDistances { get; } =
            Enumerable.Range(0, CoarseKernel.Block).Select(_ => new float[friendsPadded]).ToArray();

        public ulong[] Heap { get; } = new ulong[Prefilter];

        public ulong[] Ranked { get; } = new ulong[Prefilter];
    }
}

using System.Runtime.CompilerServices;
using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>Coarse-to-fine search: a vectorised, pruned but exact 2×2-Lab prefilter keeps the
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
        Parallel.For(0, cells, options, () => new Scratch(candidates.Blocks.Count), (cell, _, scratch) =>
        {
            var closest = ClosestFriends(candidates.Blocks, target.Coarse(cell), Math.Min(Prefilter, candidates.Friends), scratch);
            Fill(target, candidates, cell, closest, scratch, friend, variant, cost, count);
            var total = Interlocked.Increment(ref done);
            if (total % 64 == 0)
                progress((double)total / cells);
            return scratch;
        }, _ => { });
        progress(1);
        return new Shortlists(cells, friend, variant, cost, count);
    }

    /// <summary>Keys of the <paramref name="n"/> friends closest to the cell on the coarse features (ties: lower
    /// friend), exactly as a full scan would find them: blocks are visited nearest box first, and the search stops
    /// at the first box farther than the n-th closest friend found so far (about a quarter of the blocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<ulong> ClosestFriends(FriendBlocks blocks, ReadOnlySpan<float> cell, int n, Scratch scratch)
    {
        var order = scratch.BlockOrder;
        for (int b = 0; b < order.Length; b++)
            order[b] = Key(blocks.LowerBound(b, cell), b);
        Array.Sort(order);

        var heap = scratch.Heap;
        var distances = scratch.Distances;
        var count = 0;
        foreach (var entry in order)
        {
            // The bound and the distances round differently: a margin keeps the pruning exact.
            var bound = BitConverter.UInt32BitsToSingle((uint)(entry >> 32));
            if (count == n && bound > BitConverter.UInt32BitsToSingle((uint)(heap[0] >> 32)) * 1.0001f)
                break;
            var block = (int)(uint)entry;
            CoarseKernel.ClosestVariants(blocks, block, cell, distances);
            for (int lane = 0; lane < FriendBlocks.Lanes; lane++)
            {
                var f = blocks.FriendAt[(block * FriendBlocks.Lanes) + lane];
                if (f < 0)
                    continue;
                var key = Key(distances[lane], f);
                if (count < n)
                    SiftUp(heap, count++, key);
                else if (key < heap[0])
                    SiftDown(heap, n, key);
            }
        }

        return heap.AsSpan(0, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(
        TargetGrid target, CandidateSet candidates, int cell, ReadOnlySpan<ulong> best, Scratch scratch,
        int[] friend, int[] variant, float[] cost, int[] count)
    {
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

    private sealed class Scratch(int blocks)
    {
        public ulong[] BlockOrder { get; } = new ulong[blocks];

        public float[] Distances { get; } = new float[FriendBlocks.Lanes];

        public ulong[] Heap { get; } = new ulong[Prefilter];

        public ulong[] Ranked { get; } = new ulong[Prefilter];
    }
}

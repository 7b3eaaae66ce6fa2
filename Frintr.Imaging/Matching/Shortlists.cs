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
        var best = SmallestIndices(friends.AsSpan(0, candidates.Friends), Math.Min(Prefilter, candidates.Friends), scratch);
        var ranked = scratch.Ranked;
        for (int i = 0; i < best.Length; i++)
        {
            var (v, c) = BestVariant(target, cell, candidates, best[i]);
            ranked[i] = (c, (best[i] * Variants.PerTile) + v);
        }

        Array.Sort(ranked, 0, best.Length);
        var k = Math.Min(Friends, best.Length);
        for (int i = 0; i < k; i++)
        {
            var o = (cell * Friends) + i;
            friend[o] = CandidateSet.Friend(ranked[i].Candidate);
            variant[o] = CandidateSet.Variant(ranked[i].Candidate);
            cost[o] = ranked[i].Cost;
        }

        count[cell] = k;
    }

    /// <summary>The friend's variant that fits the cell best, by the exact cost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Variant, float Cost) BestVariant(TargetGrid target, int cell, CandidateSet candidates, int friend)
    {
        var best = (Variant: 0, Cost: float.MaxValue);
        for (int v = 0; v < Variants.PerTile; v++)
        {
            var c = FineCost.Of(target, cell, candidates, (friend * Variants.PerTile) + v);
            if (c < best.Cost)
                best = (v, c);
        }

        return best;
    }

    // Indices of the n smallest distances (ties: lower index), via a bounded max-heap.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<int> SmallestIndices(ReadOnlySpan<float> distances, int n, Scratch scratch)
    {
        var heap = scratch.Heap;
        heap.Clear();
        var threshold = float.MaxValue;
        for (int i = 0; i < distances.Length; i++)
        {
            // Strictly below the current worst: equal distances keep the lower index, deterministically.
            if (distances[i] >= threshold)
                continue;
            if (heap.Count < n)
                heap.Enqueue(i, (distances[i], i));
            else
                heap.EnqueueDequeue(i, (distances[i], i));
            if (heap.Count == n && heap.TryPeek(out _, out var worst))
                threshold = worst.Item1;
        }

        var result = scratch.Indices.AsSpan(0, heap.Count);
        var k = 0;
        while (heap.TryDequeue(out var index, out _))
            result[k++] = index;
        return result;
    }

    private sealed class Scratch(int friendsPadded)
    {
        public float[][] FriendDistances { get; } =
            Enumerable.Range(0, CoarseKernel.Block).Select(_ => new float[friendsPadded]).ToArray();

        public PriorityQueue<int, (float, int)> Heap { get; } = new(Prefilter + 1, MaxFirst.Instance);

        public int[] Indices { get; } = new int[Prefilter];

        public (float Cost, int Candidate)[] Ranked { get; } = new (float, int)[Prefilter];

    }

    private sealed class MaxFirst : IComparer<(float, int)>
    {
        public static readonly MaxFirst Instance = new();

        public int Compare((float, int) x, (float, int) y) => y.CompareTo(x);
    }
}

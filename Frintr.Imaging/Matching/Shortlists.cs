using System.Numerics;
using Frintr.Imaging.Features;

namespace Frintr.Imaging.Matching;

/// <summary>Coarse-to-fine search: a vectorised 2×2-Lab prefilter over every candidate keeps the best
/// <see cref="Prefilter"/>, the exact fine cost reranks them, and the best variant of each of up to
/// <see cref="Friends"/> distinct friends is kept per cell, cheapest first.</summary>
internal sealed class Shortlists
{
    public const int Prefilter = 96;
    public const int Friends = 24;

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
        Parallel.For(0, cells, options, () => new Scratch(candidates.CoarseByDim[0].Length), (cell, _, scratch) =>
        {
            Fill(target, candidates, cell, scratch, friend, variant, cost, count);
            var n = Interlocked.Increment(ref done);
            if (n % 64 == 0)
                progress((double)n / cells);
            return scratch;
        }, _ => { });
        return new Shortlists(cells, friend, variant, cost, count);
    }

    private static void Fill(
        TargetGrid target, CandidateSet candidates, int cell, Scratch scratch,
        int[] friend, int[] variant, float[] cost, int[] count)
    {
        CoarseDistances(candidates, target.Coarse(cell), scratch.Distances);
        var best = SmallestIndices(scratch.Distances, Math.Min(Prefilter, candidates.Count), scratch);

        // Rerank exactly, then keep each friend's best variant.
        var ranked = scratch.Ranked;
        for (int i = 0; i < best.Length; i++)
            ranked[i] = (FineCost.Of(target, cell, candidates, best[i]), best[i]);
        Array.Sort(ranked, 0, best.Length);
        var seen = scratch.Seen;
        seen.Clear();
        var k = 0;
        for (int i = 0; i < best.Length && k < Friends; i++)
        {
            var f = CandidateSet.Friend(ranked[i].Candidate);
            if (!seen.Add(f))
                continue;
            var o = (cell * Friends) + k++;
            friend[o] = f;
            variant[o] = CandidateSet.Variant(ranked[i].Candidate);
            cost[o] = ranked[i].Cost;
        }

        count[cell] = k;
    }

    private static void CoarseDistances(CandidateSet candidates, ReadOnlySpan<float> t, float[] distances)
    {
        var width = Vector<float>.Count;
        distances.AsSpan().Clear();
        for (int d = 0; d < t.Length; d++)
        {
            var dim = candidates.CoarseByDim[d];
            var tv = new Vector<float>(t[d]);
            for (int i = 0; i < dim.Length; i += width)
            {
                var diff = new Vector<float>(dim, i) - tv;
                (new Vector<float>(distances, i) + (diff * diff)).CopyTo(distances, i);
            }
        }
    }

    // Indices of the n smallest distances (ties: lower index), via a bounded max-heap.
    private static ReadOnlySpan<int> SmallestIndices(float[] distances, int n, Scratch scratch)
    {
        var heap = scratch.Heap;
        heap.Clear();
        for (int i = 0; i < distances.Length; i++)
        {
            if (heap.Count < n)
                heap.Enqueue(i, (distances[i], i));
            else if (heap.TryPeek(out _, out var worst) && (distances[i], i).CompareTo(worst) < 0)
                heap.EnqueueDequeue(i, (distances[i], i));
        }

        var result = scratch.Indices.AsSpan(0, heap.Count);
        var k = 0;
        while (heap.TryDequeue(out var index, out _))
            result[k++] = index;
        return result;
    }

    private sealed class Scratch(int padded)
    {
        public float[] Distances { get; } = new float[padded];

        public PriorityQueue<int, (float, int)> Heap { get; } = new(Prefilter + 1, MaxFirst.Instance);

        public int[] Indices { get; } = new int[Prefilter];

        public (float Cost, int Candidate)[] Ranked { get; } = new (float, int)[Prefilter];

        public HashSet<int> Seen { get; } = [];
    }

    private sealed class MaxFirst : IComparer<(float, int)>
    {
        public static readonly MaxFirst Instance = new();

        public int Compare((float, int) x, (float, int) y) => y.CompareTo(x);
    }
}

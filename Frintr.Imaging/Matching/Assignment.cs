using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;

namespace Frintr.Imaging.Matching;

/// <summary>Chooses a (friend, variant) for every cell under the repetition rule: cheapest cells first (so no
/// row-order banding), then exact improvement sweeps in which each cell, seeing all its neighbours, takes the
/// best allowed candidate; optionally every friend is made to appear, as evenly as possible.</summary>
internal sealed class Assignment
{
    private readonly TargetGrid _target;
    private readonly CandidateSet _candidates;
    private readonly Shortlists _shortlists;
    private readonly RepeatRule _rule;
    private readonly int _friends;

    // "Everyone appears" caps uses at the even share; filling cell by cell under the repeat distance as well can
    // corner a cell, so there the cap may be passed and is restored afterwards (LevelOut). A cap the person set
    // (MaxUsesPerTile) is never passed.
    private readonly bool _softCap;

    private Assignment(TargetGrid target, CandidateSet candidates, Shortlists shortlists, RepeatRule rule, int friends, bool softCap)
    {
        _softCap = softCap;
        _target = target;
        _candidates = candidates;
        _shortlists = shortlists;
        _rule = rule;
        _friends = friends;
        Friend = new int[target.Cells];
        Variant = new int[target.Cells];
        Cost = new float[target.Cells];
    }

    public int[] Friend { get; }

    public int[] Variant { get; }

    public float[] Cost { get; }

    /// <summary>Friend and variant per cell. Only these arrays are returned, so that the features can be freed.</summary>
    public static (int[] Friends, int[] Variants) Solve(
        TargetGrid target, CandidateSet candidates, Shortlists shortlists, int friends, MosaicSettings settings,
        Action<double> progress, CancellationToken ct)
    {
        var cells = target.Cells;
        var maxUses = settings.MaxUsesPerTile ?? int.MaxValue;
        if (settings.EveryoneAppears)
            maxUses = Math.Min(maxUses, (cells + friends - 1) / friends);
        if ((long)maxUses * friends < cells)
        {
            throw new MosaicInputException(
                $"{friends} usable friend pictures used at most {maxUses} times each cannot fill {cells} cells; add pictures or allow more uses.");
        }

        var rule = new RepeatRule(target.Columns, friends, settings.RepeatDistance, maxUses);
        var solver = new Assignment(target, candidates, shortlists, rule, friends,
            softCap: settings.EveryoneAppears && settings.MaxUsesPerTile is null);
        var random = new Random(settings.Seed);

        var order = Enumerable.Range(0, cells).ToArray();
        random.Shuffle(order);
        var keys = order.Select(c => shortlists.CostAt[c * Shortlists.Friends]).ToArray();
        Array.Sort(keys, order);
        for (int i = 0; i < order.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            solver.PlaceBest(order[i]);
            if (i % 256 == 0)
                progress(0.6 * i / cells);
        }

        const int Sweeps = 2;
        for (int sweep = 0; sweep < Sweeps; sweep++)
        {
            random.Shuffle(order);
            foreach (var cell in order)
                solver.Improve(cell);
            progress(0.6 + (0.3 * (sweep + 1) / Sweeps));
        }

        if (settings.EveryoneAppears)
        {
            solver.BringEveryoneIn(random, ct);
            solver.LevelOut(ct);
            solver.Exchange(order, random, ct);
        }

        progress(1);
        return (solver.Friend, solver.Variant);
    }

    private void PlaceBest(int cell)
    {
        if (!TryShortlist(cell, out var friend, out var variant, out var cost))
            (friend, variant, cost) = FullScan(cell);
        Set(cell, friend, variant, cost);
    }

    private void Improve(int cell)
    {
        var (friend, variant, cost) = (Friend[cell], Variant[cell], Cost[cell]);
        _rule.Remove(friend, cell);
        if (TryShortlist(cell, out var f, out var v, out var c) && c < cost)
            (friend, variant, cost) = (f, v, c);
        Set(cell, friend, variant, cost);
    }

    private bool TryShortlist(int cell, out int friend, out int variant, out float cost)
    {
        var start = cell * Shortlists.Friends;
        for (int k = 0; k < _shortlists.CountAt[cell]; k++)
        {
            var f = _shortlists.FriendAt[start + k];
            if (_rule.Allows(f, cell))
            {
                (friend, variant, cost) = (f, _shortlists.VariantAt[start + k], _shortlists.CostAt[start + k]);
                return true;
            }
        }

        (friend, variant, cost) = (-1, -1, float.MaxValue);
        return false;
    }

    // The shortlist is used up (a crowded neighbourhood): rank every allowed friend by the coarse features,
    // then take the exact best of the closest few.
    private (int Friend, int Variant, float Cost) FullScan(int cell)
    {
        const int Few = 16;
        var coarse = _target.Coarse(cell);
        var blocks = _candidates.Blocks;
        Span<float> distances = stackalloc float[FriendBlocks.Lanes];
        var near = new List<(float Distance, int Friend)>();
        for (int pass = 0; pass < 2 && near.Count == 0; pass++)
        {
            if (pass == 1 && !_softCap)
                break;
            for (int block = 0; block < blocks.Count; block++)
            {
                CoarseKernel.ClosestVariants(blocks, block, coarse, distances);
                for (int lane = 0; lane < FriendBlocks.Lanes; lane++)
                {
                    var f = blocks.FriendAt[(block * FriendBlocks.Lanes) + lane];
                    if (f >= 0 && _rule.Allows(f, cell, ignoringCap: pass == 1))
                        near.Add((distances[lane], f));
                }
            }
        }

        if (near.Count == 0)
        {
            throw new MosaicInputException(
                $"There are too few usable friend pictures ({_friends}) to keep the same picture more than {_rule.Distance} cells apart; add pictures or lower the repeat distance.");
        }

        near.Sort();
        var best = (Friend: -1, Variant: -1, Cost: float.MaxValue);
        foreach (var (_, f) in near.Take(Few))
        {
            var (v, c) = FineCost.BestVariant(_target, cell, _candidates, f);
            if (c < best.Cost)
                best = (f, v, c);
        }

        return best;
    }

    // Friends not yet used take the cell where they cost least extra, from friends used more than their share.
    private void BringEveryoneIn(Random random, CancellationToken ct)
    {
        var cells = Friend.Length;
        var share = Math.Max(1, cells / _friends);
        if (_friends > cells)
            return;
        var missing = Enumerable.Range(0, _friends).Where(f => _rule.Uses(f) < share).ToArray();
        random.Shuffle(missing);
        foreach (var f in missing)
        {
            while (_rule.Uses(f) < share)
            {
                ct.ThrowIfCancellationRequested();
                var best = (Cell: -1, Variant: 0, Cost: 0f, Delta: float.MaxValue);
                for (int cell = 0; cell < cells; cell++)
                {
                    var current = Friend[cell];
                    if (_rule.Uses(current) <= share)
                        continue;
                    _rule.Remove(current, cell);
                    if (_rule.Allows(f, cell))
                    {
                        var (v, c) = FineCost.BestVariant(_target, cell, _candidates, f);
                        if (c - Cost[cell] < best.Delta)
                            best = (cell, v, c, c - Cost[cell]);
                    }

                    _rule.Place(current, cell);
                }

                if (best.Cell < 0)
                    break;
                _rule.Remove(Friend[best.Cell], best.Cell);
                Set(best.Cell, f, best.Variant, best.Cost);
            }
        }
    }

    // Friends that passed the soft cap give cells, where it costs least, to friends below it.
    private void LevelOut(CancellationToken ct)
    {
        var cap = _rule.MaxUses;
        for (int cell = 0; cell < Friend.Length; cell++)
        {
            while (_rule.Uses(Friend[cell]) > cap)
            {
                ct.ThrowIfCancellationRequested();
                var over = Friend[cell];
                var best = (Cell: -1, Friend: -1, Variant: 0, Cost: 0f, Delta: float.MaxValue);
                foreach (var c in _rule.CellsOf(over))
                {
                    _rule.Remove(over, c);
                    for (int f = 0; f < _friends; f++)
                    {
                        if (_rule.Uses(f) >= cap || !_rule.Allows(f, c))
                            continue;
                        var (v, cost) = FineCost.BestVariant(_target, c, _candidates, f);
                        if (cost - Cost[c] < best.Delta)
                            best = (c, f, v, cost, cost - Cost[c]);
                    }

                    _rule.Place(over, c);
                }

                if (best.Cell < 0)
                    return; // nowhere to go without breaking the distance: the share stays uneven
                _rule.Remove(over, best.Cell);
                Set(best.Cell, best.Friend, best.Variant, best.Cost);
            }
        }
    }

    // Bringing everyone in moved friends into cells chosen one friend at a time. Swapping the friends of two cells
    // keeps every friend's count (the even share) and lowers the total where a cell's closer friends sit elsewhere.
    private void Exchange(int[] order, Random random, CancellationToken ct)
    {
        var cellsOf = Enumerable.Range(0, _friends).Select(_ => new List<int>()).ToArray();
        for (int cell = 0; cell < Friend.Length; cell++)
            cellsOf[Friend[cell]].Add(cell);

        const int Sweeps = 2;
        for (int sweep = 0; sweep < Sweeps; sweep++)
        {
            random.Shuffle(order);
            foreach (var a in order)
            {
                ct.ThrowIfCancellationRequested();
                TrySwap(a, cellsOf);
            }
        }
    }

    // The first swap with a cell holding one of a's shortlisted friends that lowers the sum of both costs.
    private void TrySwap(int a, List<int>[] cellsOf)
    {
        var start = a * Shortlists.Friends;
        var mine = Friend[a];
        for (int k = 0; k < _shortlists.CountAt[a]; k++)
        {
            var (theirs, costHere) = (_shortlists.FriendAt[start + k], _shortlists.CostAt[start + k]);
            if (costHere >= Cost[a])
                return; // the shortlist is cheapest first: nobody further down is closer to a
            if (theirs == mine)
                continue;
            foreach (var b in cellsOf[theirs])
            {
                var (variantThere, costThere) = FineCost.BestVariant(_target, b, _candidates, mine);
                if (costHere + costThere >= Cost[a] + Cost[b])
                    continue;
                _rule.Remove(mine, a);
                _rule.Remove(theirs, b);
                if (_rule.Allows(theirs, a) && _rule.Allows(mine, b))
                {
                    Set(a, theirs, _shortlists.VariantAt[start + k], costHere);
                    Set(b, mine, variantThere, costThere);
                    cellsOf[mine].Remove(a);
                    cellsOf[mine].Add(b);
                    cellsOf[theirs].Remove(b);
                    cellsOf[theirs].Add(a);
                    return;
                }

                _rule.Place(mine, a);
                _rule.Place(theirs, b);
            }
        }
    }

    private void Set(int cell, int friend, int variant, float cost)
    {
        Friend[cell] = friend;
        Variant[cell] = variant;
        Cost[cell] = cost;
        _rule.Place(friend, cell);
    }
}

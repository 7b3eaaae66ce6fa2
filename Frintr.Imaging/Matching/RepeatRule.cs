namespace Frintr.Imaging.Matching;

/// <summary>Where each friend is used, to answer "may this friend go in this cell?" under the repetition rule
/// (no same friend within <c>distance</c> cells, Chebyshev) and the per-friend use cap.</summary>
internal sealed class RepeatRule
{
    private readonly int _columns;
    private readonly int _distance;
    private readonly int _maxUses;
    private readonly List<int>[] _uses;

    public RepeatRule(int columns, int friends, int distance, int maxUses)
    {
        _columns = columns;
        _distance = distance;
        _maxUses = maxUses;
        _uses = new List<int>[friends];
        for (int i = 0; i < friends; i++)
            _uses[i] = [];
    }

    public int Distance => _distance;

    public int Uses(int friend) => _uses[friend].Count;

    public int MaxUses => _maxUses;

    /// <summary>Whether the friend may go in the cell; <paramref name="ignoringCap"/> checks the distance only.</summary>
    public bool Allows(int friend, int cell, bool ignoringCap = false)
    {
        var uses = _uses[friend];
        if (uses.Count >= _maxUses && !ignoringCap)
            return false;
        if (_distance <= 0)
            return true;
        int row = cell / _columns, col = cell % _columns;
        foreach (var other in uses)
        {
            if (Math.Abs((other / _columns) - row) <= _distance && Math.Abs((other % _columns) - col) <= _distance)
                return false;
        }

        return true;
    }

    /// <summary>The cells the friend is in (a copy: callers move friends while they look).</summary>
    public int[] CellsOf(int friend) => [.. _uses[friend]];

    public void Place(int friend, int cell) => _uses[friend].Add(cell);

    public void Remove(int friend, int cell) => _uses[friend].Remove(cell);
}

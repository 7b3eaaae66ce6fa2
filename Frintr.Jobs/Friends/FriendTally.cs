using System.Collections.Concurrent;
using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.Friends;

/// <summary>Counts how a mosaic's friends fare while they are fetched, from many threads at once, and keeps the
/// reasons (grouped) and a line per failed friend for the completion note.</summary>
internal sealed class FriendTally(FriendList list)
{
    private const int ExamplesPerReason = 5;
    private const int MaxLines = 100;
    private readonly ConcurrentDictionary<string, Group> _reasons = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _lines = new();
    private int _fetched;
    private int _fromCache;
    private int _failed;
    private int _withoutPicture = list.WithoutPicture;

    public int Requested { get; } = list.Friends.Count + list.WithoutPicture;

    public int Done => Volatile.Read(ref _fetched) + Volatile.Read(ref _failed) + Volatile.Read(ref _withoutPicture) - list.WithoutPicture;

    /// <summary>One line per failed friend ("Ann: … took too long"), the first hundred.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _lines.ToList();
            var more = Volatile.Read(ref _failed) - lines.Count;
            return more > 0 ? [.. lines, $"… and {more:N0} more."] : lines;
        }
    }

    public void Fetched(bool fromCache)
    {
        Interlocked.Increment(ref _fetched);
        if (fromCache)
            Interlocked.Increment(ref _fromCache);
    }

    public void WithoutPicture() => Interlocked.Increment(ref _withoutPicture);

    public void Failed(string reason, string name, string message)
    {
        Interlocked.Increment(ref _failed);
        var group = _reasons.GetOrAdd(reason, _ => new Group());
        Interlocked.Increment(ref group.Count);
        if (group.Examples.Count < ExamplesPerReason)
            group.Examples.Enqueue(name);
        if (_lines.Count < MaxLines)
            _lines.Enqueue(message.StartsWith(name, StringComparison.Ordinal) ? message : $"{name}: {message}");
    }

    public FriendCounts Snapshot() => new()
    {
        Requested = Requested,
        Fetched = Volatile.Read(ref _fetched),
        FromCache = Volatile.Read(ref _fromCache),
        Failed = Volatile.Read(ref _failed),
        WithoutPicture = Volatile.Read(ref _withoutPicture),
        Reasons = [.. _reasons.Select(r => new FriendFailure(r.Key, r.Value.Count, [.. r.Value.Examples.Take(ExamplesPerReason)]))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)],
        Notes = list.Notes,
    };

    private sealed class Group
    {
        public int Count;

        public ConcurrentQueue<string> Examples { get; } = new();
    }
}

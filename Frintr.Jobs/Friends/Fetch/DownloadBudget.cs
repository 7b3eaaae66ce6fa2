namespace Frintr.Jobs.Friends.Fetch;

/// <summary>The bytes one mosaic may still download from the internet, shared by its parallel downloads.</summary>
public sealed class DownloadBudget(long bytes)
{
    private long _left = bytes;

    public long Total { get; } = bytes;

    public long Left => Volatile.Read(ref _left);

    /// <summary>Takes <paramref name="count"/> bytes; false (and nothing taken) when they are not left.</summary>
    public bool TryTake(long count)
    {
        while (true)
        {
            var left = Volatile.Read(ref _left);
            if (left < count)
                return false;
            if (Interlocked.CompareExchange(ref _left, left - count, left) == left)
                return true;
        }
    }
}

using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Fetch;

/// <summary>At most <see cref="FriendsOptions.PerHostDownloads"/> downloads at once to one host (scheme, host and
/// port), across all the mosaics of this process, from the request to the body's last byte: 500 friends on one
/// server are fetched politely, and a list pointed at someone's server cannot flood it.</summary>
public sealed class HostLimiter(IOptions<FriendsOptions> options)
{
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var key = $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
        Slot slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot!))
                _slots[key] = slot = new Slot(options.Value.PerHostDownloads);
            slot.Users++;
        }

        try
        {
            await slot.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, slot);
            throw;
        }

        return new Lease(this, key, slot);
    }

    /// <summary>Hosts with someone waiting or downloading (the rest are forgotten, so the map stays small).</summary>
    internal int HostsInUse
    {
        get
        {
            lock (_slots)
                return _slots.Count;
        }
    }

    private void Leave(string key, Slot slot)
    {
        lock (_slots)
        {
            if (--slot.Users == 0)
            {
                _slots.Remove(key);
                slot.Gate.Dispose();
            }
        }
    }

    private sealed class Slot(int permits)
    {
        public SemaphoreSlim Gate { get; } = new(permits, permits);

        public int Users { get; set; }
    }

    private sealed class Lease(HostLimiter owner, string key, Slot slot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            slot.Gate.Release();
            owner.Leave(key, slot);
        }
    }
}

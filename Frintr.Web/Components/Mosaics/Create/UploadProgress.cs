namespace Frintr.Web.Components.Mosaics.Create;

public enum UploadState
{
    Chosen,
    Sending,
    Sent,
    Failed,
}

/// <summary>One file on its way to the server; <see cref="Read"/> is updated as the server reads it.</summary>
public sealed class UploadProgress(string name, long size)
{
    public string Name { get; } = name;

    public long Size { get; } = size;

    public long Read { get; set; }

    public UploadState State { get; set; }

    public int Percent => Size <= 0 ? (State == UploadState.Sent ? 100 : 0) : (int)Math.Clamp(100 * Read / Size, 0, 100);
}

/// <summary>Counts what is read through it into an <see cref="UploadProgress"/> and says so (at most every 100 ms).</summary>
internal sealed class CountingStream(Stream inner, UploadProgress progress, Action changed) : Stream
{
    private long _lastTick = Environment.TickCount64;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        progress.Read += read;
        progress.State = read == 0 ? UploadState.Sent : UploadState.Sending;
        if (read == 0 || Environment.TickCount64 - _lastTick >= 100)
        {
            _lastTick = Environment.TickCount64;
            changed();
        }

        return read;
    }
}

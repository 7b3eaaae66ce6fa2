using Frintr.Jobs.Contracts;
using Frintr.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Storage;

/// <summary>Uploaded pictures, kept until their mosaic is finished: <c>&lt;data&gt;/inputs/&lt;id&gt;/&lt;name&gt;</c>.</summary>
public sealed class InputStore(IOptions<FrintrWebOptions> options)
{
    /// <summary>The folder that holds one folder per mosaic with uploads.</summary>
    public string Root => Path.GetFullPath(Path.Combine(options.Value.DataPath, "inputs"));

    public string FolderFor(string mosaicId) => Path.Combine(Root, mosaicId);

    /// <summary>The file of an uploaded picture, or null for a name that is not one of ours.</summary>
    public string? PathOf(string mosaicId, string storedName)
    {
        if (storedName.Length == 0 || storedName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            return null;
        var path = Path.Combine(FolderFor(mosaicId), storedName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Keeps an upload, hashing it on the way (SHA-256: the workers' tile cache knows a picture by it, so a
    /// friend uploaded again is not sent to a worker again).</summary>
    public async Task<StoredInput> SaveAsync(string mosaicId, string storedName, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(FolderFor(mosaicId));
        var path = Path.Combine(FolderFor(mosaicId), storedName);
        await using var file = File.Create(path);
        using var hashing = new HashingStream(file);
        if (!await PictureSize.CopyAtMostAsync(content, hashing, maxBytes, cancellationToken))
            throw InputTooLargeException.Over(maxBytes);

        return new StoredInput(path, hashing.Hash(), file.Length);
    }

    public bool Exists(string mosaicId) => Directory.Exists(FolderFor(mosaicId));

    public void Delete(string mosaicId)
    {
        if (Directory.Exists(FolderFor(mosaicId)))
            Directory.Delete(FolderFor(mosaicId), recursive: true);
    }
}

/// <summary>A kept upload: where it is, its SHA-256 (lower-case hex) and its length.</summary>
public sealed record StoredInput(string Path, string ContentHash, long Length);

/// <summary>Passes writes through to <paramref name="inner"/>, hashing them.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly System.Security.Cryptography.IncrementalHash _hash =
        System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _hash.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>An upload went past its size limit; the message completes "The picture … ".</summary>
public sealed class InputTooLargeException : Exception
{
    public InputTooLargeException()
    {
    }

    public InputTooLargeException(string message)
        : base(message)
    {
    }

    public InputTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static InputTooLargeException Over(long maxBytes) => new($"is larger than {PictureSize.Megabytes(maxBytes)}.");
}

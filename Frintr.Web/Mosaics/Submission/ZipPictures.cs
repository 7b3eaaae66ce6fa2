using System.Buffers.Binary;
using System.IO.Compression;
using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;

namespace Frintr.Web.Mosaics.Submission;

/// <summary>One zip of friends' pictures, opened the careful way: its directory is sized up from its last bytes
/// before it is read (a zip that claims a million entries is refused before they are listed), every entry is capped
/// in count, size and compression ratio (what it declares, and what it really unpacks to), and entry names are only
/// ever shown, never used as paths (no zip-slip). Folders, hidden files and what is not a picture are skipped.</summary>
public static class ZipPictures
{
    /// <summary>A local file header, or the end record of an empty zip.</summary>
    public static bool StartsLikeZip(ReadOnlySpan<byte> head) => head is [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..];

    /// <summary>Hands each picture entry to <paramref name="keep"/> (its shown name and its content, cut at
    /// <see cref="ZipLimits.MaxEntryBytes"/>); <paramref name="keep"/> says whether it was a picture. Returns what is
    /// wrong with the zip, or null.</summary>
    public static async Task<string?> ExtractAsync(
        string path, ZipLimits limits, Func<string, Stream, Task<bool>> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(keep);
        await using var file = File.OpenRead(path);
        if (CheckDirectory(file) is { } problem)
            return problem;

        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            long unpacked = 0;
            var pictures = 0;
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = ShownName(entry.FullName);
                if (name is null || entry.Length == 0 || entry.IsEncrypted)
                    continue;
                if (entry.Length > limits.MaxEntryBytes)
                    return $"“{name}” in the zip is larger than {PictureSize.Megabytes(limits.MaxEntryBytes)}.";
                if (entry.Length > 256 * 1024 && entry.Length > (long)MosaicLimits.MaxZipRatio * Math.Max(1, entry.CompressedLength))
                    return $"“{name}” in the zip unpacks to more than {MosaicLimits.MaxZipRatio} times its packed size; pictures do not compress like that.";
                unpacked += entry.Length;
                if (unpacked > limits.MaxTotalBytes)
                    return $"The zip's pictures unpack to more than {PictureSize.Megabytes(limits.MaxTotalBytes)}.";

                await using var content = new CappedReadStream(await entry.OpenAsync(cancellationToken), limits.MaxEntryBytes);
                if (!await keep(name, content))
                    continue;
                if (++pictures > limits.MaxPictures)
                    return $"The zip holds more than {limits.MaxPictures:N0} pictures, the most one mosaic takes.";
            }

            return pictures == 0 ? "The zip holds no pictures we can read (JPEG, PNG, WebP, GIF or BMP)." : null;
        }
        catch (InvalidDataException)
        {
            return "The zip is damaged or not a zip we can read.";
        }
    }

    // The end-of-central-directory record (and the zip64 one, when present) says how many entries the directory
    // lists and how large it is: both are checked before the directory is read.
    private static string? CheckDirectory(FileStream file)
    {
        const int EndRecord = 22;
        var tail = new byte[(int)Math.Min(file.Length, EndRecord + ushort.MaxValue)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var end = tail.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4B, (byte)0x05, (byte)0x06]);
        if (end < 0 || end + EndRecord > tail.Length)
            return "The zip is damaged or not a zip we can read.";

        long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long directory = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        var locator = end - 20;
        if ((entries == ushort.MaxValue || directory == uint.MaxValue) && locator >= 0
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(locator)) == 0x07064B50)
        {
            var record = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(locator + 8));
            if (record < 0 || record + 56 > file.Length)
                return "The zip is damaged or not a zip we can read.";
            var zip64 = new byte[56];
            file.Seek(record, SeekOrigin.Begin);
            file.ReadExactly(zip64);
            entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32));
            directory = (long)BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40));
        }

        file.Seek(0, SeekOrigin.Begin);
        if (entries > MosaicLimits.MaxZipEntries || entries < 0)
            return $"The zip lists {entries:N0} entries; at most {MosaicLimits.MaxZipEntries:N0} are read.";
        // A directory entry is 46 bytes plus its name and extras: anything much larger hides something.
        if (directory > entries * (46 + (3 * MosaicLimits.MaxNameLength) + 1024) || directory > file.Length)
            return "The zip's directory is larger than its entries need; it is damaged or not a zip of pictures.";
        return null;
    }

    /// <summary>What a person called the entry (its file name, cleaned), or null for what is not a picture file:
    /// folders, macOS resource forks, hidden files.</summary>
    private static string? ShownName(string fullName)
    {
        if (fullName.EndsWith('/') || fullName.EndsWith('\\') || fullName.StartsWith("__MACOSX/", StringComparison.Ordinal))
            return null;
        var name = fullName[(fullName.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.StartsWith('.') ? null : FriendText.CleanName(name);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes (then the entry is cut: whatever it declared, it is not
    /// unpacked further).</summary>
    private sealed class CappedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, limit + 1 - _read)]);
            _read += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit + 1 - _read)], cancellationToken);
            _read += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
    }
}

/// <summary>How much one zip may bring: pictures, bytes per entry, bytes in all (unpacked).</summary>
public sealed record ZipLimits(int MaxPictures, long MaxEntryBytes, long MaxTotalBytes);

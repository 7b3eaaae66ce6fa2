using System.IO.Compression;
using Frintr.Web.Mosaics.Submission;
using SkiaSharp;

namespace Frintr.Tests.Web;

/// <summary>A zip of friends' pictures: names are shown, never used as paths; sizes, counts and ratios are capped
/// from the zip's own directory before anything is unpacked.</summary>
public sealed class ZipPicturesTests : IDisposable
{
    private static readonly ZipLimits Limits = new(MaxPictures: 10, MaxEntryBytes: 1024 * 1024, MaxTotalBytes: 4 * 1024 * 1024);
    private readonly string _folder = Directory.CreateTempSubdirectory("frintr-zip-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            stream.Write(bytes);
        }

        return path;
    }

    private static async Task<(string? Problem, List<(string Name, long Length)> Kept)> ExtractAsync(string path)
    {
        var kept = new List<(string, long)>();
        var problem = await ZipPictures.ExtractAsync(path, Limits, async (name, content) =>
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            var isPicture = copy.Length > 2 && copy.GetBuffer()[0] == 0x89;
            if (isPicture)
                kept.Add((name, copy.Length));
            return isPicture;
        }, CancellationToken.None);
        return (problem, kept);
    }

    [Fact]
    public async Task Pictures_come_out_by_their_file_name_whatever_path_the_entry_claims()
    {
        var png = TestPictures.Solid(SKColors.Gold);
        var path = Zip(("../../../etc/evil.png", png), ("/abs/olute.png", png), ("holiday/ann.png", png), ("__MACOSX/._ann.png", png),
            (".hidden.png", png), ("notes.txt", "just text"u8.ToArray()), ("folder/", []));

        var (problem, kept) = await ExtractAsync(path);

        Assert.Null(problem);
        Assert.Equal(["evil.png", "olute.png", "ann.png"], kept.Select(k => k.Name));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_folder, "../../../etc/evil.png"))));
    }

    [Fact]
    public async Task An_entry_that_unpacks_far_beyond_its_packed_size_is_a_zip_bomb()
    {
        var path = Zip(("flat.png", new byte[900 * 1024 * 2]));

        var (problem, kept) = await ExtractAsync(path);

        Assert.Empty(kept);
        Assert.Contains("larger than", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_highly_compressed_entry_under_the_size_cap_is_refused_by_its_ratio()
    {
        var path = Zip(("flat.png", new byte[1000 * 1024]));

        var (problem, _) = await ExtractAsync(path);

        Assert.Contains("unpacks to more than 100 times its packed size", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_that_lies_about_its_size_is_cut_at_the_cap()
    {
        // The entry declares 10 bytes, then unpacks to 3 MB: its directory size is patched after writing.
        var path = Zip(("liar.png", [0x89, .. new byte[3 * 1024 * 1024]]));
        var bytes = await File.ReadAllBytesAsync(path);
        PatchSizes(bytes, 10);
        await File.WriteAllBytesAsync(path, bytes);

        long read = 0;
        var problem = await ZipPictures.ExtractAsync(path, Limits, async (_, content) =>
        {
            var buffer = new byte[81920];
            int n;
            while ((n = await content.ReadAsync(buffer)) > 0)
                read += n;
            return true;
        }, CancellationToken.None);

        Assert.InRange(read, 1, Limits.MaxEntryBytes + 1);
        Assert.Null(problem);
    }

    [Fact]
    public async Task More_pictures_than_a_mosaic_takes_is_refused()
    {
        var png = TestPictures.Solid(SKColors.Gold);
        var path = Zip([.. Enumerable.Range(0, 11).Select(i => ($"{i}.png", png))]);

        var (problem, _) = await ExtractAsync(path);

        Assert.Contains("more than 10 pictures", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_claims_more_entries_than_allowed_is_refused_before_it_is_read()
    {
        var path = Zip(("a.png", TestPictures.Solid(SKColors.Gold)));
        var bytes = await File.ReadAllBytesAsync(path);
        var end = bytes.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4B, (byte)0x05, (byte)0x06]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 10), 60000);
        await File.WriteAllBytesAsync(path, bytes);

        var (problem, kept) = await ExtractAsync(path);

        Assert.Empty(kept);
        Assert.Contains("lists 60,000 entries", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_zip_are_said_to_be_damaged()
    {
        var path = Path.Combine(_folder, "fake.zip");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, .. new byte[100]]);

        var (problem, _) = await ExtractAsync(path);

        Assert.Contains("damaged", problem, StringComparison.Ordinal);
    }

    // Sets the uncompressed size of every entry, in the local headers and the central directory.
    private static void PatchSizes(byte[] zip, uint size)
    {
        for (int i = 0; i + 4 < zip.Length; i++)
        {
            var signature = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034B50)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            else if (signature == 0x02014B50)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
        }
    }
}

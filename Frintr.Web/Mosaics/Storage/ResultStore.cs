using System.Formats.Tar;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frintr.Jobs.Contracts;
using Frintr.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Storage;

/// <summary>Finished mosaics and their completion notes: <c>&lt;data&gt;/results/&lt;id&gt;/mosaic.jpg</c> and
/// <c>done.json</c>, with the tile map (<c>map.json</c>), the Deep Zoom pyramid (<c>pyramid/</c>) and what the
/// progress page shows while it is made (<c>live/</c>: preview and faces). Files are written to a temporary name,
/// flushed to disk, then renamed into place, so a reader never sees half a file and the note never exists before
/// its picture is durable.</summary>
public sealed partial class ResultStore(IOptions<FrintrWebOptions> options)
{
    public const string NoteName = "done.json";

    /// <summary>Most entries and bytes a pyramid may have (a 100-megapixel poster has ~2,200 tiles, ~40 MB).</summary>
    public const int MaxPyramidEntries = 100_000;
    public const long MaxPyramidBytes = 2L << 30;
    private const long MaxTileBytes = 4L << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder that holds one folder per finished mosaic.</summary>
    public string Root => Path.GetFullPath(Path.Combine(options.Value.DataPath, "results"));

    private string DeletedRoot => Path.GetFullPath(Path.Combine(options.Value.DataPath, "deleted"));

    public string FolderFor(string mosaicId) => Path.Combine(Root, mosaicId);

    public string NotePath(string mosaicId) => Path.Combine(FolderFor(mosaicId), NoteName);

    public string MapPath(string mosaicId) => Path.Combine(FolderFor(mosaicId), "map.json");

    public string PreviewPath(string mosaicId) => Path.Combine(FolderFor(mosaicId), "live", "preview.jpg");

    public string FacePath(string mosaicId, int number) => Path.Combine(FolderFor(mosaicId), "live", $"face-{number}.jpg");

    private string PyramidFolder(string mosaicId) => Path.Combine(FolderFor(mosaicId), "pyramid");

    /// <summary>The finished picture, if there is one.</summary>
    public (string Path, string ContentType)? Picture(string mosaicId)
    {
        foreach (var (extension, contentType) in PictureTypes)
        {
            var path = Path.Combine(FolderFor(mosaicId), "mosaic" + extension);
            if (File.Exists(path))
                return (path, contentType);
        }

        return null;
    }

    /// <summary>The file extension (without the dot) of a picture type: jpg, png or webp.</summary>
    public static string ExtensionOf(string contentType) =>
        PictureTypes.FirstOrDefault(t => t.ContentType == contentType).Extension?.TrimStart('.') ?? "jpg";

    public async Task SavePictureAsync(string mosaicId, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var extension = PictureTypes.First(t => t.ContentType == contentType).Extension;
        await WriteDurablyAsync(FolderFor(mosaicId), "mosaic" + extension, stream => content.CopyToAsync(stream, cancellationToken), cancellationToken);
    }

    public Task SaveNoteAsync(CompletionNote note, CancellationToken cancellationToken) =>
        WriteDurablyAsync(FolderFor(note.MosaicId), NoteName, stream => JsonSerializer.SerializeAsync(stream, note, Json, cancellationToken), cancellationToken);

    public async Task<CompletionNote?> ReadNoteAsync(string mosaicId, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(NotePath(mosaicId));
            return await JsonSerializer.DeserializeAsync<CompletionNote>(stream, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Takes a failed mosaic's note away, so that it can be made again (an admin's retry).</summary>
    public void DeleteNote(string mosaicId) => File.Delete(NotePath(mosaicId));

    public Task SaveMapAsync(string mosaicId, MosaicMap map, CancellationToken cancellationToken) =>
        WriteDurablyAsync(FolderFor(mosaicId), "map.json", stream => JsonSerializer.SerializeAsync(stream, map, Json, cancellationToken), cancellationToken);

    public async Task<MosaicMap?> ReadMapAsync(string mosaicId, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(MapPath(mosaicId));
            return await JsonSerializer.DeserializeAsync<MosaicMap>(stream, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A preview frame or a face: small JPEGs that are replaced or added while the mosaic is made.</summary>
    public Task SaveLiveAsync(string path, byte[] jpeg, CancellationToken cancellationToken) =>
        WriteDurablyAsync(Path.GetDirectoryName(path)!, Path.GetFileName(path), stream => stream.WriteAsync(jpeg, cancellationToken).AsTask(), cancellationToken, flush: false);

    /// <summary>The faces are for watching only: they go when the mosaic is finished (the preview stays, as its thumbnail).</summary>
    public void DeleteFaces(string mosaicId)
    {
        var live = Path.Combine(FolderFor(mosaicId), "live");
        if (!Directory.Exists(live))
            return;
        foreach (var face in Directory.EnumerateFiles(live, "face-*.jpg"))
            File.Delete(face);
    }

    /// <summary>Unpacks a pyramid sent as a tar (<c>mosaic.dzi</c> and <c>mosaic_files/LEVEL/COL_ROW.jpg|png</c>, nothing
    /// else), bounded in entries and bytes, into place at once. Returns what is wrong with it, or null.</summary>
    public async Task<string?> SavePyramidAsync(string mosaicId, Stream tar, CancellationToken cancellationToken)
    {
        var folder = FolderFor(mosaicId);
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".pyramid.{Guid.NewGuid():N}.tmp");
        try
        {
            var problem = await UnpackAsync(tar, staging, cancellationToken);
            if (problem is not null)
                return problem;
            if (!File.Exists(Path.Combine(staging, "mosaic.dzi")))
                return "The pyramid has no mosaic.dzi.";
            var target = PyramidFolder(mosaicId);
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return null;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    private static async Task<string?> UnpackAsync(Stream tar, string staging, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        var entries = 0;
        long bytes = 0;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
                continue;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !PyramidEntry().IsMatch(entry.Name))
                return $"“{entry.Name}” has no place in a Deep Zoom pyramid.";
            if (++entries > MaxPyramidEntries || (bytes += entry.Length) > MaxPyramidBytes || entry.Length > MaxTileBytes)
                return "The pyramid is larger than a mosaic's can be.";

            var path = Path.Combine(staging, entry.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = File.Create(path);
            if (entry.DataStream is { } data)
                await data.CopyToAsync(file, cancellationToken);
        }

        return null;
    }

    /// <summary>The pyramid's descriptor, or null when the mosaic has no pyramid.</summary>
    public string? PyramidDescriptor(string mosaicId)
    {
        var path = Path.Combine(PyramidFolder(mosaicId), "mosaic.dzi");
        return File.Exists(path) ? path : null;
    }

    /// <summary>One tile of the pyramid, or null for a level or name that is not one of ours.</summary>
    public string? PyramidTile(string mosaicId, int level, string tile)
    {
        if (level is < 0 or > 40 || !TileName().IsMatch(tile))
            return null;
        var path = Path.Combine(PyramidFolder(mosaicId), "mosaic_files", level.ToString(System.Globalization.CultureInfo.InvariantCulture), tile);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Everything of this mosaic goes (picture, pyramid, map, note, preview); a tombstone stays, so that a worker
    /// still making it cannot bring it back.</summary>
    public void Delete(string mosaicId)
    {
        Directory.CreateDirectory(DeletedRoot);
        File.WriteAllText(Path.Combine(DeletedRoot, mosaicId), DateTimeOffset.UtcNow.ToString("O"));
        if (Directory.Exists(FolderFor(mosaicId)))
            Directory.Delete(FolderFor(mosaicId), recursive: true);
    }

    public bool IsDeleted(string mosaicId) => File.Exists(Path.Combine(DeletedRoot, mosaicId));

    public static bool IsPictureType(string? contentType) => PictureTypes.Any(t => t.ContentType == contentType);

    private static readonly (string Extension, string ContentType)[] PictureTypes =
        [(".jpg", "image/jpeg"), (".png", "image/png"), (".webp", "image/webp")];

    [GeneratedRegex(@"^mosaic\.dzi$|^mosaic_files/[0-9]{1,2}/[0-9]{1,5}_[0-9]{1,5}\.(jpg|png)$")]
    private static partial Regex PyramidEntry();

    [GeneratedRegex(@"^[0-9]{1,5}_[0-9]{1,5}\.(jpg|png)$")]
    private static partial Regex TileName();

    private static async Task WriteDurablyAsync(string folder, string name, Func<Stream, Task> write, CancellationToken cancellationToken, bool flush = true)
    {
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                if (flush)
                    stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

using System.Text.Json;
using Frintr.Jobs.Contracts;
using Frintr.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Storage;

/// <summary>Finished mosaics and their completion notes: <c>&lt;data&gt;/results/&lt;id&gt;/mosaic.jpg</c> and
/// <c>done.json</c>. Both are written to a temporary file, flushed to disk, then renamed into place, so a
/// reader never sees half a file and the note never exists before its picture is durable.</summary>
public sealed class ResultStore(IOptions<FrintrWebOptions> options)
{
    public const string NoteName = "done.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder that holds one folder per finished mosaic.</summary>
    public string Root => Path.GetFullPath(Path.Combine(options.Value.DataPath, "results"));

    public string FolderFor(string mosaicId) => Path.Combine(Root, mosaicId);

    public string NotePath(string mosaicId) => Path.Combine(FolderFor(mosaicId), NoteName);

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

    public async Task SavePictureAsync(string mosaicId, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var extension = PictureTypes.First(t => t.ContentType == contentType).Extension;
        await WriteDurablyAsync(mosaicId, "mosaic" + extension, stream => content.CopyToAsync(stream, cancellationToken), cancellationToken);
    }

    public Task SaveNoteAsync(CompletionNote note, CancellationToken cancellationToken) =>
        WriteDurablyAsync(note.MosaicId, NoteName, stream => JsonSerializer.SerializeAsync(stream, note, Json, cancellationToken), cancellationToken);

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

    public static bool IsPictureType(string? contentType) => PictureTypes.Any(t => t.ContentType == contentType);

    private static readonly (string Extension, string ContentType)[] PictureTypes =
        [(".jpg", "image/jpeg"), (".png", "image/png"), (".webp", "image/webp")];

    private async Task WriteDurablyAsync(string mosaicId, string name, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var folder = FolderFor(mosaicId);
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
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

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

    public async Task<string> SaveAsync(string mosaicId, string storedName, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(FolderFor(mosaicId));
        var path = Path.Combine(FolderFor(mosaicId), storedName);
        await using var file = File.Create(path);
        if (!await PictureSize.CopyAtMostAsync(content, file, maxBytes, cancellationToken))
            throw InputTooLargeException.Over(maxBytes);

        return path;
    }

    public bool Exists(string mosaicId) => Directory.Exists(FolderFor(mosaicId));

    public void Delete(string mosaicId)
    {
        if (Directory.Exists(FolderFor(mosaicId)))
            Directory.Delete(FolderFor(mosaicId), recursive: true);
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

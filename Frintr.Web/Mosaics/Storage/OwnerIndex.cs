using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Frintr.Jobs.Contracts;
using Frintr.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Mosaics.Storage;

/// <summary>Whose mosaic is whose, on disk beside the results (<c>&lt;data&gt;/owners/&lt;hash of owner&gt;/&lt;id&gt;</c>,
/// each file holding when it was made): it outlives restarts of the web tier, and every instance that shares the data
/// folder shares it. One small file per mosaic, so instances never write the same file.</summary>
public sealed class OwnerIndex(IOptions<FrintrWebOptions> options)
{
    private string Root => Path.GetFullPath(Path.Combine(options.Value.DataPath, "owners"));

    public void Add(string ownerId, string mosaicId, DateTimeOffset createdAt)
    {
        var folder = FolderOf(ownerId);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, mosaicId), createdAt.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>The owner's mosaics, newest first.</summary>
    public IReadOnlyList<OwnedMosaic> List(string ownerId)
    {
        var folder = FolderOf(ownerId);
        if (!Directory.Exists(folder))
            return [];
        return [.. Directory.EnumerateFiles(folder)
            .Where(f => MosaicId.IsValid(Path.GetFileName(f)))
            .Select(f => new OwnedMosaic(Path.GetFileName(f), Read(f)))
            .OrderByDescending(m => m.CreatedAt)];
    }

    public bool Owns(string ownerId, string mosaicId) =>
        MosaicId.IsValid(mosaicId) && File.Exists(Path.Combine(FolderOf(ownerId), mosaicId));

    public void Remove(string ownerId, string mosaicId)
    {
        if (MosaicId.IsValid(mosaicId))
            File.Delete(Path.Combine(FolderOf(ownerId), mosaicId));
    }

    private static DateTimeOffset Read(string file) =>
        DateTimeOffset.TryParse(File.ReadAllText(file), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : File.GetLastWriteTimeUtc(file);

    // Owner ids come from a cookie: hashed, they are safe as folder names whatever the cookie holds.
    private string FolderOf(string ownerId) =>
        Path.Combine(Root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerId)))[..32]);
}

public sealed record OwnedMosaic(string Id, DateTimeOffset CreatedAt);

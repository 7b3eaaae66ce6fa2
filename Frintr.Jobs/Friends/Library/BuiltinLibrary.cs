using System.Security.Cryptography;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Friends.Library;

/// <summary>Frintr's own library of freely licensed pictures (<c>Library/</c> beside the program: the pictures and
/// <c>library.json</c>, which records each one's source, author and licence; <c>Library/LICENSES.md</c> has the
/// licences): with it a newcomer with nothing but a target still gets a good mosaic, offline.</summary>
public sealed class BuiltinLibrary
{
    public const string ManifestName = "library.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<IReadOnlyList<BuiltinPicture>> _pictures;

    public BuiltinLibrary(IOptions<FriendsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Folder = string.IsNullOrWhiteSpace(options.Value.LibraryPath)
            ? Path.Combine(AppContext.BaseDirectory, "Library")
            : Path.GetFullPath(options.Value.LibraryPath);
        _pictures = new(Load);
    }

    public string Folder { get; }

    public IReadOnlyList<BuiltinPicture> Pictures => _pictures.Value;

    public string PathOf(PictureRef picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        // Names come from our own manifest, but are still never more than a file name.
        return Path.Combine(Folder, Path.GetFileName(picture.Location));
    }

    /// <summary>The library as friends, at most <paramref name="max"/> of them (in the manifest's order).</summary>
    public FriendList Friends(int max) => new([.. Pictures.Take(max).Select(p => new FriendRef(
        new FriendProfile($"{p.Title} — {p.Author} ({p.Licence})", FriendText.SafeLink(p.LicenceUrl)),
        new PictureRef(PictureSource.Builtin, p.File, p.Title) { ContentHash = p.ContentHash }))])
    {
        Notes = Pictures.Count > max ? [$"The built-in library has {Pictures.Count:N0} pictures; the first {max:N0} were used."] : [],
    };

    private List<BuiltinPicture> Load()
    {
        var manifest = Path.Combine(Folder, ManifestName);
        if (!File.Exists(manifest))
            throw new FriendsUnavailableException("The built-in library is not installed on this worker.");
        using var stream = File.OpenRead(manifest);
        var entries = JsonSerializer.Deserialize<Manifest>(stream, Json)?.Pictures ?? [];
        return [.. entries
            .Where(e => e.File.Length > 0 && Path.GetFileName(e.File) == e.File && File.Exists(Path.Combine(Folder, e.File)))
            .Select(e => e with { ContentHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, e.File)))) })];
    }

    private sealed record Manifest(List<BuiltinPicture> Pictures);
}

/// <summary>One picture of the built-in library and where it comes from.</summary>
public sealed record BuiltinPicture(string File, string Title, string Author, string Licence, string LicenceUrl, string Source)
{
    public string? ContentHash { get; init; }
}

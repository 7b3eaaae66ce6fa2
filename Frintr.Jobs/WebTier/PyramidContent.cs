using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;

namespace Frintr.Jobs.WebTier;

/// <summary>A Deep Zoom pyramid on the worker's disk as a tar stream: the descriptor and the tiles, nothing else
/// (libvips' metadata file stays behind). Written straight into the request, never whole in memory.</summary>
internal sealed class PyramidContent : HttpContent
{
    public const string Descriptor = "mosaic.dzi";
    public const string Tiles = "mosaic_files";

    private readonly string _folder;

    public PyramidContent(string folder)
    {
        _folder = folder;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        await tar.WriteEntryAsync(Path.Combine(_folder, Descriptor), Descriptor, cancellationToken);
        foreach (var level in Directory.EnumerateDirectories(Path.Combine(_folder, Tiles)))
        {
            foreach (var tile in Directory.EnumerateFiles(level))
            {
                var name = $"{Tiles}/{Path.GetFileName(level)}/{Path.GetFileName(tile)}";
                await tar.WriteEntryAsync(tile, name, cancellationToken);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

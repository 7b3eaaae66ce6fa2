using Frintr.Imaging.Features;
using Frintr.Imaging.Preparation;
using Frintr.Imaging.Rendering;

namespace Frintr.Imaging;

public sealed partial class MosaicEngine
{
    /// <summary>Renders from tiles prepared earlier (<see cref="TilePreparation.Prepare"/>, at
    /// <see cref="MosaicSettings.TileSize"/>): no friend's picture is decoded and no feature computed again. The
    /// same inputs give the same bytes as <see cref="Render(Func{Stream}, IReadOnlyList{TileInput}, MosaicSettings, Stream, IProgress{RenderProgress}?, CancellationToken)"/>.</summary>
    /// <exception cref="MosaicInputException">The inputs cannot make a mosaic; the message says why.</exception>
    public MosaicResult Render(
        Func<Stream> target,
        IReadOnlyList<PreparedTile> tiles,
        MosaicSettings settings,
        Stream output,
        IProgress<RenderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Check(target, tiles, settings, output);
        if (tiles.FirstOrDefault(t => t.Picture.TileSize != settings.TileSize) is { } other)
            throw new ArgumentException($"Tile {other.FriendId} was prepared for {other.Picture.TileSize}-px tiles, not {settings.TileSize}.", nameof(tiles));
        if (tiles.Select(t => t.FriendId).Distinct(StringComparer.Ordinal).Count() != tiles.Count)
            throw new ArgumentException("Friend ids must be unique within a mosaic.", nameof(tiles));

        var report = new RenderProgressGate(progress);
        var clock = new StepClock();
        var loading = Task.Run(() => TargetPicture.Load(target, settings), cancellationToken);
        var library = Library(tiles, settings.TileSize);
        var candidates = CandidateSet.FromPrepared(library, [.. tiles.Select(t => t.Picture)]);
        report.At(RenderStage.Prepare, 0.5);
        return Compose(loading, library, [], candidates, tiles.Count, settings, output, report, clock, cancellationToken);
    }

    /// <summary>What both entries check before any work.</summary>
    private static void Check<T>(Func<Stream> target, IReadOnlyList<T> tiles, MosaicSettings settings, Stream output)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        SettingsRules.Validate(settings);
        if (tiles.Count == 0)
            throw new MosaicInputException("No friend pictures were given; a mosaic needs at least one.");
    }

    private static TileLibrary Library(IReadOnlyList<PreparedTile> tiles, int tileSize)
    {
        var side = TileLibrary.ThumbSideFor(tileSize);
        var thumbBytes = side * side * 3;
        var pool = new byte[checked(tiles.Count * thumbBytes)];
        for (int i = 0; i < tiles.Count; i++)
            tiles[i].Picture.Pixels.CopyTo(pool, i * thumbBytes);
        return new TileLibrary(tileSize, side, [.. tiles.Select(t => t.FriendId)], pool);
    }
}

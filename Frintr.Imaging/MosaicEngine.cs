using Frintr.Imaging.Encoding;
using Frintr.Imaging.Features;
using Frintr.Imaging.Matching;
using Frintr.Imaging.Preparation;
using Frintr.Imaging.Quality;
using Frintr.Imaging.Rendering;

namespace Frintr.Imaging;

/// <summary>Turns a target picture and friends' pictures into a mosaic.</summary>
public sealed class MosaicEngine(MosaicEngineOptions? options = null)
{
    private readonly MosaicEngineOptions _options = options ?? new MosaicEngineOptions();

    /// <summary>Renders the mosaic into <paramref name="output"/> and says what it made.</summary>
    /// <exception cref="MosaicInputException">The inputs cannot make a mosaic; the message says why.</exception>
    public MosaicResult Render(
        Func<Stream> target,
        IReadOnlyList<TileInput> tiles,
        MosaicSettings settings,
        Stream output,
        IProgress<RenderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        SettingsRules.Validate(settings);
        if (tiles.Count == 0)
            throw new MosaicInputException("No friend pictures were given; a mosaic needs at least one.");

        var report = new RenderProgressGate(progress);
        var clock = new StepClock();
        var ct = cancellationToken;
        var s = settings.TileSize;

        // The target is one picture, decoded on one thread: alongside the friends' pictures rather than before.
        var loading = Task.Run(() => TargetPicture.Load(target, settings), ct);
        var (library, skipped) = TilePreparer.Prepare(tiles, s, f => report.At(RenderStage.Prepare, 0.35 * f), ct);
        var (picture, rows) = loading.GetAwaiter().GetResult();
        if (library.Count == 0)
        {
            throw new MosaicInputException(
                $"None of the {tiles.Count} friend pictures could be read, so there is nothing to build the mosaic from.");
        }

        clock.Lap("decode");
        var (cellFriends, cellVariants) = Match(picture, rows, library, settings, report, clock, ct);
        if (_options.MayForceCollection)
            ReleaseMatchingMemory(picture);
        var preview = _options.Preview is { } wanted ? new PaintingPreview(wanted, settings.Columns, rows, s) : null;
        var mosaic = MosaicCanvas.Paint(library, cellFriends, cellVariants, picture, settings.Columns, settings.Blend,
            f => report.At(RenderStage.Render, 0.75 + (0.1 * f)), ct, preview);
        preview?.Finish();
        clock.Lap("render");
        ct.ThrowIfCancellationRequested();
        report.At(RenderStage.Encode, 0.9);
        // Both only read the finished canvas: the quality figures are measured on the other cores while this thread
        // encodes (one thread), rather than after it.
        var measuring = Task.Run(() => QualityMeter.Measure(picture, mosaic, s), ct);
        MosaicEncoder.Encode(mosaic, settings.Format, settings.Quality, output);
        clock.Lap("encode");
        var (cellsDe, blocksDe, ssim) = measuring.GetAwaiter().GetResult();
        report.At(RenderStage.Encode, 1);
        clock.Lap("quality");
        var uses = cellFriends.GroupBy(f => f).Select(g => g.Count()).ToArray();
        return new MosaicResult
        {
            Width = mosaic.Width,
            Height = mosaic.Height,
            ContentType = MosaicEncoder.ContentType(settings.Format),
            Map = new TileMap(settings.Columns, rows, library.Friends, cellFriends),
            Quality = new QualityReport(cellsDe, blocksDe, ssim, uses.Length, uses.Max()),
            TilesUsed = library.Count,
            Skipped = skipped,
            Timings = clock.Laps,
        };
    }

    // In its own method so that features and shortlists are unreachable once it returns.
    private static (int[] Friends, int[] Variants) Match(
        Pixels.RgbImage picture, int rows, TileLibrary library, MosaicSettings settings, RenderProgressGate report,
        StepClock clock, CancellationToken ct)
    {
        var candidates = CandidateSet.Build(library, f => report.At(RenderStage.Prepare, 0.35 + (0.15 * f)), ct);
        clock.Lap("features");
        var grid = TargetGrid.Build(picture, settings.Columns, rows, settings.TileSize);
        var shortlists = Shortlists.Build(grid, candidates, f => report.At(RenderStage.Match, 0.5 + (0.15 * f)), ct);
        clock.Lap("search");
        var result = Assignment.Solve(grid, candidates, shortlists, library.Count, settings,
            f => report.At(RenderStage.Match, 0.65 + (0.1 * f)), ct);
        clock.Lap("assign");
        return result;
    }

    // The features and shortlists are garbage from here on; for a large mosaic, collect them before the canvas
    // is allocated so that peak memory is the larger of the two stages, not their sum.
    private static void ReleaseMatchingMemory(Pixels.RgbImage picture)
    {
        const long Large = 8_000_000;
        if ((long)picture.Width * picture.Height < Large)
            return;
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}

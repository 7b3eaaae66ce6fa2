namespace Frintr.Imaging;

/// <summary>Turns a target picture and friends' pictures into a mosaic.</summary>
public sealed class MosaicEngine
{
    /// <summary>Renders the mosaic into <paramref name="output"/> and says what it made.</summary>
    /// <exception cref="MosaicInputException">The inputs cannot make a mosaic; the message says why.</exception>
    public MosaicResult Render(
        Func<Stream> target,
        IReadOnlyList<TileInput> tiles,
        MosaicSettings settings,
        Stream output,
        IProgress<MosaicProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        throw new NotSupportedException("engine pending");
    }
}

namespace Frintr.Imaging;

/// <summary>Checks settings before any work, with messages a person can act on.</summary>
internal static class SettingsRules
{
    public static void Validate(MosaicSettings settings)
    {
        if (settings.Columns is < 1 or > 1000)
            throw new MosaicInputException($"Columns must be between 1 and 1000 (got {settings.Columns}).");
        if (settings.TileSize is < 4 or > 256)
            throw new MosaicInputException($"Tile size must be between 4 and 256 pixels (got {settings.TileSize}).");
        if (settings.Blend is < 0 or > 100)
            throw new MosaicInputException($"Blend must be between 0 and 100 (got {settings.Blend}).");
        if (settings.RepeatDistance is < 0 or > 100)
            throw new MosaicInputException($"Repeat distance must be between 0 and 100 cells (got {settings.RepeatDistance}).");
        if (settings.MaxUsesPerTile is < 1)
            throw new MosaicInputException($"Max uses per picture must be at least 1 (got {settings.MaxUsesPerTile}).");
        if (settings.Quality is < 1 or > 100)
            throw new MosaicInputException($"Quality must be between 1 and 100 (got {settings.Quality}).");
        if (settings.MaxOutputPixels < 1)
            throw new MosaicInputException("The output pixel limit must be positive.");
        if ((long)settings.Columns * settings.TileSize * settings.TileSize > settings.MaxOutputPixels)
        {
            throw new MosaicInputException(
                $"Even one row of {settings.Columns} tiles of {settings.TileSize} pixels is above the limit of {settings.MaxOutputPixels:N0} pixels.");
        }
    }
}

namespace Frintr.Imaging;

/// <summary>Checks settings before any work, with messages a person can act on (limits: <see cref="MosaicLimits"/>).</summary>
internal static class SettingsRules
{
    public static void Validate(MosaicSettings settings)
    {
        var layout = MosaicLimits.CheckLayout(settings.Columns, settings.TileSize, settings.RepeatDistance, settings.Blend);
        if (layout.Count > 0)
            throw new MosaicInputException(layout.Values.First()[0]);
        if (settings.Crop is { } crop && MosaicLimits.CheckCrop(crop) is { } cropProblem)
            throw new MosaicInputException(cropProblem);
        if (settings.MaxUsesPerTile is < 1)
            throw new MosaicInputException($"Max uses per picture must be at least 1 (got {settings.MaxUsesPerTile}).");
        if (settings.Quality is < 1 or > 100)
            throw new MosaicInputException($"Quality must be between 1 and 100 (got {settings.Quality}).");
        if (settings.MaxOutputPixels is < 1 or > MosaicLimits.MaxOutputPixels)
            throw new MosaicInputException($"The output pixel limit must be between 1 and {MosaicLimits.MaxOutputPixels:N0}.");
        if ((long)settings.Columns * settings.TileSize * settings.TileSize > settings.MaxOutputPixels)
        {
            throw new MosaicInputException(
                $"Even one row of {settings.Columns} tiles of {settings.TileSize} pixels is above the limit of {settings.MaxOutputPixels:N0} pixels.");
        }
    }
}

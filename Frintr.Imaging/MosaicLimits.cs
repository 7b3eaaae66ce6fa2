namespace Frintr.Imaging;

/// <summary>The one set of limits on a mosaic, used alike by the web tier's checks, the job's checks and the
/// engine, with the words a person reads when a value is out of range. Field names are the API's.</summary>
public static class MosaicLimits
{
    public const int MinColumns = 1;
    public const int MaxColumns = 400;
    public const int MinTileSize = 4;
    public const int MaxTileSize = 128;
    public const int MaxRepeatDistance = 50;
    public const int MaxBlend = 100;

    /// <summary>Friends in one mosaic, whatever the source; deployments may set a lower <c>Frintr:MaxFriends</c>.</summary>
    public const int MaxFriends = 5_000;

    /// <summary>Largest output, in pixels (columns × rows × tile size²).</summary>
    public const long MaxOutputPixels = 100_000_000;

    // ---- What a submission may carry, checked while it is read (before anything is kept) ----------------------

    /// <summary>Longest address of a friend's picture (what browsers and CDNs agree on).</summary>
    public const int MaxUrlLength = 2_048;

    /// <summary>Longest name of a friend, an uploaded file or a zip entry.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Longest account a source is asked for (<c>@user@instance:port</c>, a Bluesky handle, a GitHub login).</summary>
    public const int MaxAccountLength = 320;

    /// <summary>Longest line of a friends' list: a name, a separator and an address, quoted.</summary>
    public const int MaxListLineLength = MaxNameLength + MaxUrlLength + 8;

    /// <summary>Most characters in a friends' list, all lines together.</summary>
    public const int MaxListChars = 4 * 1024 * 1024;

    /// <summary>Longest value of any other form field (a number, a switch, a source's name).</summary>
    public const int MaxFieldLength = 64;

    /// <summary>Most parts in one submission: a target, the friends' pictures, and the fields.</summary>
    public const int MaxFormParts = MaxFriends + 32;

    /// <summary>Most entries one zip of pictures may hold (folders and skipped files included).</summary>
    public const int MaxZipEntries = MaxFriends * 2;

    /// <summary>How much larger than its compressed size one zip entry may unpack to: pictures barely compress, so
    /// a higher ratio is a zip bomb.</summary>
    public const int MaxZipRatio = 100;

    /// <summary>What is wrong with a layout, keyed by the API's field names; empty when it is fine.</summary>
    public static Dictionary<string, string[]> CheckLayout(int columns, int tileSize, int repeatDistance, int blend)
    {
        var errors = new Dictionary<string, string[]>();
        if (columns is < MinColumns or > MaxColumns)
            errors["columns"] = [$"Columns must be between {MinColumns} and {MaxColumns} (got {columns})."];
        if (tileSize is < MinTileSize or > MaxTileSize)
            errors["tileSize"] = [$"Tile size must be between {MinTileSize} and {MaxTileSize} pixels (got {tileSize})."];
        if (repeatDistance is < 0 or > MaxRepeatDistance)
            errors["repeatDistance"] = [$"Repeat distance must be between 0 and {MaxRepeatDistance} cells (got {repeatDistance})."];
        if (blend is < 0 or > MaxBlend)
            errors["blend"] = [$"Blend must be between 0 and {MaxBlend} (got {blend})."];
        return errors;
    }
}

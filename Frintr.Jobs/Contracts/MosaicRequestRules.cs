namespace Frintr.Jobs.Contracts;

/// <summary>What a valid request looks like, checked by the web tier before enqueueing and by the worker
/// before rendering (the queue is not a trust boundary we rely on).</summary>
public static class MosaicRequestRules
{
    public const int MinColumns = 1;
    public const int MaxColumns = 400;
    public const int MinTileSize = 4;
    public const int MaxTileSize = 128;
    public const int MaxRepeatDistance = 50;
    public const int MaxFriends = 5_000;

    /// <summary>The problems with <paramref name="options"/>, keyed by field, in words for the person.</summary>
    public static Dictionary<string, string[]> CheckOptions(MosaicOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (options.Columns is < MinColumns or > MaxColumns)
            errors["columns"] = [$"Columns must be between {MinColumns} and {MaxColumns}."];
        if (options.TileSize is < MinTileSize or > MaxTileSize)
            errors["tileSize"] = [$"Tile size must be between {MinTileSize} and {MaxTileSize} pixels."];
        if (options.RepeatDistance is < 0 or > MaxRepeatDistance)
            errors["repeatDistance"] = [$"Repeat distance must be between 0 and {MaxRepeatDistance} cells."];
        if (options.Blend is < 0 or > 100)
            errors["blend"] = ["Blend must be between 0 and 100."];
        return errors;
    }

    public static Dictionary<string, string[]> Check(MosaicRequest request)
    {
        var errors = CheckOptions(request.Options);
        if (request.Version != MosaicRequest.CurrentVersion)
            errors["version"] = [$"This worker understands request version {MosaicRequest.CurrentVersion}, not {request.Version}."];
        if (!MosaicId.IsValid(request.MosaicId))
            errors["mosaicId"] = ["The mosaic id is malformed."];
        if (string.IsNullOrWhiteSpace(request.OwnerId))
            errors["ownerId"] = ["The owner is missing."];
        if (request.Friends.Count == 0)
            errors["tiles"] = ["Add at least one friend's picture."];
        else if (request.Friends.Count > MaxFriends)
            errors["tiles"] = [$"At most {MaxFriends:N0} friends' pictures per mosaic."];
        return errors;
    }
}

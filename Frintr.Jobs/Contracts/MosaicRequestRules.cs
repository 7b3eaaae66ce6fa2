using Frintr.Imaging;

namespace Frintr.Jobs.Contracts;

/// <summary>What a valid request looks like, checked by the web tier before enqueueing and by the worker
/// before rendering (the queue is not a trust boundary we rely on).</summary>
public static class MosaicRequestRules
{
    /// <summary>The problems with <paramref name="options"/>, keyed by field, in words for the person.</summary>
    public static Dictionary<string, string[]> CheckOptions(MosaicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = MosaicLimits.CheckLayout(options.Columns, options.TileSize, options.RepeatDistance, options.Blend);
        if (!Enum.IsDefined(options.Format))
            errors["format"] = ["The format must be JPEG, PNG or WebP."];
        if (options.Crop is { } crop && MosaicLimits.CheckCrop(crop) is { } problem)
            errors["crop"] = [problem];
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
        else if (request.Friends.Count > MosaicLimits.MaxFriends)
            errors["tiles"] = [$"At most {MosaicLimits.MaxFriends:N0} friends' pictures per mosaic."];
        return errors;
    }
}

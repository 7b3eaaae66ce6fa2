using Frintr.Imaging;
using Frintr.Jobs.Friends.Import;

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

    /// <summary>The problems with where the friends (and perhaps the target) come from, keyed by the API's fields.</summary>
    public static Dictionary<string, string[]> CheckSource(
        FriendsSource source, string? account, bool targetFromAccount, bool hasTarget, bool hasFriendPictures)
    {
        var errors = new Dictionary<string, string[]>();
        if (source.IsNetwork())
        {
            if (FriendAccount.Normalize(source, account, out var problem) is null)
                errors["account"] = [problem!];
            if (hasFriendPictures)
                errors["friendsSource"] = [$"Friends from {source.DisplayName()} come with their own pictures: send no tiles or tileUrls with them."];
        }
        else if (source == FriendsSource.Builtin && hasFriendPictures)
        {
            errors["friendsSource"] = ["The built-in library brings its own pictures: send no tiles or tileUrls with it."];
        }

        if (targetFromAccount && !source.IsNetwork())
            errors["targetFromAccount"] = ["Your own profile picture needs an account: choose Mastodon, Bluesky or GitHub as the source."];
        else if (targetFromAccount && hasTarget)
            errors["target"] = ["Choose either a target picture or “use my own profile picture”, not both."];
        else if (!targetFromAccount && !hasTarget)
            errors["target"] = ["Choose the picture to rebuild as a mosaic."];
        return errors;
    }

    public static Dictionary<string, string[]> Check(MosaicRequest request)
    {
        var errors = CheckOptions(request.Options);
        if (request.Version is < MosaicRequest.OldestVersion or > MosaicRequest.CurrentVersion)
            errors["version"] = [$"This worker understands request versions {MosaicRequest.OldestVersion}–{MosaicRequest.CurrentVersion}, not {request.Version}."];
        if (!MosaicId.IsValid(request.MosaicId))
            errors["mosaicId"] = ["The mosaic id is malformed."];
        if (string.IsNullOrWhiteSpace(request.OwnerId))
            errors["ownerId"] = ["The owner is missing."];
        foreach (var (field, messages) in CheckSource(request.FriendsSource, request.Account, request.TargetFromAccount,
                     request.Target is not null, request.Friends.Count > 0 && !request.FriendsSource.IsList()))
        {
            errors[field] = messages;
        }

        if (request.FriendsSource.IsList() && request.Friends.Count == 0)
            errors["tiles"] = ["Add at least one friend's picture."];
        else if (request.Friends.Count > MosaicLimits.MaxFriends)
            errors["tiles"] = [$"At most {MosaicLimits.MaxFriends:N0} friends' pictures per mosaic."];
        return errors;
    }
}

using System.Text.Json.Serialization;

namespace Frintr.Jobs.Contracts;

/// <summary>Where a mosaic's friends come from; the API's <c>friendsSource</c> values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FriendsSource>))]
public enum FriendsSource
{
    /// <summary>Pictures the person uploaded (files, or one zip of them).</summary>
    [JsonStringEnumMemberName("upload")]
    Upload,

    /// <summary>Addresses of pictures, one a line (or <c>name⇥url</c>, or a CSV with <c>name,url</c>).</summary>
    [JsonStringEnumMemberName("urls")]
    Urls,

    [JsonStringEnumMemberName("mastodon")]
    Mastodon,

    [JsonStringEnumMemberName("bluesky")]
    Bluesky,

    [JsonStringEnumMemberName("github")]
    GitHub,

    /// <summary>Frintr's own library of freely licensed pictures, for a mosaic with nothing but a target.</summary>
    [JsonStringEnumMemberName("builtin")]
    Builtin,
}

/// <summary>Whose pictures an account's friends are: the accounts it follows, or those following it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FriendsRelation>))]
public enum FriendsRelation
{
    [JsonStringEnumMemberName("following")]
    Following,

    [JsonStringEnumMemberName("followers")]
    Followers,
}

public static class FriendsSources
{
    /// <summary>The sources whose friends a worker imports from a social network, given an account.</summary>
    public static bool IsNetwork(this FriendsSource source) =>
        source is FriendsSource.Mastodon or FriendsSource.Bluesky or FriendsSource.GitHub;

    /// <summary>The sources whose friends travel in the request itself, as picture references.</summary>
    public static bool IsList(this FriendsSource source) => source is FriendsSource.Upload or FriendsSource.Urls;

    /// <summary>The API's name of a source (<c>upload</c>, <c>urls</c>, <c>mastodon</c>, …).</summary>
    public static string ApiName(this FriendsSource source) => source.ToString().ToLowerInvariant();

    /// <summary>What people call the network ("Mastodon", "GitHub").</summary>
    public static string DisplayName(this FriendsSource source) => source switch
    {
        FriendsSource.GitHub => "GitHub",
        FriendsSource.Builtin => "Frintr's built-in library",
        _ => source.ToString(),
    };

    public static bool TryParse(string? text, out FriendsSource source)
    {
        foreach (var candidate in Enum.GetValues<FriendsSource>())
        {
            if (string.Equals(text?.Trim(), candidate.ApiName(), StringComparison.OrdinalIgnoreCase))
            {
                source = candidate;
                return true;
            }
        }

        source = default;
        return false;
    }

    public static bool TryParse(string? text, out FriendsRelation relation)
    {
        relation = FriendsRelation.Following;
        if (string.Equals(text?.Trim(), "following", StringComparison.OrdinalIgnoreCase))
            return true;
        relation = FriendsRelation.Followers;
        return string.Equals(text?.Trim(), "followers", StringComparison.OrdinalIgnoreCase);
    }
}

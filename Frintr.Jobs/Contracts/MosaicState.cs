using System.Text.Json.Serialization;

namespace Frintr.Jobs.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<MosaicState>))]
public enum MosaicState
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>What the API and the page show about one mosaic.</summary>
public sealed record MosaicStatus(
    string Id,
    MosaicState Status,
    double Progress,
    string? Stage,
    string? ResultUrl,
    string? Error)
{
    /// <summary>How the friends fared; absent until the worker knows who they are.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FriendCounts? Friends { get; init; }
}

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
    /// <summary>How the friends fare (live while they are fetched, final in the completion note); absent until the
    /// worker knows who they are. <see cref="Fetched"/> is its running total: <c>Fetched.Total = Friends.Requested</c>
    /// less those known at once to have no picture, <c>Fetched.Done</c> = those fetched, failed or left out so far.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FriendCounts? Friends { get; init; }

    /// <summary>While queued: 1 = next to be taken.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>The worker making it, once one has taken it.</summary>
    public string? Worker { get; init; }

    /// <summary>Estimated seconds left, once there is enough progress to tell.</summary>
    public int? EtaSeconds { get; init; }

    /// <summary>A small picture of the mosaic as painted so far (or finished), when there is one.</summary>
    public string? PreviewUrl { get; init; }

    /// <summary>Friends' pictures fetched (or given up on) so far, while running: the bar's count; <see cref="Friends"/> has the detail.</summary>
    public FetchCount? Fetched { get; init; }

    /// <summary>The latest friends' faces to arrive (newest last), while fetching.</summary>
    public IReadOnlyList<string>? Faces { get; init; }

    /// <summary>The output's size in pixels, known from submission on (so the page keeps its place for it).</summary>
    public int? Width { get; init; }

    public int? Height { get; init; }
}

/// <summary><see cref="Done"/> of <see cref="Total"/> friends' pictures fetched (or given up on).</summary>
public sealed record FetchCount(int Done, int Total);

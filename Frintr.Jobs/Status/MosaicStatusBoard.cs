using System.Globalization;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Hangfire;
using Hangfire.Storage;

namespace Frintr.Jobs.Status;

/// <summary>The live state of each mosaic, kept in the job storage (Redis) so that every web instance and
/// worker sees the same thing. The completion note on disk is the final word; this covers the time before it.</summary>
public sealed class MosaicStatusBoard(JobStorage storage)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void MarkQueued(string mosaicId, string ownerId, int width = 0, int height = 0) => Write(mosaicId, new()
    {
        ["state"] = nameof(MosaicState.Queued),
        ["stage"] = "queued",
        ["progress"] = "0",
        ["owner"] = ownerId,
        ["width"] = width.ToString(CultureInfo.InvariantCulture),
        ["height"] = height.ToString(CultureInfo.InvariantCulture),
        ["error"] = string.Empty,
    });

    /// <summary>The Hangfire job that makes the mosaic (for its place in the queue, a retry, a cancel).</summary>
    public void AttachJob(string mosaicId, string jobId) => Write(mosaicId, new() { ["job"] = jobId });

    /// <summary>Progress with everything the page shows beside the bar (worker, start, fetch count, faces, preview).</summary>
    public void MarkProgress(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fields = new Dictionary<string, string>
        {
            ["state"] = nameof(MosaicState.Running),
            ["stage"] = report.Stage,
            ["progress"] = report.Fraction.ToString("0.###", CultureInfo.InvariantCulture),
            ["worker"] = report.Worker ?? string.Empty,
            ["started"] = report.StartedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            ["fetched"] = report.Fetched is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f.Done}/{f.Total}") : string.Empty,
            ["faces"] = string.Join(',', (report.Faces ?? []).Select(n => n.ToString(CultureInfo.InvariantCulture))),
            ["preview"] = report.PreviewVersion.ToString(CultureInfo.InvariantCulture),
        };
        if (report.Friends is { } friends)
            fields["friends"] = JsonSerializer.Serialize(friends, Json);
        Write(report.MosaicId, fields);
    }

    public void MarkProgress(string mosaicId, string stage, double fraction) => Write(mosaicId, new()
    {
        ["state"] = nameof(MosaicState.Running),
        ["stage"] = stage,
        ["progress"] = fraction.ToString("0.###", CultureInfo.InvariantCulture),
    });

    /// <summary>How the friends fare so far (the status API's <c>friends</c> while the mosaic is made).</summary>
    public void MarkFriends(string mosaicId, FriendCounts counts) => Write(mosaicId, new()
    {
        ["friends"] = JsonSerializer.Serialize(counts, Json),
    });

    public void MarkFinished(string mosaicId, MosaicState state, string? error)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        WriteFinished(transaction, mosaicId, state, error);
        transaction.Commit();
    }

    /// <summary>Records the end of a mosaic in a transaction someone else commits (see <see cref="FinalStateFilter"/>).</summary>
    public static void WriteFinished(IWriteOnlyTransaction transaction, string mosaicId, MosaicState state, string? error) =>
        Write(transaction, mosaicId, new()
        {
            ["state"] = state.ToString(),
            ["stage"] = "done",
            ["progress"] = state == MosaicState.Succeeded ? "1" : "0",
            ["error"] = error ?? string.Empty,
        });

    /// <summary>The live state, or null when this board has never heard of the mosaic.</summary>
    public LiveState? Read(string mosaicId)
    {
        using var connection = storage.GetConnection();
        var fields = connection.GetAllEntriesFromHash(Key(mosaicId));
        if (fields is null || !fields.TryGetValue("state", out var state))
            return null;

        return new LiveState(
            Enum.Parse<MosaicState>(state),
            fields.GetValueOrDefault("stage"),
            double.Parse(fields.GetValueOrDefault("progress") ?? "0", CultureInfo.InvariantCulture),
            fields.GetValueOrDefault("error") is { Length: > 0 } error ? error : null,
            fields.GetValueOrDefault("owner"))
        {
            Friends = ReadFriends(fields.GetValueOrDefault("friends")),
            JobId = Text(fields, "job"),
            Worker = Text(fields, "worker"),
            StartedAt = long.TryParse(Text(fields, "started"), CultureInfo.InvariantCulture, out var started)
                ? DateTimeOffset.FromUnixTimeMilliseconds(started)
                : null,
            Fetched = Text(fields, "fetched") is { } fetched && fetched.Split('/') is [var done, var total]
                ? new FetchCount(int.Parse(done, CultureInfo.InvariantCulture), int.Parse(total, CultureInfo.InvariantCulture))
                : null,
            Faces = Text(fields, "faces") is { } faces ? [.. faces.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : [],
            PreviewVersion = int.TryParse(Text(fields, "preview"), CultureInfo.InvariantCulture, out var preview) ? preview : 0,
            Width = int.TryParse(Text(fields, "width"), CultureInfo.InvariantCulture, out var width) ? width : 0,
            Height = int.TryParse(Text(fields, "height"), CultureInfo.InvariantCulture, out var height) ? height : 0,
        };
    }

    private static FriendCounts? ReadFriends(string? json)
    {
        try
        {
            return json is { Length: > 0 } ? JsonSerializer.Deserialize<FriendCounts>(json, Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Forgets a mosaic (its owner deleted it).</summary>
    public void Remove(string mosaicId)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(Key(mosaicId));
        transaction.Commit();
    }

    private static string? Text(Dictionary<string, string> fields, string name) =>
        fields.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    private void Write(string mosaicId, Dictionary<string, string> fields)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        Write(transaction, mosaicId, fields);
        transaction.Commit();
    }

    private static void Write(IWriteOnlyTransaction transaction, string mosaicId, Dictionary<string, string> fields)
    {
        transaction.SetRangeInHash(Key(mosaicId), fields);
        if (transaction is JobStorageTransaction expiring)
            expiring.ExpireHash(Key(mosaicId), KeepFor);
    }

    private static string Key(string mosaicId) => "mosaic:" + mosaicId;
}

public sealed record LiveState(MosaicState State, string? Stage, double Progress, string? Error, string? OwnerId)
{
    public FriendCounts? Friends { get; init; }

    public string? JobId { get; init; }

    public string? Worker { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public FetchCount? Fetched { get; init; }

    public IReadOnlyList<int> Faces { get; init; } = [];

    public int PreviewVersion { get; init; }

    /// <summary>The output's size in pixels as planned at submission (0 when unknown).</summary>
    public int Width { get; init; }

    public int Height { get; init; }
}

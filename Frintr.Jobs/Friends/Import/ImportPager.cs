using System.Globalization;
using System.Net;
using System.Text.Json;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Rendering;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Frintr.Jobs.Friends.Import;

/// <summary>Reads one JSON page of a network's API the careful way: the body size-capped, rate limits
/// (<c>429</c>, or <c>403</c> with no requests left) waited out while the deadline allows, the <c>Link</c> header's
/// next page offered only on the same server, and failures turned into words for the person.</summary>
internal sealed class ImportPager(HttpClient http, FriendsSource network, TimeProvider time)
{
    /// <summary>Largest page we read; a network's page of 100 accounts is far smaller.</summary>
    public const int MaxPageBytes = 4 * 1024 * 1024;

    private const int MaxRateLimitWaits = 3;

    public async Task<Page<T>> GetAsync<T>(Uri url, DateTimeOffset deadline, JsonSerializerOptions json, CancellationToken cancellationToken, Action<HttpRequestMessage>? prepare = null)
    {
        for (var wait = 0; ; wait++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/json");
            prepare?.Invoke(request);
            using var response = await SendAsync(request, url, cancellationToken);
            if (RateLimitedUntil(response) is { } until)
            {
                var now = time.GetUtcNow();
                if (until > deadline || wait >= MaxRateLimitWaits)
                    return new Page<T>(response.StatusCode, default, null, until, null);
                await Task.Delay(until > now ? until - now : TimeSpan.Zero, time, cancellationToken);
                continue;
            }

            var text = await ReadCappedAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return new Page<T>(response.StatusCode, default, null, null, text);
            try
            {
                return new Page<T>(response.StatusCode, JsonSerializer.Deserialize<T>(text, json), NextLink(response, url), null, null);
            }
            catch (JsonException ex)
            {
                throw new FriendsUnavailableException($"{network.DisplayName()} answered something that is not its API's JSON ({url.Host}).", innerException: ex);
            }
        }
    }

    /// <summary><paramref name="relative"/> under <paramref name="root"/>, whether or not the root ends with a slash
    /// (an API may live under a path, as GitHub Enterprise's <c>/api/v3</c> does).</summary>
    internal static Uri Below(Uri root, string relative) =>
        new(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), relative.TrimStart('/'));

    /// <summary>When a rate-limited answer says the limit is lifted; null when the answer is not rate-limited.</summary>
    internal static DateTimeOffset? RateLimitedUntil(HttpResponseMessage response, DateTimeOffset? now = null)
    {
        var limited = response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.Forbidden && Header(response, "x-ratelimit-remaining") == "0");
        if (!limited)
            return null;
        var at = now ?? DateTimeOffset.UtcNow;
        if (response.Headers.RetryAfter is { } retry)
            return retry.Delta is { } delta ? at + delta : retry.Date ?? at;
        foreach (var name in new[] { "x-ratelimit-reset", "ratelimit-reset" })
        {
            var value = Header(response, name);
            if (value is null)
                continue;
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return number > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(number) : at + TimeSpan.FromSeconds(number);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date;
        }

        // Limited without saying until when: a minute is what these APIs' windows usually come to.
        return at + TimeSpan.FromMinutes(1);
    }

    /// <summary>The <c>rel="next"</c> address of an RFC 8288 <c>Link</c> header, when it is on the server asked.</summary>
    internal static Uri? NextLink(HttpResponseMessage response, Uri asked)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
            return null;
        foreach (var link in values.SelectMany(SplitLinks))
        {
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (!link.StartsWith('<') || close < 0)
                continue;
            var parameters = link[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!parameters.Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
                continue;
            return Uri.TryCreate(asked, link[1..close], out var next)
                   && next.Scheme == asked.Scheme && string.Equals(next.Authority, asked.Authority, StringComparison.OrdinalIgnoreCase)
                ? next
                : null;
        }

        return null;
    }

    // Links are separated by commas outside the angle brackets.
    private static IEnumerable<string> SplitLinks(string header)
    {
        var start = 0;
        var inside = false;
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i] == '<')
                inside = true;
            else if (header[i] == '>')
                inside = false;
            else if (header[i] == ',' && !inside)
            {
                yield return header[start..i].Trim();
                start = i + 1;
            }
        }

        yield return header[start..].Trim();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FriendsUnavailableException($"{network.DisplayName()} did not answer in time at {url.Host}.", innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or BrokenCircuitException)
        {
            // As for pictures (FetchFailure): the kind of failure, never the addresses and ports the worker saw.
            throw new FriendsUnavailableException(Unreachable(url, FetchFailure.Classify(ex)), innerException: ex);
        }
    }

    private string Unreachable(Uri url, FetchFailureKind kind) => kind switch
    {
        FetchFailureKind.PrivateNetwork => $"{url.Host} is on a private network; friends can only come from the public internet.",
        FetchFailureKind.NoSuchHost => $"{url.Host} could not be found on the public internet.",
        FetchFailureKind.TimedOut => $"{network.DisplayName()} did not answer in time at {url.Host}.",
        _ => $"{network.DisplayName()} could not be reached at {url.Host}.",
    };

    private async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxPageBytes)
            throw TooLarge(response);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var copy = new MemoryStream();
        try
        {
            if (!await PictureSize.CopyAtMostAsync(body, copy, MaxPageBytes, cancellationToken))
                throw TooLarge(response);
        }
        catch (IOException ex)
        {
            throw new FriendsUnavailableException($"{network.DisplayName()}'s answer broke off ({response.RequestMessage?.RequestUri?.Host}).", innerException: ex);
        }

        return System.Text.Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
    }

    private FriendsUnavailableException TooLarge(HttpResponseMessage response) =>
        new($"{network.DisplayName()} answered more than {MaxPageBytes / (1024 * 1024)} MB for one page ({response.RequestMessage?.RequestUri?.Host}).");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}

/// <summary>One page: its status, body, the next page's address, or when a rate limit that could not be waited
/// out ends; <see cref="ErrorText"/> is the body of an unsuccessful answer.</summary>
internal sealed record Page<T>(HttpStatusCode Status, T? Body, Uri? Next, DateTimeOffset? LimitedUntil, string? ErrorText)
{
    public bool Ok => Body is not null && (int)Status is >= 200 and < 300;
}

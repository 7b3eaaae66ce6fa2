using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Frintr.Imaging;
using Frintr.Imaging.Decoding;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Friends;
using Frintr.Jobs.Friends.Cache;
using Frintr.Jobs.Friends.Fetch;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Frintr.Jobs.Rendering;

/// <summary>Brings one picture to the worker: an upload from the web tier, or a URL from the internet through the
/// resilient client (<see cref="InternetClient"/>: public addresses only, retries on transient failures, a circuit
/// breaker per host), at most <see cref="FriendsOptions.PerHostDownloads"/> at once per host, size-capped, counted
/// against the mosaic's <see cref="DownloadBudget"/>, recognised as a picture from its first bytes and hashed on
/// the way. Whatever goes wrong with one picture is a <see cref="PictureFetchException"/> with words for the person
/// (network failures through <see cref="FetchFailure.Explain(string, Exception)"/>: the log gets the addresses).</summary>
public sealed class PictureFetcher(
    WebTierClient webTier,
    IHttpClientFactory httpClients,
    HostLimiter hosts,
    IOptions<WorkerOptions> worker,
    IOptions<FriendsOptions> friends,
    ILogger<PictureFetcher> logger)
{
    public const string InternetClient = "friends-pictures";

    /// <summary>Our own web tier: a whole upload, body included.</summary>
    private static readonly TimeSpan WebTierTimeout = TimeSpan.FromSeconds(30);

    private long MaxBytes => worker.Value.MaxPictureBytes;

    /// <summary>Downloads <paramref name="picture"/> into <paramref name="destination"/>. With <paramref name="known"/>
    /// (an earlier download of the same URL) the server is asked whether it changed, and a "not modified" answer
    /// downloads nothing. Trouble reaching our own web tier is not the person's problem: it is rethrown as is, so the
    /// job is retried.</summary>
    public async Task<Download> DownloadAsync(
        string mosaicId, PictureRef picture, Stream destination, DownloadBudget? budget, UrlRecord? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var limit = picture.Source == PictureSource.Url ? friends.Value.PictureTimeout : WebTierTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (picture.Source != PictureSource.Url)
            timeout.CancelAfter(limit);
        try
        {
            return picture.Source switch
            {
                PictureSource.Upload => await FromWebTierAsync(mosaicId, picture, destination, timeout.Token),
                PictureSource.Url => await FromInternetAsync(picture, destination, budget, known, timeout, limit),
                _ => throw new ArgumentException($"{picture.Source} pictures are not downloaded.", nameof(picture)),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or TimeoutRejectedException
                                   && (picture.Source == PictureSource.Url || timeout.IsCancellationRequested))
        {
            throw new PictureFetchException(FetchFailure.Explain(Describe(picture), FetchFailureKind.TimedOut), FetchReason.TimedOut, ex);
        }
        catch (BrokenCircuitException ex) when (picture.Source == PictureSource.Url)
        {
            throw new PictureFetchException($"{Describe(picture)} was not tried: its server failed too often just now.", FetchReason.CircuitOpen, ex);
        }
        catch (HttpRequestException ex) when (picture.Source == PictureSource.Url)
        {
            // The person gets the kind of failure; the log gets the addresses and ports.
            logger.LogInformation(ex, "Friend picture {Url} of mosaic {MosaicId} not fetched", picture.Location, mosaicId);
            var reason = ex.StatusCode is { } status ? FetchReason.Answered((int)status) : FetchReason.Of(FetchFailure.Classify(ex));
            throw new PictureFetchException(FetchFailure.Explain(Describe(picture), ex), reason, ex);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PictureFetchException($"{Describe(picture)} is no longer on our servers.", FetchReason.NoLongerStored, ex);
        }
        catch (IOException ex) when (picture.Source == PictureSource.Url)
        {
            // HttpIOException included: the server closed the connection before the whole body.
            throw new PictureFetchException($"{Describe(picture)} broke off before the whole picture arrived.", FetchReason.BrokeOff, ex);
        }
    }

    private async Task<Download> FromWebTierAsync(string mosaicId, PictureRef picture, Stream destination, CancellationToken cancellationToken)
    {
        await using var source = await webTier.OpenInputAsync(mosaicId, picture.Location, cancellationToken);
        var (hash, length) = await CopyAsync(source, destination, picture, budget: null, cancellationToken);
        return new Download(hash, length, null, null, NotModified: false);
    }

    /// <summary>The picture's time (<paramref name="limit"/>) starts once its host has a free slot: waiting behind the
    /// same host's other pictures is not this one's slowness.</summary>
    private async Task<Download> FromInternetAsync(
        PictureRef picture, Stream destination, DownloadBudget? budget, UrlRecord? known, CancellationTokenSource timeout, TimeSpan limit)
    {
        var url = picture.Location;
        if (url.Length > MosaicLimits.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PictureFetchException($"“{Shorten(url)}” is not an http or https address.", FetchReason.NotAnAddress);

        using var slot = await hosts.EnterAsync(uri, timeout.Token);
        timeout.CancelAfter(limit);
        var cancellationToken = timeout.Token;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("image/*");
        if (known?.ContentHash is not null)
        {
            if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                request.Headers.IfNoneMatch.Add(tag);
            if (known.LastModified is { } modified)
                request.Headers.IfModifiedSince = modified;
        }

        using var response = await httpClients.CreateClient(InternetClient)
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var etagHeader = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        if (response.StatusCode == HttpStatusCode.NotModified && known?.ContentHash is { } unchanged)
            return new Download(unchanged, 0, etagHeader ?? known.ETag, lastModified ?? known.LastModified, NotModified: true);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the server answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength is { } declared)
        {
            if (declared > MaxBytes)
                throw TooLarge(picture);
            if (budget is not null && declared > budget.Left)
                throw OverBudget(picture, budget);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (hash, length) = await CopyAsync(body, destination, picture, budget, cancellationToken);
        return new Download(hash, length, etagHeader, lastModified, NotModified: false);
    }

    /// <summary>Copies at most the picture size limit, taking the bytes from the budget as they come, refusing what
    /// does not start like a picture, and hashing what it copies (SHA-256, the tile cache's key).</summary>
    private async Task<(string Hash, long Length)> CopyAsync(
        Stream source, Stream destination, PictureRef picture, DownloadBudget? budget, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            var head = 0;
            var recognised = false;
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(head, buffer.Length - head), cancellationToken);
                var filled = head + read;
                if (!recognised)
                {
                    if (read > 0 && filled < PictureSniffer.HeadLength)
                    {
                        head = filled;
                        continue;
                    }

                    Recognise(buffer.AsSpan(0, filled), picture);
                    recognised = true;
                    head = 0;
                }

                if (filled == 0)
                    break;
                total += filled;
                if (total > MaxBytes)
                    throw TooLarge(picture);
                if (budget is not null && !budget.TryTake(filled))
                    throw OverBudget(picture, budget);
                hash.AppendData(buffer, 0, filled);
                await destination.WriteAsync(buffer.AsMemory(0, filled), cancellationToken);
                if (read == 0)
                    break;
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Recognise(ReadOnlySpan<byte> head, PictureRef picture)
    {
        if (PictureSniffer.Recognize(head) is not null)
            return;
        if (head.IsEmpty)
            throw new PictureFetchException($"{Describe(picture)} is empty.", FetchReason.NotAPicture);
        throw PictureSniffer.LooksLikeMarkup(head)
            ? new PictureFetchException($"{Describe(picture)} is a web page, not a picture.", FetchReason.WebPage)
            : new PictureFetchException($"{Describe(picture)} is not a picture we can read (JPEG, PNG, WebP, GIF or BMP).", FetchReason.NotAPicture);
    }

    private PictureFetchException TooLarge(PictureRef picture) =>
        new($"{Describe(picture)} is larger than {PictureSize.Megabytes(MaxBytes)}.", FetchReason.TooLarge(PictureSize.Megabytes(MaxBytes)));

    private static PictureFetchException OverBudget(PictureRef picture, DownloadBudget budget) =>
        new($"{Describe(picture)} was not downloaded: this mosaic's download allowance of {PictureSize.Megabytes(budget.Total)} is used up.",
            FetchReason.OverBudget(PictureSize.Megabytes(budget.Total)));

    internal static string Describe(PictureRef picture) =>
        picture.Source == PictureSource.Url ? Shorten(picture.Location) : $"The uploaded picture “{picture.DisplayName}”";

    private static string Shorten(string url) => url.Length <= 200 ? url : url[..200] + "…";
}

/// <summary>What a download brought: the content's SHA-256, its length, the validators to ask with next time, and
/// whether the server said the picture had not changed since (then nothing was downloaded).</summary>
public sealed record Download(string ContentHash, long Length, string? ETag, DateTimeOffset? LastModified, bool NotModified);

/// <summary>Why friends' pictures were missing, in words that complete "N friends: …"; failures are grouped by them.</summary>
public static class FetchReason
{
    public const string TimedOut = "their picture took too long to download";
    public const string CircuitOpen = "their server failed too often just now";
    public const string PrivateNetwork = "their picture is on a private network";
    public const string Unreachable = "their server could not be reached";
    public const string NoSuchHost = "their picture's server could not be found on the public internet";
    public const string Refused = "their server refused the connection";
    public const string NotAllowed = "their server does not allow the download";
    public const string ServerError = "their server had a problem sending it";
    public const string ConnectionFailed = "the connection failed";
    public const string NoLongerStored = "the upload is no longer on our servers";
    public const string BrokeOff = "the download broke off";
    public const string NotAnAddress = "the address is not an http or https address";
    public const string WebPage = "the address gives a web page, not a picture";
    public const string NotAPicture = "the file is not a picture we can read";
    public const string Unreadable = "the picture could not be read";

    public static string Answered(int status) => status switch
    {
        404 or 410 => $"their picture is gone (the server answered {status})",
        _ => $"their server answered {status}",
    };

    /// <summary>The reason for a network failure, told as <see cref="FetchFailure"/> tells it (no addresses, and a
    /// name that resolves only to private addresses reads like one that does not exist).</summary>
    public static string Of(FetchFailureKind kind) => kind switch
    {
        FetchFailureKind.NoSuchHost => NoSuchHost,
        FetchFailureKind.PrivateNetwork => PrivateNetwork,
        FetchFailureKind.Refused => Refused,
        FetchFailureKind.Unreachable => Unreachable,
        FetchFailureKind.TimedOut => TimedOut,
        FetchFailureKind.NotFound => Answered(404),
        FetchFailureKind.NotAllowed => NotAllowed,
        FetchFailureKind.ServerError => ServerError,
        _ => ConnectionFailed,
    };

    public static string TooLarge(string limit) => $"their picture is larger than {limit}";

    public static string OverBudget(string limit) => $"this mosaic's download allowance of {limit} was used up";
}

/// <summary>A picture could not be fetched; the message is for the person who asked for the mosaic, the
/// <see cref="Reason"/> groups it with others that failed alike.</summary>
public class PictureFetchException : Exception
{
    public PictureFetchException(string message)
        : this(message, message, null)
    {
    }

    public PictureFetchException(string message, Exception innerException)
        : this(message, message, innerException)
    {
    }

    public PictureFetchException(string message, string reason, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public PictureFetchException()
    {
        Reason = string.Empty;
    }

    public string Reason { get; }
}

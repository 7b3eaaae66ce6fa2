using Frintr.Jobs.Contracts;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>Brings a mosaic's pictures to the worker's scratch folder: uploads from the web tier, URLs from the
/// internet (public addresses only, size-capped).</summary>
public sealed class PictureFetcher(WebTierClient webTier, IHttpClientFactory httpClients, IOptions<WorkerOptions> options, ILogger<PictureFetcher> logger)
{
    public const string InternetClient = "friends-pictures";

    /// <summary>A whole download, body included (HttpClient.Timeout stops at the headers when streaming).</summary>
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Downloads one picture to <paramref name="path"/>; throws <see cref="PictureFetchException"/>
    /// with a reason a person understands. Trouble reaching our own web tier is not the person's problem: it is
    /// rethrown as is, so the job is retried.</summary>
    public async Task FetchAsync(string mosaicId, PictureRef picture, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DownloadTimeout);
        try
        {
            await using var source = picture.Source == PictureSource.Upload
                ? await webTier.OpenInputAsync(mosaicId, picture.Location, timeout.Token)
                : await OpenUrlAsync(picture.Location, timeout.Token);
            await using var file = File.Create(path);
            if (!await PictureSize.CopyAtMostAsync(source, file, options.Value.MaxPictureBytes, timeout.Token))
                throw new PictureFetchException($"{Describe(picture)} is larger than {PictureSize.Megabytes(options.Value.MaxPictureBytes)}.");
        }
        catch (HttpRequestException ex) when (picture.Source == PictureSource.Url)
        {
            // The person gets the kind of failure; the log gets the addresses and ports.
            logger.LogInformation(ex, "Friend picture {Url} of mosaic {MosaicId} not fetched", picture.Location, mosaicId);
            throw new PictureFetchException(FetchFailure.Explain(picture.Location, ex), ex);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new PictureFetchException($"{Describe(picture)} is no longer on our servers.", ex);
        }
        catch (OperationCanceledException ex) when (picture.Source == PictureSource.Url && !cancellationToken.IsCancellationRequested)
        {
            throw new PictureFetchException(FetchFailure.Explain(picture.Location, FetchFailureKind.TimedOut), ex);
        }
    }

    private async Task<Stream> OpenUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PictureFetchException($"“{url}” is not an http or https address.");

        var response = await httpClients.CreateClient(InternetClient)
            .GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"the server answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > options.Value.MaxPictureBytes)
        {
            response.Dispose();
            throw new PictureFetchException($"{url} is larger than {PictureSize.Megabytes(options.Value.MaxPictureBytes)}.");
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    internal static string Describe(PictureRef picture) =>
        picture.Source == PictureSource.Url ? picture.Location : $"The uploaded picture “{picture.DisplayName}”";
}

/// <summary>A picture could not be fetched; the message is for the person who asked for the mosaic.</summary>
public sealed class PictureFetchException : Exception
{
    public PictureFetchException(string message)
        : base(message)
    {
    }

    public PictureFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PictureFetchException()
    {
    }
}

using Frintr.Imaging;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.Rendering;

/// <summary>Brings a mosaic's pictures to the worker's scratch folder: uploads from the web tier, URLs from the
/// internet (public addresses only, size-capped).</summary>
public sealed class PictureFetcher(WebTierClient webTier, IHttpClientFactory httpClients, IOptions<WorkerOptions> options)
{
    public const string InternetClient = "friends-pictures";

    /// <summary>Downloads one picture to <paramref name="path"/>; throws <see cref="PictureFetchException"/>
    /// with a reason a person understands.</summary>
    public async Task FetchAsync(string mosaicId, PictureRef picture, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var source = picture.Source == PictureSource.Upload
                ? await webTier.OpenInputAsync(mosaicId, picture.Location, cancellationToken)
                : await OpenUrlAsync(picture.Location, cancellationToken);
            await using var file = File.Create(path);
            if (!await PictureSize.CopyAtMostAsync(source, file, options.Value.MaxPictureBytes, cancellationToken))
                throw new PictureFetchException($"{Describe(picture)} is larger than {PictureSize.Megabytes(options.Value.MaxPictureBytes)}.");
        }
        catch (HttpRequestException ex)
        {
            throw new PictureFetchException(Describe(picture) + " could not be downloaded: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PictureFetchException(Describe(picture) + " took too long to download.", ex);
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
            throw new HttpRequestException($"the server answered {(int)response.StatusCode}.");
        }

        if (response.Content.Headers.ContentLength > options.Value.MaxPictureBytes)
        {
            response.Dispose();
            throw new PictureFetchException($"{url} is larger than {PictureSize.Megabytes(options.Value.MaxPictureBytes)}.");
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    internal static string Describe(PictureRef picture) =>
        picture.Source == PictureSource.Url ? picture.Location : $"The uploaded picture “{picture.Location}”";
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

internal static class TileInputs
{
    public static TileInput FromFetched(PictureRef picture, string path) =>
        new(picture.Location, () => File.OpenRead(path));
}

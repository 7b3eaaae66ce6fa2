using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Frintr.Jobs.Contracts;

namespace Frintr.Jobs.WebTier;

/// <summary>The worker's side of the web tier's worker API: uploaded inputs down, pictures and notes up.</summary>
public sealed class WebTierClient(HttpClient http, IWebTierLocator locator)
{
    public async Task<Stream> OpenInputAsync(string mosaicId, string storedName, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(Url(mosaicId, "inputs/" + Uri.EscapeDataString(storedName)),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>The completion note, or null when the mosaic has none yet.</summary>
    public async Task<CompletionNote?> ReadNoteAsync(string mosaicId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Url(mosaicId, "note"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<CompletionNote>(cancellationToken);
    }

    public async Task UploadPictureAsync(string mosaicId, Stream picture, string contentType, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(picture);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.PutAsync(Url(mosaicId, "picture"), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The Deep Zoom pyramid in <paramref name="folder"/> (<c>mosaic.dzi</c>, <c>mosaic_files/…</c>), streamed as one tar.</summary>
    public async Task UploadPyramidAsync(string mosaicId, string folder, CancellationToken cancellationToken)
    {
        using var content = new PyramidContent(folder);
        using var response = await http.PutAsync(Url(mosaicId, "pyramid"), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task UploadMapAsync(string mosaicId, MosaicMap map, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url(mosaicId, "map"), map, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public Task UploadPreviewAsync(string mosaicId, byte[] jpeg, CancellationToken cancellationToken) =>
        PutJpegAsync(Url(mosaicId, "preview"), jpeg, cancellationToken);

    public Task UploadFaceAsync(string mosaicId, int number, byte[] jpeg, CancellationToken cancellationToken) =>
        PutJpegAsync(Url(mosaicId, "faces/" + number.ToString(System.Globalization.CultureInfo.InvariantCulture)), jpeg, cancellationToken);

    private async Task PutJpegAsync(Uri url, byte[] jpeg, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await http.PutAsync(url, content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task WriteNoteAsync(CompletionNote note, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url(note.MosaicId, "note"), note, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private Uri Url(string mosaicId, string rest) =>
        new(locator.BaseUrl, $"api/worker/mosaics/{mosaicId}/{rest}");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Dispose();
        throw new HttpRequestException(
            $"The web tier answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {body}",
            inner: null,
            response.StatusCode);
    }
}

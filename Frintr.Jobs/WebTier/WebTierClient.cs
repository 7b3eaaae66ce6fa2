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

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Frintr.Jobs.Contracts;

namespace Frintr.Tests.Infrastructure;

/// <summary>Talks to <c>/api/mosaics</c> the way a script would.</summary>
internal static class MosaicApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient http,
        (byte[] Bytes, string Name)? target,
        IEnumerable<(byte[] Bytes, string Name)> tiles,
        IEnumerable<string>? tileUrls = null,
        IDictionary<string, string>? options = null)
    {
        using var form = new MultipartFormDataContent();
        if (target is { } t)
            form.Add(Picture(t.Bytes), "target", t.Name);
        foreach (var (bytes, name) in tiles)
            form.Add(Picture(bytes), "tiles", name);
        if (tileUrls is not null)
            form.Add(new StringContent(string.Join('\n', tileUrls)), "tileUrls");
        foreach (var (key, value) in options ?? new Dictionary<string, string>())
            form.Add(new StringContent(value), key);
        return await http.PostAsync(new Uri("api/mosaics", UriKind.Relative), form);
    }

    public static async Task<string> SubmitOkAsync(HttpClient http, (byte[] Bytes, string Name) target,
        IEnumerable<(byte[] Bytes, string Name)> tiles, IDictionary<string, string>? options = null)
    {
        using var response = await SubmitAsync(http, target, tiles, options: options);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Submit answered {(int)response.StatusCode}: {body}");
        var accepted = JsonDocument.Parse(body).RootElement;
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/mosaics/{id}", response.Headers.Location?.ToString());
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        return id;
    }

    public static async Task<MosaicStatus?> StatusAsync(HttpClient http, string id) =>
        await http.GetFromJsonAsync<MosaicStatus>(new Uri($"api/mosaics/{id}", UriKind.Relative), Json);

    private static ByteArrayContent Picture(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}

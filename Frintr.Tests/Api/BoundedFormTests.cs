using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace Frintr.Tests.Api;

/// <summary>Hostile submissions are refused while they are read: a clear 400, memory and time bounded by the limits,
/// not by what the client sends.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class BoundedFormTests(FrintrCluster cluster)
{
    private static readonly (byte[], string) Target = (TestPictures.Gradient(60, 40, SKColors.Red, SKColors.Blue), "me.png");

    [Fact]
    public async Task A_hundred_megabytes_of_junk_lines_is_refused_after_a_few_of_them_with_bounded_memory()
    {
        var web = cluster.WebA;
        ResetPeakMemory(web.Process.Id);
        var before = PeakMemory(web.Process.Id);

        var (status, body, sent) = await PostJunkAsync(web.BaseUrl, 100L * 1024 * 1024);

        Assert.Equal(400, status);
        Assert.Contains("tiles", body, StringComparison.Ordinal);
        Assert.Contains("At most 2,000 friends", body, StringComparison.Ordinal);
        // The server stopped reading: what went out is what the sockets buffered, not the 100 MB.
        Assert.True(sent < 32L * 1024 * 1024, $"{sent:N0} bytes were sent before the answer");
        var grown = PeakMemory(web.Process.Id) - before;
        Assert.True(grown < 100L * 1024 * 1024, $"the web tier's peak memory grew by {grown / (1024 * 1024)} MB");
        using var http = web.Client();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task One_endless_line_is_refused_at_its_length_limit()
    {
        var (status, body, sent) = await PostJunkAsync(cluster.WebA.BaseUrl, 50L * 1024 * 1024, newlines: false);

        Assert.Equal(400, status);
        Assert.Contains("longer than 2,311 characters", body, StringComparison.Ordinal);
        Assert.True(sent < 32L * 1024 * 1024, $"{sent:N0} bytes were sent before the answer");
    }

    [Fact]
    public async Task An_address_longer_than_2048_characters_is_a_400() =>
        await AssertRefusedAsync(Form(urls: "https://example.com/" + new string('a', 2100)), "tileUrls", "longer than 2,048 characters");

    [Fact]
    public async Task A_file_name_longer_than_255_characters_is_a_400()
    {
        var form = Form();
        form.Add(Picture(TestPictures.Solid(SKColors.Green)), "tiles", new string('n', 300) + ".png");
        await AssertRefusedAsync(form, "tiles", "at most 255 characters");
    }

    [Fact]
    public async Task A_field_value_past_its_length_is_a_400() =>
        await AssertRefusedAsync(Form(fields: new() { ["columns"] = new string('9', 5000) }), "columns", "at most 64 characters");

    [Fact]
    public async Task An_unknown_source_is_a_400() =>
        await AssertRefusedAsync(Form(fields: new() { ["friendsSource"] = "myspace" }), "friendsSource", "not a source of friends");

    [Fact]
    public async Task A_malformed_account_is_a_400_that_shows_the_right_shape() =>
        await AssertRefusedAsync(Form(target: false, fields: new() { ["friendsSource"] = "mastodon", ["account"] = "alice", ["targetFromAccount"] = "true" }),
            "account", "write it as @name@instance");

    [Fact]
    public async Task Own_profile_picture_without_an_account_is_a_400() =>
        await AssertRefusedAsync(Form(target: false, urls: "https://example.com/a.jpg", fields: new() { ["targetFromAccount"] = "true" }),
            "targetFromAccount", "needs an account");

    [Fact]
    public async Task Pictures_with_a_network_source_are_a_400() =>
        await AssertRefusedAsync(Form(urls: "https://example.com/a.jpg", fields: new() { ["friendsSource"] = "github", ["account"] = "octocat" }),
            "friendsSource", "send no tiles or tileUrls");

    private async Task AssertRefusedAsync(MultipartFormDataContent form, string field, string message)
    {
        using var http = cluster.WebA.Client();
        using (form)
        using (var response = await http.PostAsync(new Uri("api/mosaics", UriKind.Relative), form))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {body}");
            Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        }
    }

    private static MultipartFormDataContent Form(bool target = true, string? urls = null, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        if (target)
            form.Add(Picture(Target.Item1), "target", Target.Item2);
        if (urls is not null)
            form.Add(new StringContent(urls), "tileUrls");
        foreach (var (key, value) in fields ?? [])
            form.Add(new StringContent(value), key);
        return form;
    }

    private static ByteArrayContent Picture(byte[] bytes) => new(bytes);

    /// <summary>Sends a multipart body with a target and <paramref name="bytes"/> of junk in tileUrls over a raw socket,
    /// reading the answer while it writes, and stops writing once an answer came or the server closed.</summary>
    private static async Task<(int Status, string Body, long Sent)> PostJunkAsync(Uri web, long bytes, bool newlines = true)
    {
        const string Boundary = "frintr-junk-boundary";
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"tileUrls\"\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        var length = head.Length + bytes + tail.Length;
        using var client = new TcpClient();
        await client.ConnectAsync(web.Host, web.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/mosaics HTTP/1.1\r\nHost: {web.Authority}\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\n" +
            $"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n"));
        await stream.WriteAsync(head);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = ReadAnswerAsync(stream, stop.Token);
        var junk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(newlines ? "junk-junk\n" : "junkjunkjunk", 64 * 1024 / 10)));
        long sent = 0;
        try
        {
            while (sent < bytes && !reading.IsCompleted)
            {
                await stream.WriteAsync(junk.AsMemory(0, (int)Math.Min(junk.Length, bytes - sent)), stop.Token);
                sent += junk.Length;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: that is the point.
        }

        var (status, body) = await reading;
        return (status, body, sent);
    }

    private static async Task<(int Status, string Body)> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // Up to the end of the headers, then as many bytes as they announce.
        var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                answer.Write(buffer, 0, read);
                var sofar = Encoding.UTF8.GetString(answer.ToArray());
                var end = sofar.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                // A chunked body ends with an empty chunk.
                if (end >= 0 && sofar.IndexOf("\r\n0\r\n\r\n", end, StringComparison.Ordinal) >= 0)
                    break;
            }
        }
        catch (IOException)
        {
            // Reset after the answer.
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    private static void ResetPeakMemory(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long PeakMemory(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

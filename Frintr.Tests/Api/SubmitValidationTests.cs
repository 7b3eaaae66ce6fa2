using System.Net;
using System.Text;
using System.Text.Json;
using Frintr.Tests.Infrastructure;
using SkiaSharp;

namespace Frintr.Tests.Api;

/// <summary>Bad input gets a 400 that says what is wrong, in words, and the service keeps going.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class SubmitValidationTests(FrintrCluster cluster)
{
    private static readonly (byte[], string) Target = (TestPictures.Gradient(60, 40, SKColors.Red, SKColors.Blue), "me.png");
    private static readonly (byte[], string)[] OneFriend = [(TestPictures.Solid(SKColors.Green), "friend.png")];

    [Fact]
    public async Task Missing_target_is_a_400_that_asks_for_the_picture() =>
        await AssertRejectedAsync(null, OneFriend, "target", "Choose the picture");

    [Fact]
    public async Task Text_file_named_jpg_is_a_400_that_says_it_is_not_a_picture() =>
        await AssertRejectedAsync((Encoding.UTF8.GetBytes("hello, I am text"), "holiday.jpg"), OneFriend, "target", "is not a picture we can read");

    [Fact]
    public async Task No_friends_is_a_400_that_asks_for_at_least_one() =>
        await AssertRejectedAsync(Target, [], "tiles", "at least one friend");

    [Theory]
    [InlineData("0")]
    [InlineData("10000")]
    public async Task Columns_out_of_range_is_a_400_that_gives_the_range(string columns) =>
        await AssertRejectedAsync(Target, OneFriend, "columns", "Columns must be between 1 and 400", new() { ["columns"] = columns });

    [Fact]
    public async Task Columns_that_are_not_a_number_is_a_400() =>
        await AssertRejectedAsync(Target, OneFriend, "columns", "is not a whole number", new() { ["columns"] = "many" });

    [Fact]
    public async Task Everyone_appears_that_is_not_true_or_false_is_a_400() =>
        await AssertRejectedAsync(Target, OneFriend, "everyoneAppears", "is neither true nor false", new() { ["everyoneAppears"] = "maybe" });

    [Fact]
    public async Task Decompression_bomb_target_is_refused_from_its_header() =>
        await AssertRejectedAsync((PngBomb(50_000, 50_000), "bomb.png"), OneFriend, "target", "too large");

    [Fact]
    public async Task Oversized_upload_is_a_400_that_gives_the_limit() =>
        await AssertRejectedAsync(Target, [(new byte[(15 * 1024 * 1024) + 1], "huge.jpg")], "tiles", "“huge.jpg” is larger than 15 MB");

    [Fact]
    public async Task Friend_url_that_is_not_http_is_a_400()
    {
        using var http = cluster.WebA.Client();
        using var response = await MosaicApiClient.SubmitAsync(http, Target, [], ["file:///etc/passwd"]);
        await AssertProblemAsync(response, "tileUrls", "is not an http or https address");
    }

    [Fact]
    public async Task Non_multipart_request_is_a_400_that_says_how_to_send()
    {
        using var http = cluster.WebA.Client();
        using var response = await http.PostAsync(new Uri("api/mosaics", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/form-data", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertRejectedAsync((byte[], string)? target, (byte[], string)[] tiles, string field, string message, Dictionary<string, string>? options = null)
    {
        using var http = cluster.WebA.Client();
        using var response = await MosaicApiClient.SubmitAsync(http, target, tiles, options: options);
        await AssertProblemAsync(response, field, message);

        // Still serving, and nothing was left behind for the rejected submission.
        using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {body}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A 60-byte PNG whose header declares <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    internal static byte[] PngBomb(int width, int height)
    {
        var png = TestPictures.Solid(SKColors.White, 1);
        // IHDR's data starts at byte 16 (width, height, big-endian); its CRC covers bytes 12–28.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}

using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frintr.Jobs.Contracts;

namespace Frintr.Tests.Api;

/// <summary>What workers send for the pages (pyramid, map, preview, faces) and how the web tier serves it, checks it,
/// and forgets it; and the places of waiting mosaics in the queue. Real web tiers over a real Redis.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class ResultFilesTests(FrintrCluster cluster)
{
    private HttpClient Worker()
    {
        var http = cluster.WebA.Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.WorkerKey);
        return http;
    }

    private static Uri Api(string id, string rest) => new($"api/worker/mosaics/{id}/{rest}", UriKind.Relative);

    private static StreamContent Tar(params (string Name, byte[] Bytes)[] entries)
    {
        var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
        }

        buffer.Position = 0;
        var content = new StreamContent(buffer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }

    private static ByteArrayContent Jpeg(int bytes)
    {
        var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    [Fact]
    public async Task A_pyramid_is_served_as_deep_zoom_and_one_with_a_stray_path_is_refused_whole()
    {
        var id = MosaicId.New();
        using var worker = Worker();
        using var web = cluster.WebB.Client();
        var tile = TestPictures.Solid(SkiaSharp.SKColors.Teal, format: SkiaSharp.SKEncodedImageFormat.Jpeg);
        var dzi = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Image TileSize=\"254\" Overlap=\"1\" Format=\"jpg\"><Size Width=\"1\" Height=\"1\"/></Image>");

        using (var stray = await worker.PutAsync(Api(id, "pyramid"), Tar(("mosaic.dzi", dzi), ("mosaic_files/0/../../../evil.jpg", tile))))
            Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        using (var nothing = await web.GetAsync(new Uri($"mosaics/{id}.dzi", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.False(File.Exists(Path.Combine(cluster.DataPath, "evil.jpg")));

        using (var ok = await worker.PutAsync(Api(id, "pyramid"), Tar(("mosaic.dzi", dzi), ("mosaic_files/0/0_0.jpg", tile))))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);

        using var descriptor = await web.GetAsync(new Uri($"mosaics/{id}.dzi", UriKind.Relative));
        Assert.Equal("application/xml", descriptor.Content.Headers.ContentType?.MediaType);
        using var served = await web.GetAsync(new Uri($"mosaics/{id}_files/0/0_0.jpg", UriKind.Relative));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(tile, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var missing = await web.GetAsync(new Uri($"mosaics/{id}_files/1/0_0.jpg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var anonymous = await web.PutAsync(new Uri($"api/worker/mosaics/{id}/pyramid", UriKind.Relative), Tar(("mosaic.dzi", dzi)));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_map_must_match_its_layout_and_is_served_as_the_api_says()
    {
        var id = MosaicId.New();
        using var worker = Worker();
        using var web = cluster.WebB.Client();

        using (var wrong = await worker.PutAsJsonAsync(Api(id, "map"), new MosaicMap(2, 2, 10, [0, 1, 0], [new("Ann"), new("Bob")])))
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using (var outOfRange = await worker.PutAsJsonAsync(Api(id, "map"), new MosaicMap(1, 1, 10, [5], [new("Ann")])))
            Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        using (var ok = await worker.PutAsJsonAsync(Api(id, "map"), new MosaicMap(2, 1, 10, [1, 0], [new("Ann", "https://x.example/ann"), new("Bob")])))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);

        var map = JsonDocument.Parse(await web.GetStringAsync(new Uri($"api/mosaics/{id}/map", UriKind.Relative))).RootElement;
        Assert.Equal(2, map.GetProperty("columns").GetInt32());
        Assert.Equal(1, map.GetProperty("rows").GetInt32());
        Assert.Equal(10, map.GetProperty("tileSize").GetInt32());
        Assert.Equal([1, 0], map.GetProperty("cells").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("https://x.example/ann", map.GetProperty("friends")[0].GetProperty("profileUrl").GetString());
        Assert.Equal("Bob", map.GetProperty("friends")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Previews_and_faces_are_small_jpegs_and_nothing_more()
    {
        var id = MosaicId.New();
        using var worker = Worker();
        using var web = cluster.WebB.Client();

        using (var large = await worker.PutAsync(Api(id, "preview"), Jpeg(MosaicPipeline.MaxPreviewBytes + 1)))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        using (var png = await worker.PutAsync(Api(id, "faces/1"), new ByteArrayContent([1, 2, 3])))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, png.StatusCode);
        using (var ok = await worker.PutAsync(Api(id, "preview"), Jpeg(MosaicPipeline.MaxPreviewBytes)))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        using (var face = await worker.PutAsync(Api(id, "faces/3"), Jpeg(100)))
            Assert.Equal(HttpStatusCode.NoContent, face.StatusCode);

        using var preview = await web.GetAsync(new Uri($"mosaics/{id}/preview.jpg?v=1", UriKind.Relative));
        Assert.Equal(MosaicPipeline.MaxPreviewBytes, (await preview.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("no-cache", preview.Headers.CacheControl?.ToString());
        Assert.Equal(100, (await web.GetByteArrayAsync(new Uri($"mosaics/{id}/faces/3.jpg", UriKind.Relative))).Length);
    }

    [Fact]
    public async Task Waiting_mosaics_know_their_place_and_their_owner_can_delete_them_for_good()
    {
        const string Cookie = "place-test-owner";
        using var web = cluster.WebA.Client();
        web.DefaultRequestHeaders.Add("Cookie", "frintr-owner=" + Cookie);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await MosaicApiClient.SubmitOkAsync(web, (TestPictures.Gradient(40, 30), "me.png"), [(TestPictures.Solid(SkiaSharp.SKColors.Green), "friend.png")],
                new Dictionary<string, string> { ["owner"] = "browser:" + Cookie }));
        }

        try
        {
            // No worker runs in this test: all three wait, one behind the other (other tests' leftovers may be ahead).
            var places = new List<int>();
            foreach (var id in ids)
            {
                var status = await MosaicApiClient.StatusAsync(web, id);
                Assert.Equal(MosaicState.Queued, status!.Status);
                Assert.Equal(Frintr.Imaging.MosaicLimits.OutputSize(50, 20, 40, 30), (status.Width!.Value, status.Height!.Value));
                places.Add(Assert.IsType<int>(status.QueuePosition));
            }

            Assert.True(places[0] >= 1);
            Assert.Equal([places[0], places[0] + 1, places[0] + 2], places);
        }
        finally
        {
            foreach (var id in ids)
            {
                using var deleted = await web.DeleteAsync(new Uri($"api/mosaics/{id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }
        }

        using var stranger = cluster.WebA.Client();
        using var notYours = await stranger.DeleteAsync(new Uri($"api/mosaics/{ids[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        using var gone = await stranger.GetAsync(new Uri($"api/mosaics/{ids[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var worker = Worker();
        using var refused = await worker.PutAsync(Api(ids[0], "preview"), Jpeg(10));
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(cluster.DataPath, "inputs", ids[0])));
    }
}

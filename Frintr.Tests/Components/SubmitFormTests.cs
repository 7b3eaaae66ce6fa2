using System.Text;
using System.Text.RegularExpressions;
using Bunit;
using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Imaging;
using Frintr.Web.Components.Mosaics;
using Frintr.Web.Components.Mosaics.Create;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Storage;
using Frintr.Web.Mosaics.Submission;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Frintr.Tests.Components;

/// <summary>SubmitForm, checked by the real MosaicSubmitter over a real (in-memory) Hangfire storage and a temporary
/// data folder: what a person is told when a submission is wrong, and what happens when it is right.</summary>
public sealed partial class SubmitFormTests : IDisposable
{
    private const string Owner = "visitor-1";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "frintr-bunit-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryStorage _storage = new();
    private readonly BunitContext _ctx = new();

    public SubmitFormTests()
    {
        Directory.CreateDirectory(_dataPath);
        _ctx.Services.AddSingleton(Options.Create(new FrintrWebOptions { DataPath = _dataPath }));
        _ctx.Services.AddSingleton<InputStore>();
        _ctx.Services.AddSingleton<OwnerIndex>();
        // The target picker's preview and crop run in the browser; here only the form's rules are under test.
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddSingleton<JobStorage>(_storage);
        _ctx.Services.AddSingleton<MosaicStatusBoard>();
        _ctx.Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(_storage));
        _ctx.Services.AddSingleton<ILogger<MosaicSubmitter>>(NullLogger<MosaicSubmitter>.Instance);
        _ctx.Services.AddSingleton<MosaicSubmitter>();
    }

    public void Dispose()
    {
        _ctx.Dispose();
        _storage.Dispose();
        if (Directory.Exists(_dataPath))
            Directory.Delete(_dataPath, recursive: true);
    }

    private string InputsRoot => Path.Combine(_dataPath, "inputs");

    private NavigationManager Navigation => _ctx.Services.GetRequiredService<NavigationManager>();

    private long QueuedJobs => _storage.GetMonitoringApi().EnqueuedCount(MosaicPipeline.QueueName);

    private long AllJobs => _storage.GetMonitoringApi().GetStatistics().Enqueued;

    // ---- Driving the form -------------------------------------------------------------------------------------

    private IRenderedComponent<SubmitForm> RenderForm() => _ctx.Render<SubmitForm>(p => p.Add(x => x.OwnerId, Owner));

    private static IRenderedComponent<InputFile> FilePicker(IRenderedComponent<SubmitForm> cut, string id) =>
        cut.FindComponents<InputFile>().Single(c => Equals(c.Instance.AdditionalAttributes?["id"], id));

    private static void ChooseTarget(IRenderedComponent<SubmitForm> cut, byte[] bytes, string name = "me.png") =>
        FilePicker(cut, "target").UploadFiles(InputFileContent.CreateFromBinary(bytes, name));

    private static void ChooseFriends(IRenderedComponent<SubmitForm> cut, params byte[][] pictures) =>
        FilePicker(cut, "tiles").UploadFiles([.. pictures.Select((bytes, i) => InputFileContent.CreateFromBinary(bytes, $"friend{i}.png"))]);

    private static void TypeUrls(IRenderedComponent<SubmitForm> cut, params string[] lines) =>
        cut.Find("#tileUrls").Change(string.Join('\n', lines));

    private static async Task SubmitAsync(IRenderedComponent<SubmitForm> cut) =>
        await cut.Find("form").SubmitAsync();

    /// <summary>A target and one friend, both real pictures: everything a valid submission needs.</summary>
    private static void FillInValidPictures(IRenderedComponent<SubmitForm> cut)
    {
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        ChooseFriends(cut, Png(8, 8, SKColors.Orange));
    }

    private static string[] ErrorsFor(IRenderedComponent<SubmitForm> cut, string field) =>
        [.. cut.FindAll($"p.validation-message[data-field='{field}']").Select(p => p.TextContent)];

    private static string[] AllErrorFields(IRenderedComponent<SubmitForm> cut) =>
        [.. cut.FindAll("p.validation-message").Select(p => p.GetAttribute("data-field") ?? "?").Distinct()];

    private static byte[] Png(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private void AssertNothingSubmitted()
    {
        Assert.Equal(0, QueuedJobs);
        Assert.Equal(0, AllJobs);
        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
        Assert.True(
            !Directory.Exists(InputsRoot) || !Directory.EnumerateFileSystemEntries(InputsRoot).Any(),
            "an invalid submission leaves no upload folder behind");
    }

    [GeneratedRegex("^m/([A-Za-z0-9_-]{22})$")]
    private static partial Regex MosaicPage();

    // ---- What is wrong ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Submit_ShowsTargetError_WhenNoTargetIsChosen()
    {
        var cut = RenderForm();
        ChooseFriends(cut, Png(8, 8, SKColors.Orange));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(["Choose the picture to rebuild as a mosaic."], ErrorsFor(cut, "target")));
        Assert.Equal(["target"], AllErrorFields(cut));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_ShowsTilesError_WhenNoFriendIsGiven()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["Add at least one friend's picture (upload it or give its address)."], ErrorsFor(cut, "tiles")));
        Assert.Equal(["tiles"], AllErrorFields(cut));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_ShowsEveryMissingPart_WhenTheFormIsEmpty()
    {
        var cut = RenderForm();

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(["target", "tiles"], AllErrorFields(cut).Order()));
        AssertNothingSubmitted();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public async Task Submit_ShowsColumnsRangeError_WhenColumnsIsOutOfRange(int columns)
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        cut.Find("#columns").Change(columns.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal([$"Columns must be between 1 and 400 (got {columns})."], ErrorsFor(cut, "columns")));
        Assert.Equal(["columns"], AllErrorFields(cut));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_ShowsTileSizeError_WhenTileSizeIsTooSmall()
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        cut.Find("#tileSize").Change("2");

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(["Tile size must be between 4 and 128 pixels (got 2)."], ErrorsFor(cut, "tileSize")));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_SaysTheTargetIsNotAPicture_WhenItIsATextFileNamedJpg()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Encoding.UTF8.GetBytes("this is not a picture, just text"), "holiday.jpg");
        ChooseFriends(cut, Png(8, 8, SKColors.Orange));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["The target picture “holiday.jpg” is not a picture we can read (JPEG, PNG, WebP, GIF or BMP)."],
            ErrorsFor(cut, "target")));
        Assert.Equal(["target"], AllErrorFields(cut));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_SaysWhichFriendIsNotAPicture_WhenAFriendIsText()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        ChooseFriends(cut, Png(8, 8, SKColors.Orange), Encoding.UTF8.GetBytes("plain text"));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["“friend1.png” is not a picture we can read (JPEG, PNG, WebP, GIF or BMP)."], ErrorsFor(cut, "tiles")));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_ShowsUrlError_WhenALineIsNotAnHttpAddress()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        TypeUrls(cut, "https://example.com/ok.jpg", "ftp://example.com/friend.jpg", "not a url");

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["“ftp://example.com/friend.jpg” is not an http or https address.", "“not a url” is not an http or https address."],
            ErrorsFor(cut, "tileUrls")));
        Assert.Equal(["tileUrls"], AllErrorFields(cut));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_ShowsTooManyFriendsError_WhenMoreThanTheLimitAreGiven()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        TypeUrls(cut, [.. Enumerable.Range(0, 2001).Select(i => $"https://example.com/{i}.jpg")]);

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["At most 2,000 friends' pictures per mosaic; you gave 2,001."], ErrorsFor(cut, "tiles")));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Submit_SaysTheQueueIsUnreachable_AndKeepsNoUploads_WhenTheJobStorageIsDown()
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        _storage.Dispose();

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(
            ["The mosaic queue is not reachable right now, so nothing was submitted. Please try again in a minute."],
            ErrorsFor(cut, "")));
        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
        Assert.Empty(Directory.EnumerateFileSystemEntries(InputsRoot));
    }

    [Fact]
    public async Task Submit_ClearsOldErrors_WhenTheProblemIsFixed()
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        cut.Find("#columns").Change("0");
        await SubmitAsync(cut);
        cut.WaitForAssertion(() => Assert.Single(ErrorsFor(cut, "columns")));

        cut.Find("#columns").Change("40");
        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Matches(MosaicPage(), Navigation.ToBaseRelativePath(Navigation.Uri)));
        Assert.Empty(cut.FindAll("p.validation-message"));
        Assert.Equal(1, QueuedJobs);
    }

    // ---- What happens when it is right ------------------------------------------------------------------------

    [Fact]
    public void Counts_the_friends_pictures_chosen()
    {
        var cut = RenderForm();
        Assert.Empty(cut.FindAll("p.count"));

        ChooseFriends(cut, Png(8, 8, SKColors.Orange), Png(8, 8, SKColors.Teal), Png(8, 8, SKColors.Plum));

        cut.WaitForAssertion(() => Assert.StartsWith("3 chosen · ", cut.Find("p.count").TextContent, StringComparison.Ordinal));
        Assert.Equal(["friend0.png", "friend1.png", "friend2.png"], cut.FindAll(".uploads li").Select(li => li.GetAttribute("data-name")));
    }

    [Fact]
    public async Task Submit_GoesToTheMosaicPage_QueuesOneJob_AndMarksItQueued_WhenValid()
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        TypeUrls(cut, "https://example.com/friend.jpg");

        await SubmitAsync(cut);

        cut.WaitForState(() => MosaicPage().IsMatch(Navigation.ToBaseRelativePath(Navigation.Uri)));
        var id = MosaicPage().Match(Navigation.ToBaseRelativePath(Navigation.Uri)).Groups[1].Value;
        Assert.True(MosaicId.IsValid(id));
        Assert.Empty(cut.FindAll("p.validation-message"));

        Assert.Equal(1, QueuedJobs);
        Assert.Equal(1, AllJobs);

        var live = new MosaicStatusBoard(_storage).Read(id);
        Assert.NotNull(live);
        Assert.Equal(MosaicState.Queued, live.State);
        Assert.Equal(Owner, live.OwnerId);
        Assert.Equal(0, live.Progress);

        var kept = Directory.GetFiles(Path.Combine(InputsRoot, id)).Select(Path.GetFileName).Order();
        Assert.Equal(["friend-0000", "target"], kept);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Submit_PassesTheEveryoneAppearsChoiceToTheJob(bool everyone)
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        if (everyone)
            cut.Find("#everyoneAppears").Change(true);

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, QueuedJobs));
        var job = _storage.GetMonitoringApi().EnqueuedJobs(MosaicPipeline.QueueName, 0, 1).Single().Value.Job;
        var request = Assert.IsType<MosaicRequest>(job.Args[0]);
        Assert.Equal(everyone, request.Options.EveryoneAppears);
    }

    [Fact]
    public async Task Submit_AcceptsFriendsGivenOnlyAsAddresses()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        TypeUrls(cut, "  https://example.com/a.jpg  ", "", "http://example.com/b.png");

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Matches(MosaicPage(), Navigation.ToBaseRelativePath(Navigation.Uri)));
        Assert.Equal(1, QueuedJobs);
    }

    [Fact]
    public async Task Submit_ReenablesTheForm_AfterwardsWhenInvalid()
    {
        var cut = RenderForm();

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("p.validation-message")));
        Assert.False(cut.Find("fieldset").HasAttribute("disabled"));
        Assert.Equal("Make my mosaic", cut.Find("button[type=submit]").TextContent);
    }

    // ---- Presets, live checks, per-file progress --------------------------------------------------------------

    [Fact]
    public void Choosing_a_preset_fills_in_its_options_and_changing_one_makes_it_custom()
    {
        var cut = RenderForm();

        cut.Find("label[data-preset=poster] input").Change("poster");

        Assert.Equal("120", cut.Find("#columns").GetAttribute("value"));
        Assert.Equal("56", cut.Find("#tileSize").GetAttribute("value"));
        Assert.Equal("Png", cut.Find("#format").GetAttribute("value"));
        Assert.Equal("Portrait", cut.Find("#shape").GetAttribute("value"));
        Assert.True(cut.Find("label[data-preset=poster] input").HasAttribute("checked"), cut.Find("fieldset.presets").OuterHtml);

        cut.Find("#columns").Change("100");

        Assert.True(cut.Find("label[data-preset=custom] input").HasAttribute("checked"));
        Assert.False(cut.Find("label[data-preset=poster] input").HasAttribute("checked"));
    }

    [Fact]
    public void An_option_out_of_range_is_said_at_once_in_the_servers_words_before_sending()
    {
        var cut = RenderForm();

        cut.Find("#blend").Change("150");

        Assert.Equal(["Blend must be between 0 and 100 (got 150)."], ErrorsFor(cut, "blend"));
        Assert.Equal(MosaicLimits.CheckLayout(50, 20, 5, 150)["blend"], ErrorsFor(cut, "blend"));
        Assert.True(cut.Find("details.options").HasAttribute("open"));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task Each_friends_picture_shows_it_was_sent_and_the_crop_and_format_reach_the_job()
    {
        var cut = RenderForm();
        FillInValidPictures(cut);
        cut.Find("#format").Change("Webp");
        var picker = cut.FindComponent<TargetPicker>();
        await cut.InvokeAsync(() => picker.Instance.OnCrop(0.25, 0, 0.5, 1, 32, 24));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, QueuedJobs));
        Assert.All(cut.FindAll(".uploads li"), li => Assert.Equal("Sent", li.GetAttribute("data-state")));
        var job = _storage.GetMonitoringApi().EnqueuedJobs(MosaicPipeline.QueueName, 0, 1).Single().Value.Job;
        var request = Assert.IsType<MosaicRequest>(job.Args[0]);
        Assert.Equal(MosaicFormat.Webp, request.Options.Format);
        Assert.Equal(new CropBox(0.25, 0, 0.5, 1), request.Options.Crop);
    }

    [Fact]
    public async Task The_estimate_follows_the_crop_and_the_options()
    {
        var cut = RenderForm();
        Assert.Equal("1,000 pixels wide", cut.Find(".estimate .pixels").TextContent);

        var picker = cut.FindComponent<TargetPicker>();
        await cut.InvokeAsync(() => picker.Instance.OnCrop(0, 0, 1, 1, 400, 300));
        cut.Find("#columns").Change("40");

        cut.WaitForAssertion(() => Assert.Equal("800 × 600 pixels", cut.Find(".estimate .pixels").TextContent));
    }
}

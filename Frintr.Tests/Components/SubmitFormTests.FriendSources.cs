using System.IO.Compression;
using Bunit;
using Frintr.Jobs.Contracts;
using Microsoft.AspNetCore.Components.Forms;
using SkiaSharp;

namespace Frintr.Tests.Components;

/// <summary>The form's friend sources (FriendsSourcePicker): what each choice shows, and what reaches the queue.</summary>
public sealed partial class SubmitFormTests
{
    private MosaicRequest QueuedRequest() =>
        Assert.IsType<MosaicRequest>(_storage.GetMonitoringApi().EnqueuedJobs(MosaicPipeline.QueueName, 0, 1).Single().Value.Job.Args[0]);

    [Fact]
    public async Task Mastodon_asks_for_the_account_and_can_use_its_own_picture_as_the_target()
    {
        var cut = RenderForm();
        Assert.Empty(cut.FindAll("#account"));

        cut.Find("#friendsSource").Change("mastodon");
        cut.Find("#account").Change("alice@Mastodon.Social");
        cut.Find("#relation").Change("followers");
        cut.Find("#targetFromAccount").Change(true);

        Assert.Empty(cut.FindAll("#target"));
        Assert.True(cut.Find("#tiles").Closest(".own-pictures")!.HasAttribute("hidden"));
        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, QueuedJobs));
        var request = QueuedRequest();
        Assert.Equal((FriendsSource.Mastodon, "@alice@mastodon.social", FriendsRelation.Followers, true),
            (request.FriendsSource, request.Account, request.Relation, request.TargetFromAccount));
        Assert.Null(request.Target);
        Assert.Empty(request.Friends);
    }

    [Fact]
    public async Task A_malformed_account_is_said_under_the_account_field_and_nothing_is_submitted()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        cut.Find("#friendsSource").Change("bluesky");
        cut.Find("#account").Change("not a handle");

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(["“not a handle” is not a Bluesky handle (for example alice.bsky.social)."], ErrorsFor(cut, "account")));
        AssertNothingSubmitted();
    }

    [Fact]
    public async Task The_builtin_library_needs_nothing_but_a_target()
    {
        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        cut.Find("#friendsSource").Change("builtin");

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, QueuedJobs));
        var request = QueuedRequest();
        Assert.Equal(FriendsSource.Builtin, request.FriendsSource);
        Assert.NotNull(request.Target?.ContentHash);
    }

    [Fact]
    public async Task A_zip_of_pictures_becomes_one_friend_per_picture_each_hashed()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, color) in new[] { ("club/ann.png", SKColors.Orange), ("../bob.png", SKColors.Teal), ("readme.txt", SKColors.Empty) })
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(color == SKColors.Empty ? "hello"u8.ToArray() : Png(8, 8, color));
            }
        }

        var cut = RenderForm();
        ChooseTarget(cut, Png(32, 24, SKColors.CornflowerBlue));
        FilePicker(cut, "tiles").UploadFiles(InputFileContent.CreateFromBinary(zip.ToArray(), "friends.zip"));

        await SubmitAsync(cut);

        cut.WaitForAssertion(() => Assert.Equal(1, QueuedJobs));
        var request = QueuedRequest();
        Assert.Equal(["ann.png", "bob.png"], request.Friends.Select(f => f.Name));
        Assert.Equal(["friend-0000", "friend-0001"], request.Friends.Select(f => f.Location));
        Assert.All(request.Friends, f => Assert.Matches("^[0-9a-f]{64}$", f.ContentHash));
        Assert.Equal(["friend-0000", "friend-0001", "target"], Directory.GetFiles(Path.Combine(InputsRoot, request.MosaicId)).Select(Path.GetFileName).Order());
    }
}

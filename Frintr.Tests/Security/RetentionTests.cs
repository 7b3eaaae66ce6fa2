using Frintr.Jobs.Contracts;
using Frintr.Jobs.Status;
using Frintr.Web.Hosting;
using Frintr.Web.Mosaics.Retention;
using Frintr.Web.Mosaics.Storage;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Frintr.Tests.Security;

/// <summary>One sweep of the web tier's data folder, on real files and a real (in-memory) status board: what goes and
/// what stays. Age is the files' own time, set back as if days had passed. The sweep running by itself in the web tier
/// is shown by <see cref="ContentSecurityPolicyTests"/> (a job deleted on the dashboard loses its uploads).</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("frintr-retention-").FullName;
    private readonly RetentionOptions _options = new();
    private readonly InputStore _inputs;
    private readonly ResultStore _results;
    private readonly MosaicStatusBoard _board = new(new InMemoryStorage());

    public RetentionTests()
    {
        var web = Options.Create(new FrintrWebOptions { DataPath = _data });
        _inputs = new InputStore(web);
        _results = new ResultStore(web);
    }

    [Fact]
    public async Task Uploads_go_once_the_mosaic_is_final_anywhere_and_stay_while_it_may_still_be_made()
    {
        var noted = await UploadsAsync();
        await _results.SaveNoteAsync(new CompletionNote { MosaicId = noted, Status = MosaicState.Succeeded }, default);
        var failedOnBoard = await UploadsAsync(board: (b, id) => b.MarkFinished(id, MosaicState.Failed, "cancelled"));
        var queued = await UploadsAsync(board: (b, id) => b.MarkQueued(id, "browser:x"));
        var beingSubmitted = await UploadsAsync();
        var running = await UploadsAsync(board: (b, id) => b.MarkProgress(id, "render", 0.5), age: TimeSpan.FromHours(_options.InputHours - 1));

        await SweepAsync();

        Assert.False(_inputs.Exists(noted));
        Assert.False(_inputs.Exists(failedOnBoard));
        Assert.True(_inputs.Exists(queued));
        Assert.True(_inputs.Exists(beingSubmitted));
        Assert.True(_inputs.Exists(running));
        Assert.Null(await _results.ReadNoteAsync(failedOnBoard, default)); // the board had the word; nothing invented
    }

    [Fact]
    public async Task Uploads_older_than_the_bound_go_whatever_the_board_says_and_the_mosaic_is_marked_failed()
    {
        var stale = TimeSpan.FromHours(_options.InputHours + 1);
        var stuckInQueue = await UploadsAsync(board: (b, id) => b.MarkQueued(id, "api"), age: stale);
        var orphan = await UploadsAsync(age: stale);

        await SweepAsync();

        foreach (var id in new[] { stuckInQueue, orphan })
        {
            Assert.False(_inputs.Exists(id));
            var note = await _results.ReadNoteAsync(id, default);
            Assert.Equal(MosaicState.Failed, note!.Status);
            Assert.Equal(RetentionSweeper.GivenUp, note.Error);
        }

        Assert.Equal(MosaicState.Failed, _board.Read(stuckInQueue)!.State);
    }

    [Fact]
    public async Task Finished_mosaics_go_after_ResultDays_and_nothing_else_in_the_folder_is_touched()
    {
        var old = await ResultAsync(TimeSpan.FromDays(_options.ResultDays + 1));
        var young = await ResultAsync(TimeSpan.FromDays(_options.ResultDays - 1));
        var pictureOnly = MosaicId.New();
        Directory.CreateDirectory(_results.FolderFor(pictureOnly));
        await File.WriteAllBytesAsync(Path.Combine(_results.FolderFor(pictureOnly), "mosaic.jpg"), [1, 2, 3]);
        Directory.SetLastWriteTimeUtc(_results.FolderFor(pictureOnly), DateTime.UtcNow - TimeSpan.FromDays(_options.ResultDays + 1));
        var notOurs = Path.Combine(_results.Root, "not-a-mosaic");
        Directory.CreateDirectory(notOurs);
        Directory.SetLastWriteTimeUtc(notOurs, DateTime.UtcNow - TimeSpan.FromDays(_options.ResultDays + 10));

        await SweepAsync();

        Assert.False(Directory.Exists(_results.FolderFor(old)));
        Assert.False(Directory.Exists(_results.FolderFor(pictureOnly)));
        Assert.True(File.Exists(_results.NotePath(young)));
        Assert.True(Directory.Exists(notOurs));
    }

    private Task SweepAsync() =>
        new RetentionSweeper(_inputs, _results, _board, Options.Create(_options), NullLogger<RetentionSweeper>.Instance).SweepAsync(default);

    private async Task<string> UploadsAsync(Action<MosaicStatusBoard, string>? board = null, TimeSpan? age = null)
    {
        var id = MosaicId.New();
        await _inputs.SaveAsync(id, "target", new MemoryStream([1, 2, 3]), 1024, default);
        Directory.SetLastWriteTimeUtc(_inputs.FolderFor(id), DateTime.UtcNow - (age ?? TimeSpan.Zero));
        board?.Invoke(_board, id);
        return id;
    }

    private async Task<string> ResultAsync(TimeSpan age)
    {
        var id = MosaicId.New();
        await _results.SaveNoteAsync(new CompletionNote { MosaicId = id, Status = MosaicState.Succeeded }, default);
        File.SetLastWriteTimeUtc(_results.NotePath(id), DateTime.UtcNow - age);
        return id;
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}

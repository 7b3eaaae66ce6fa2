namespace Frintr.Tests.Security;

/// <summary><c>dotnet publish</c> ships the application, never what <c>dotnet run</c> left in <c>data/</c>: people's
/// uploads, finished mosaics, completion notes (JSON, which the Web SDK would publish), the keys that sign cookies.</summary>
[Collection(FrintrProcesses.Name)]
public sealed class PublishTests
{
    [Fact]
    public async Task Nothing_under_data_is_published()
    {
        var project = Path.Combine(FrintrBuild.SolutionDirectory, "Frintr.Web");
        var data = Path.Combine(project, "data");
        var dataWasThere = Directory.Exists(data);
        var planted = Path.Combine(data, "results", "publish-test-" + Guid.NewGuid().ToString("N"));
        var output = Directory.CreateTempSubdirectory("frintr-publish-").FullName;
        Directory.CreateDirectory(planted);
        await File.WriteAllTextAsync(Path.Combine(planted, "done.json"), "{\"mosaicId\":\"left by dotnet run\"}");
        await File.WriteAllTextAsync(Path.Combine(planted, "key-1.xml"), "<key/>");
        try
        {
            // The build the tests run on, published as is: the question is which files go, not how they are compiled.
            using var publish = ChildProcess.Start("dotnet-publish", "dotnet",
                ["publish", Path.Combine(project, "Frintr.Web.csproj"), "--no-build", "--no-restore", "-c", FrintrBuild.Configuration, "-o", output, "-nologo"]);
            await publish.WaitForExitAsync(TimeSpan.FromMinutes(3));

            var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).ToList();
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.Contains("Frintr.Web.dll", files);
            Assert.DoesNotContain(files, f => f.Split(Path.DirectorySeparatorChar).Contains("data"));
            Assert.DoesNotContain(files, f => Path.GetFileName(f) is "done.json" or "key-1.xml");
            Assert.DoesNotContain(files, f => f.EndsWith(".json", StringComparison.Ordinal)
                && File.ReadAllText(Path.Combine(output, f)).Contains("left by dotnet run", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dataWasThere ? planted : data, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }
}

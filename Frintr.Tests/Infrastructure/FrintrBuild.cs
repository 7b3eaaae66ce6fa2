namespace Frintr.Tests.Infrastructure;

/// <summary>Where the solution's own build put the web tier and the worker (same configuration as the tests).</summary>
internal static class FrintrBuild
{
    public static string SolutionDirectory { get; } = FindSolutionDirectory();

    /// <summary>Debug or Release: the configuration these tests were built in (…/bin/&lt;Configuration&gt;/net10.0/…).</summary>
    public static string Configuration { get; } = Path.GetRelativePath(Path.Combine(SolutionDirectory, "Frintr.Tests", "bin"), AppContext.BaseDirectory)
        .Split(Path.DirectorySeparatorChar)[0];

    public static string WebDll => Output("Frintr.Web");

    public static string JobsDll => Output("Frintr.Jobs");

    private static string Output(string project)
    {
        // .../Frintr.Tests/bin/<Configuration>/net10.0/linux-x64/ → the same path under the other project.
        var testBin = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var relative = Path.GetRelativePath(Path.Combine(SolutionDirectory, "Frintr.Tests"), testBin);
        var dll = Path.Combine(SolutionDirectory, project, relative, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{project} is not built at {dll}: run `dotnet build Frintr.sln` first.");
    }

    private static string FindSolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Frintr.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Frintr.sln not found above the test binaries.");
    }
}

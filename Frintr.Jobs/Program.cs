using Frintr.Jobs.Cli;

namespace Frintr.Jobs;

internal static class Program
{
    /// <summary><c>render …</c> makes one mosaic offline; anything else (or <c>worker</c>) runs the worker daemon.</summary>
    private static async Task<int> Main(string[] args) =>
        args.Length > 0 && args[0] == "render"
            ? await RenderCommand.RunAsync(args[1..])
            : await WorkerCommand.RunAsync(args.Length > 0 && args[0] == "worker" ? args[1..] : args);
}

namespace Frintr.Jobs.Cli;

/// <summary><c>worker</c>: a Hangfire server for the <c>mosaics</c> queue.</summary>
internal static class WorkerCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"worker: not available yet ({args.Length} arguments ignored)");
        return Task.FromResult(2);
    }
}

namespace Frintr.Jobs.Cli;

/// <summary><c>render</c>: makes a mosaic offline from a folder of pictures.</summary>
internal static class RenderCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine($"render: not available yet ({args.Length} arguments ignored)");
        return Task.FromResult(2);
    }
}

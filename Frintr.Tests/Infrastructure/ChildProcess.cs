using System.Collections.Concurrent;
using System.Diagnostics;

namespace Frintr.Tests.Infrastructure;

/// <summary>A process a test started: its output is kept for failure messages, and it is killed by pid
/// (with its children) when the test is done.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _output);

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end by itself; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout}. Output:\n{Output}");
        }
    }

    /// <summary>Fires for each line the process prints.</summary>
    public event Action<string>? Line;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}"), name);
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears, or the process ends.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
                seen.TrySetResult();
        }

        Line += Check;
        try
        {
            if (_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
                return;
            var exited = _process.WaitForExitAsync();
            var winner = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
            if (winner != seen.Task)
                throw new TimeoutException($"{Name} did not print “{text}” ({(winner == exited ? "it exited" : "timed out")}). Output:\n{Output}");
        }
        finally
        {
            Line -= Check;
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 2000)
            _output.TryDequeue(out _);
        Line?.Invoke(line);
    }
}

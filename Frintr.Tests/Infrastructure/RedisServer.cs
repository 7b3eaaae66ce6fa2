using System.Security.Cryptography;
using StackExchange.Redis;

namespace Frintr.Tests.Infrastructure;

/// <summary>A real, password-protected redis-server on a free loopback port, with nothing persisted.</summary>
internal sealed class RedisServer : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private ChildProcess? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string ConnectionString => $"127.0.0.1:{Port},password={Password},abortConnect=false";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port and password: what an operator's restart looks like to clients.</summary>
    public async Task RestartAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException("redis-server is not installed: run `apt-get install redis-server` (.ci/run does).");
        _process = ChildProcess.Start("redis-server", Executable,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--requirepass", Password, "--save", "", "--appendonly", "no", "--protected-mode", "yes"]);
        await _process.WaitForLineAsync("Ready to accept connections", TimeSpan.FromSeconds(20));
    }

    public void Stop() => _process?.Kill();

    public async Task<IConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public void Dispose() => _process?.Dispose();
}

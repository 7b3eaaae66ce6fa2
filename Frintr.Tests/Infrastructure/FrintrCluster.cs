using System.Security.Cryptography;

namespace Frintr.Tests.Infrastructure;

/// <summary>The elastic deployment on one machine: a password-protected Redis and two web instances sharing
/// a data folder. Workers are started by the tests that need them, so each test controls when jobs are taken.</summary>
public sealed class FrintrCluster : IAsyncLifetime
{
    internal RedisServer Redis { get; private set; } = null!;

    internal WebHost WebA { get; private set; } = null!;

    internal WebHost WebB { get; private set; } = null!;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("frintr-cluster-").FullName;

    public string WorkerKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var starting = new[]
        {
            FrintrHosts.StartWebAsync("web-a", DataPath, Redis.ConnectionString, WorkerKey),
            FrintrHosts.StartWebAsync("web-b", DataPath, Redis.ConnectionString, WorkerKey),
        };
        var hosts = await Task.WhenAll(starting);
        (WebA, WebB) = (hosts[0], hosts[1]);
    }

    internal Task<ChildProcess> StartWorkerAsync(string name, int count = 1) =>
        FrintrHosts.StartWorkerAsync(name, Redis.ConnectionString, WebA.BaseUrl, WorkerKey, count);

    public Task DisposeAsync()
    {
        WebA?.Dispose();
        WebB?.Dispose();
        Redis?.Dispose();
        Directory.Delete(DataPath, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class FrintrProcesses : ICollectionFixture<FrintrCluster>, ICollectionFixture<ProxiedFrintr>
{
    /// <summary>Every test that starts Frintr processes runs in this one collection: one at a time on 2 cores.</summary>
    public const string Name = "Frintr processes";
}

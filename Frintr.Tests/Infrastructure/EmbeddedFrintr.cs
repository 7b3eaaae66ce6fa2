namespace Frintr.Tests.Infrastructure;

/// <summary>Frintr as a newcomer runs it: one process, no Redis, default settings.</summary>
public sealed class EmbeddedFrintr : IAsyncLifetime
{
    internal WebHost Web { get; private set; } = null!;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("frintr-embedded-").FullName;

    public async Task InitializeAsync() =>
        Web = await FrintrHosts.StartWebAsync("embedded", DataPath, redis: null, workerKey: null);

    public Task DisposeAsync()
    {
        Web?.Dispose();
        Directory.Delete(DataPath, recursive: true);
        return Task.CompletedTask;
    }
}

using Frintr.Jobs.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frintr.Jobs.WebTier;

/// <summary>Pushes progress to the web tier's hub. Best effort: a render never waits for, or fails because of,
/// a lost hub connection; the status board and the completion note carry the truth.</summary>
public sealed class LiveProgressClient(IWebTierLocator locator, IOptions<Worker.WorkerOptions> options, ILogger<LiveProgressClient> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(15);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private HubConnection? _connection;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    public async Task ReportAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken);
            if (connection is not null)
                await connection.SendAsync(MosaicHubContract.Report, report, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Progress for {MosaicId} not pushed", report.MosaicId);
        }
    }

    private async Task<HubConnection?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection?.State == HubConnectionState.Connected)
            return _connection;
        // While the hub is unreachable, renders should not pay a connect timeout on every report.
        if (DateTimeOffset.UtcNow < _retryAt)
            return null;

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            _connection ??= new HubConnectionBuilder()
                .WithUrl(new Uri(locator.BaseUrl, MosaicHubContract.Path.TrimStart('/')), http =>
                    http.AccessTokenProvider = () => Task.FromResult<string?>(options.Value.WorkerKey))
                .WithAutomaticReconnect()
                .Build();
            if (_connection.State == HubConnectionState.Disconnected)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await _connection.StartAsync(timeout.Token);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    _retryAt = DateTimeOffset.UtcNow + RetryAfterFailure;
                    throw;
                }
            }

            return _connection.State == HubConnectionState.Connected ? _connection : null;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connecting.Dispose();
    }
}

using Frintr.Jobs.Contracts;

namespace Frintr.Tests.Infrastructure;

internal static class MosaicWait
{
    /// <summary>Reads the status API until the mosaic is finished (the polling path a browser falls back to).</summary>
    public static async Task<MosaicStatus> UntilFinishedAsync(HttpClient http, string id, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        MosaicStatus? status = null;
        try
        {
            do
            {
                status = await MosaicApiClient.StatusAsync(http, id);
                if (status?.Status is MosaicState.Succeeded or MosaicState.Failed)
                    return status;
            }
            while (await every.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException)
        {
            // Reported below.
        }

        throw new TimeoutException($"Mosaic {id} still {status?.Status} after {timeout}. {diagnostics?.Invoke()}");
    }
}

using Frintr.Web.Mosaics.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Frintr.Web.Hosting;

/// <summary><c>/health/live</c>: the process answers (a supervisor restarts it otherwise). <c>/health/ready</c>: it can
/// take mosaics — the job queue answers and the result store is writable; 503 otherwise, so a balancer sends people
/// elsewhere while the pages of this instance keep working.</summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddFrintrHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<JobQueueCheck>("job-queue", tags: [Ready])
            .AddCheck<ResultStoreCheck>("result-store", tags: [Ready]);
        return services;
    }

    public static WebApplication MapFrintrHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }

    private sealed class JobQueueCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var connection = storage.GetConnection();
                _ = connection.GetAllItemsFromSet("health-probe");
                return Task.FromResult(HealthCheckResult.Healthy());
            }
            catch (Exception e)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("The job queue is not reachable.", e));
            }
        }
    }

    private sealed class ResultStoreCheck(ResultStore results) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                Directory.CreateDirectory(results.Root);
                var probe = Path.Combine(results.Root, $".health-{Guid.NewGuid():N}");
                await File.WriteAllBytesAsync(probe, [1], cancellationToken);
                File.Delete(probe);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy("The result store is not writable.", e);
            }
        }
    }
}

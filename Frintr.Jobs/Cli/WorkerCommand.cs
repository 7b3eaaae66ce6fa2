using Frintr.Jobs.Storage;
using Frintr.Jobs.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frintr.Jobs.Cli;

/// <summary><c>worker</c>: a long-running Hangfire server for the <c>mosaics</c> queue.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:Redis is required: workers take their jobs from Redis.");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration[WorkerOptions.Section + ":WebBaseUrl"]))
        {
            await Console.Error.WriteLineAsync("Frintr:Worker:WebBaseUrl is required: workers upload finished mosaics there.");
            return 2;
        }

        // Defaults in code, not an appsettings.json: the web tier references this project, and two
        // appsettings.json files would collide in its publish folder. Configuration can still override them.
        builder.Logging
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services
            .AddFrintrJobStorage(redis)
            .AddMosaicRendering()
            .AddMosaicWorkerServer();
        await builder.Build().RunAsync();
        return 0;
    }
}

using System.Globalization;

namespace Frintr.Tests.Infrastructure;

/// <summary>Starts the real web tier and real workers as separate processes, the way they run in production.</summary>
internal static class FrintrHosts
{
    public const string AdminPassword = "test-admin-password";

    public static async Task<WebHost> StartWebAsync(string name, string dataPath, string? redis, string? workerKey, IDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Frintr__DataPath"] = dataPath,
            ["Frintr__Admin__Password"] = AdminPassword,
            ["ConnectionStrings__Redis"] = redis ?? string.Empty,
            ["Logging__LogLevel__Default"] = "Information",
            // Every test talks from loopback, one client to the rate limits: they are tried by their own tests (Security/).
            ["Frintr__RateLimit__SubmissionsPerMinute"] = "100000",
            ["Frintr__RateLimit__SignInAttemptsPerMinute"] = "10000",
        };
        if (workerKey is not null)
            environment["Frintr__Worker__WorkerKey"] = workerKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            environment[key] = value;

        var process = ChildProcess.Start(name, "dotnet", [FrintrBuild.WebDll], environment, Path.GetDirectoryName(FrintrBuild.WebDll));
        await process.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));
        return new WebHost(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    public static async Task<ChildProcess> StartWorkerAsync(string name, string redis, Uri web, string workerKey, int count = 1, bool allowPrivateNetworks = false,
        IDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = redis,
            ["Frintr__Worker__WebBaseUrl"] = web.ToString(),
            ["Frintr__Worker__WorkerKey"] = workerKey,
            ["Frintr__Worker__Name"] = name,
            ["Frintr__Worker__Count"] = count.ToString(CultureInfo.InvariantCulture),
            ["Frintr__Worker__AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
            ["Logging__LogLevel__Hangfire"] = "Information",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            environment[key] = value;
        var process = ChildProcess.Start(name, "dotnet", [FrintrBuild.JobsDll, "worker"], environment, Path.GetDirectoryName(FrintrBuild.JobsDll));
        await process.WaitForLineAsync("Application started", TimeSpan.FromSeconds(60));
        return process;
    }
}

/// <summary>A running web tier process and its address.</summary>
internal sealed class WebHost(ChildProcess process, Uri baseUrl) : IDisposable
{
    public ChildProcess Process { get; } = process;

    public Uri BaseUrl { get; } = baseUrl;

    public HttpClient Client(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = BaseUrl };

    public void Dispose() => Process.Dispose();
}

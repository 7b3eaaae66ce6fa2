using System.Security.Cryptography;
using Frintr.Jobs.Status;
using Frintr.Jobs.Storage;
using Frintr.Jobs.WebTier;
using Frintr.Jobs.Worker;
using Frintr.Web.Admin;
using Frintr.Web.Components;
using Frintr.Web.Mosaics.Api;
using Frintr.Web.Mosaics.Live;
using Frintr.Web.Mosaics.Retention;
using Frintr.Web.Mosaics.Status;
using Frintr.Web.Mosaics.Storage;
using Frintr.Web.Mosaics.Submission;
using Frintr.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Hosting;

public static class FrintrWebExtensions
{
    /// <summary>Elastic mode when <c>ConnectionStrings:Redis</c> is set (jobs go to Redis, workers run elsewhere);
    /// otherwise embedded mode: in-memory jobs and workers inside this process, so one command runs Frintr.</summary>
    public static WebApplicationBuilder AddFrintrWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var redis = builder.Configuration.GetConnectionString("Redis");
        var embedded = string.IsNullOrWhiteSpace(redis);

        services.AddOptions<FrintrWebOptions>().BindConfiguration(FrintrWebOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (embedded)
            services.PostConfigure<WorkerOptions>(EmbeddedWorker);

        services.AddOptions<FormOptions>().Configure<IOptions<FrintrWebOptions>>((form, frintr) =>
        {
            form.MultipartBodyLengthLimit = frintr.Value.MaxSubmissionBytes;
            // Every friend's picture is a form part; the default of 1,024 parts would cut large lists short.
            form.ValueCountLimit = frintr.Value.MaxFriends + 64;
        });
        services.AddProblemDetails();
        // Instances share the data folder, so they share the keys that sign admin cookies and form tokens there:
        // a form served by one instance can be posted to another. (Not in Redis: pages must work while it is down.)
        var dataPath = builder.Configuration[FrintrWebOptions.Section + ":DataPath"] is { Length: > 0 } configured ? configured : "data";
        services.AddDataProtection()
            .SetApplicationName("Frintr")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataPath), "keys")));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFrintrAuthentication();
        services.AddTransportSecurity(builder.Configuration);
        services.AddFrintrRateLimits();
        services.AddRetention();
        services.AddLiveProgress(redis);

        services.AddFrintrJobStorage(redis);
        services.AddSingleton<MosaicStatusBoard>();
        services.AddSingleton<InputStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<MosaicStatusReader>();
        services.AddScoped<MosaicSubmitter>();
        services.AddFrintrPages();
        services.AddFrintrHealth();

        if (embedded)
        {
            services.AddSingleton<IWebTierLocator, EmbeddedWebTier>();
            services.AddMosaicRendering().AddMosaicWorkerServer();
        }

        return builder;
    }

    public static WebApplication UseFrintrWeb(this WebApplication app)
    {
        app.UseTransportSecurity();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Friendly not-found pages are for people; the APIs, the hub and the dashboard keep their status codes.
        app.UseWhen(http => !IsMachinePath(http.Request.Path), page =>
            page.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapMosaicApi();
        app.MapWorkerApi();
        app.MapLiveProgress();
        app.MapAdmin();
        app.MapFrintrHealth();
        // Blazor adds its own frame-ancestors policy to pages with a compressed circuit; the same as SecurityHeaders' own.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = "'none'");

        // Made now, not at first sign-in, so that a generated admin password is in the start-up log.
        _ = app.Services.GetRequiredService<AdminCredentials>();
        var mode = string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("Redis")) ? "embedded (in-process jobs and workers)" : "elastic (Redis queue, separate workers)";
        app.Logger.LogInformation("Frintr web tier starting in {Mode} mode; data in {DataPath}", mode,
            Path.GetFullPath(app.Services.GetRequiredService<IOptions<FrintrWebOptions>>().Value.DataPath));
        return app;
    }

    private static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments(AdminAccess.DashboardPath)
        || path.StartsWithSegments("/mosaics") || path.StartsWithSegments("/health");

    private static void EmbeddedWorker(WorkerOptions worker)
    {
        // Nobody outside this process needs the key, so a fresh one per run is safest.
        if (string.IsNullOrEmpty(worker.WorkerKey))
            worker.WorkerKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    }
}

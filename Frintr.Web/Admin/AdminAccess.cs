using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Frintr.Web.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Frintr.Web.Admin;

/// <summary>Admins sign in with a cookie; the Hangfire dashboard needs the <see cref="Policy"/>, wherever the
/// request comes from (a "local requests only" rule is defeated by any reverse proxy on the same host).</summary>
public static class AdminAccess
{
    public const string Scheme = "Admin";
    public const string Policy = "Admin";
    public const string Role = "admin";
    public const string SignInPath = "/admin/sign-in";
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddFrintrAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton<AdminCredentials>();

        services.AddAuthentication(options => options.DefaultScheme = "Frintr")
            .AddPolicyScheme("Frintr", "Admin cookie or worker key", policy =>
                policy.ForwardDefaultSelector = http => WorkerKeyAuthentication.Presents(http.Request) ? WorkerKeyAuthentication.SchemeName : Scheme)
            .AddCookie(Scheme, cookie =>
            {
                cookie.LoginPath = SignInPath;
                cookie.Cookie.Name = "frintr-admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            })
            .AddScheme<AuthenticationSchemeOptions, WorkerKeyAuthentication>(WorkerKeyAuthentication.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireRole(Role))
            .AddPolicy(WorkerKeyAuthentication.Policy, policy =>
                policy.AddAuthenticationSchemes(WorkerKeyAuthentication.SchemeName).RequireRole(WorkerKeyAuthentication.Role));
        return services;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(Policy, DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Frintr jobs",
            AppPath = "/",
            Authorization = [],
        });
        app.MapPost("/admin/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.LocalRedirect("/");
        });
        return app;
    }

    public static ClaimsPrincipal Principal(string userName) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, Role)], Scheme));
}

/// <summary>The admin's credentials; a missing password is replaced by a random one, logged once.</summary>
public sealed class AdminCredentials
{
    private readonly byte[] _userName;
    private readonly byte[] _password;

    public AdminCredentials(IOptions<AdminOptions> options, ILogger<AdminCredentials> logger)
    {
        var password = options.Value.Password;
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            logger.LogWarning("No Frintr:Admin:Password configured. Hangfire dashboard sign-in for this run: user {UserName}, password {Password}",
                options.Value.UserName, password);
        }

        UserName = options.Value.UserName;
        _userName = Encoding.UTF8.GetBytes(UserName);
        _password = Encoding.UTF8.GetBytes(password);
    }

    public string UserName { get; }

    public bool Accept(string? userName, string? password) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(userName ?? string.Empty), _userName)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? string.Empty), _password);
}

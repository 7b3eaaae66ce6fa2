using System.Text.RegularExpressions;

namespace Frintr.Tests.Infrastructure;

/// <summary>Signs in through the real sign-in form, antiforgery token and all, the way a browser does.</summary>
internal static partial class AdminSession
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string userName, string password)
    {
        var page = await http.GetStringAsync(new Uri("admin/sign-in", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The sign-in page has no antiforgery token:\n" + page);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["_handler"] = "admin-sign-in",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await http.PostAsync(new Uri("admin/sign-in", UriKind.Relative), form);
    }

    /// <summary>The antiforgery token of a rendered form.</summary>
    public static string TokenOf(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

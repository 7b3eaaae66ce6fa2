using System.Buffers.Text;
using System.Security.Cryptography;

namespace Frintr.Web.Security;

/// <summary>People make mosaics without an account: each browser gets a random owner id in a cookie, so the
/// request package can say whose mosaic it is.</summary>
public static class OwnerCookie
{
    public const string Name = "frintr-owner";

    public static string For(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(Name, out var id) && id.Length is > 0 and <= 64)
            return "browser:" + id;

        id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Append(Name, id, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        return "browser:" + id;
    }
}

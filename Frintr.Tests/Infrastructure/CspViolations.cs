using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Frintr.Tests.Infrastructure;

/// <summary>Everything the Content-Security-Policy blocked on a page: the <c>securitypolicyviolation</c> events of
/// every document the page loads, and chromium's console errors that say "Content Security Policy".
/// Attach before the first navigation.</summary>
internal sealed class CspViolations
{
    private const string Marker = "CSP violation:";
    private readonly ConcurrentQueue<string> _seen = new();

    private CspViolations()
    {
    }

    public IReadOnlyCollection<string> Seen => _seen;

    public static async Task<CspViolations> AttachAsync(IPage page)
    {
        var violations = new CspViolations();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith(Marker, StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations._seen.Enqueue($"{message.Text} (on {page.Url})");
        };
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('" + Marker + " ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
        return violations;
    }

    public void AssertNone() =>
        Assert.True(_seen.IsEmpty, "The Content-Security-Policy blocked:\n" + string.Join('\n', _seen));
}

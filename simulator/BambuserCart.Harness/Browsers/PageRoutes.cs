using Microsoft.Playwright;

namespace BambuserCart.Harness.Browsers;

/// <summary>Serves a page that exists only in the browser: a merchant page written inline, for tests and tools.</summary>
internal static class PageRoutes
{
    /// <summary>Answers <paramref name="url"/> in this page with <paramref name="html"/> (and any response headers).</summary>
    public static Task ServeHtmlAsync(this IPage page, string url, string html, IDictionary<string, string>? headers = null) =>
        page.RouteAsync(url, async route =>
        {
            try
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    ContentType = "text/html; charset=utf-8",
                    Body = html,
                    Headers = headers is null ? null : new Dictionary<string, string>(headers) { ["Content-Type"] = "text/html; charset=utf-8" },
                });
            }
            catch (PlaywrightException)
            {
                // The page went away with the request in flight; an escaping exception would end the process.
            }
        });
}

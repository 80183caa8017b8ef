using Microsoft.Playwright;

namespace BambuserCart.Harness.Driver;

/// <summary>
/// Where a page is after a call into it broke off because it navigated. Playwright can report the
/// broken call before it reports the new URL, so <see cref="IPage.Url"/> may still name the old
/// document, and a clock would make the answer depend on the machine's speed. The page itself is
/// asked instead: an evaluation runs in the main frame's current document, which after a navigation
/// is the new one once it commits; one that still lands in the old document as it goes is sent again.
/// </summary>
internal static class PageLocation
{
    /// <param name="limit">A safety net for a page that never answers, not a timing anything relies on.</param>
    /// <returns>The page's <c>location.href</c>; null when the page is gone or never answered.</returns>
    public static async Task<string?> AfterNavigationAsync(IPage page, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return await page.EvaluateAsync<string>("() => location.href").WaitAsync(limit);
            }
            catch (PlaywrightException ex) when (WidgetDriver.IsNavigationAway(ex) && DateTime.UtcNow < deadline)
            {
                // It reached the document that was going away: the next call finds the new one.
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                return null;
            }
        }
    }
}

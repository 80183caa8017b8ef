using System.Text.Json;
using BambuserCart.Simulator.Widget;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Driver;

/// <summary>
/// Which document a page shows, and where it is, asked of the page itself. Playwright can report a
/// call that broke off because the page navigated before it reports the new URL, so
/// <see cref="IPage.Url"/> may still name the old document, and a clock would make the answer
/// depend on the machine's speed. An evaluation runs in the main frame's current document, which
/// after a navigation is the new one once it commits; one that still lands in the old document as
/// it goes is sent again.
/// </summary>
internal static class PageLocation
{
    private const string Read =
        $"() => ({{ href: location.href, origin: performance.timeOrigin, leavingFor: ({EvidenceScript.Global} && {EvidenceScript.Global}.leavingFor && {EvidenceScript.Global}.leavingFor()) || null }})";

    /// <param name="limit">A safety net for a page that never answers, not a timing anything relies on.</param>
    /// <returns>The page's <c>location.href</c>; null when the page is gone or never answered.</returns>
    public static async Task<string?> AfterNavigationAsync(IPage page, TimeSpan limit) =>
        (await DocumentAsync(page, limit))?.Href;

    /// <param name="limit">A safety net for a page that never answers, not a timing anything relies on.</param>
    /// <returns>The page's current document; null when the page is gone or never answered.</returns>
    public static async Task<PageDocument?> DocumentAsync(IPage page, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                var document = await page.EvaluateAsync<JsonElement>(Read).WaitAsync(limit);
                var leavingFor = document.GetProperty("leavingFor");
                return new PageDocument(
                    document.GetProperty("href").GetString()!,
                    document.GetProperty("origin").GetDouble(),
                    leavingFor.ValueKind == JsonValueKind.String ? leavingFor.GetString() : null);
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

/// <summary>One document of a page.</summary>
/// <param name="Href">Its URL now.</param>
/// <param name="Origin">
/// When it began (<c>performance.timeOrigin</c>): every document has its own, so a reload, which
/// keeps the URL, is told from the document before it.
/// </param>
/// <param name="LeavingFor">Where it is going, when a navigation away from it has begun (the evidence recorder sees it start); null before.</param>
internal sealed record PageDocument(string Href, double Origin, string? LeavingFor);

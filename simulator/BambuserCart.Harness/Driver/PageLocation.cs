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
    // `stayedThrough`: a navigation the harness heard begin and now finds given up (see
    // AfterNavigationBeganAsync), which the recorder is told to forget.
    private const string Read =
        $$"""
        (stayedThrough) => {
          const recorder = {{EvidenceScript.Global}};
          if (stayedThrough !== null && recorder && recorder.stayed) recorder.stayed(stayedThrough);
          return { href: location.href, origin: performance.timeOrigin, leavingFor: (recorder && recorder.leavingFor && recorder.leavingFor()) || null };
        }
        """;

    /// <param name="limit">A safety net for a page that never answers, not a timing anything relies on.</param>
    /// <returns>The page's <c>location.href</c>; null when the page is gone or never answered.</returns>
    public static async Task<string?> AfterNavigationAsync(IPage page, TimeSpan limit) =>
        (await DocumentAsync(page, limit))?.Href;

    /// <param name="limit">A safety net for a page that never answers, not a timing anything relies on.</param>
    /// <returns>The page's current document; null when the page is gone or never answered.</returns>
    public static Task<PageDocument?> DocumentAsync(IPage page, TimeSpan limit) => ReadAsync(page, limit, stayedThrough: null);

    /// <summary>
    /// The page's document once a navigation to <paramref name="destination"/>, which the evidence
    /// recorder heard begin, is over. The browser answers a call into a page only once a navigation
    /// it has begun in the main frame has either replaced the document or been given up (a 204
    /// answer, a download, an app link such as <c>shopapp://</c> handed to the system), so this read
    /// comes after it. Asked after a read that heard it, the browser has it by then: the page began
    /// it before that read ran. When the document is the same, the page stayed, and the recorder is
    /// told to forget the navigation.
    /// </summary>
    /// <param name="limit">A safety net for a navigation that never ends, not a timing anything relies on.</param>
    /// <returns>The page's document; null when the page is gone or never answered.</returns>
    public static Task<PageDocument?> AfterNavigationBeganAsync(IPage page, string destination, TimeSpan limit) =>
        ReadAsync(page, limit, destination);

    private static async Task<PageDocument?> ReadAsync(IPage page, TimeSpan limit, string? stayedThrough)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                var document = await page.EvaluateAsync<JsonElement>(Read, stayedThrough).WaitAsync(limit);
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

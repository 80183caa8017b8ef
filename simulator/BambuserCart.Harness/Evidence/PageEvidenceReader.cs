using System.Text.Json;
using BambuserCart.Simulator.Widget;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Evidence;

/// <summary>Reads the evidence recorder (evidence.js) in a page, and waits on it.</summary>
internal static class PageEvidenceReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A page stuck in an endless loop answers nothing: reading its evidence must not wait on it.
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(10);

    /// <summary>Everything the page recorded so far; empty when the page has no recorder (or went away).</summary>
    public static async Task<PageEvidence> ReadAsync(IPage page)
    {
        try
        {
            var json = await page.EvaluateAsync<string?>($"() => {EvidenceScript.Global} ? {EvidenceScript.Global}.snapshot() : null").WaitAsync(ReadBound);
            return json is null ? PageEvidence.Empty : JsonSerializer.Deserialize<PageEvidence>(json, Json) ?? PageEvidence.Empty;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The page navigated away or closed (a same-tab checkout), or is stuck: no evidence to read.
            return PageEvidence.Empty;
        }
    }

    /// <summary>
    /// Waits until the open event's consequences are over: no request started in its window still
    /// in flight and no short timer from its handling pending. Then closes the window, so that what
    /// happens next belongs to no event. Bounded: a page that never settles is described instead.
    /// </summary>
    /// <returns>Null when the event ended; otherwise what was still going on at the bound.</returns>
    public static async Task<string?> WaitForEventToEndAsync(IPage page, TimeSpan bound)
    {
        string? busy = null;
        try
        {
            await page.WaitForFunctionAsync(
                $"() => !{EvidenceScript.Global} || {EvidenceScript.Global}.quiet()",
                null,
                new PageWaitForFunctionOptions { Timeout = (float)bound.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            try
            {
                busy = await DescribeBusyAsync(page).WaitAsync(ReadBound);
            }
            catch (TimeoutException)
            {
                busy = "a page that no longer answers";
            }
        }
        catch (PlaywrightException)
        {
            // Navigated away: nothing left to wait for.
            return null;
        }

        try
        {
            await page.EvaluateAsync($"() => {EvidenceScript.Global} && {EvidenceScript.Global}.close()").WaitAsync(ReadBound);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // As above.
        }

        return busy;
    }

    /// <summary>Evaluates <paramref name="expression"/> (a promise of JSON text) as the harness's own work: its requests are never judged.</summary>
    public static string ByHarness(string expression) =>
        $"async () => {{ const e = {EvidenceScript.Global}; const work = async () => JSON.stringify(await ({expression})); return e ? e.byHarness(work) : work(); }}";

    private static async Task<string> DescribeBusyAsync(IPage page)
    {
        try
        {
            var busy = await page.EvaluateAsync<JsonElement>($"() => {EvidenceScript.Global}.busyWith()");
            var requests = busy.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ToList();
            var timers = busy.GetProperty("timers").GetInt32();
            var parts = new List<string>();
            if (requests.Count > 0)
            {
                parts.Add($"{string.Join(", ", requests)} in flight");
            }

            if (timers > 0)
            {
                parts.Add($"{timers} timer(s) pending");
            }

            return parts.Count == 0 ? "activity" : string.Join(" and ", parts);
        }
        catch (PlaywrightException)
        {
            return "activity";
        }
    }
}

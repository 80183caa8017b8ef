using System.Diagnostics;
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
    /// in flight, no short timer or idle callback from its handling pending and no short animation it
    /// started still running. Then closes the window, so that what happens next belongs to no event.
    /// Bounded: a page that never settles is described instead.
    /// <para>
    /// Two bounds, because they bound different things. Short timers and follow-up work get
    /// <paramref name="bound"/>. The event's own requests get up to <paramref name="requestBound"/>
    /// (the real widget's 30 s): until they are answered the native cart cannot be judged, and
    /// how long a backend, or this machine, takes to answer must not decide a verdict.
    /// </para>
    /// </summary>
    /// <returns>Null when the event ended; otherwise what was still going on at the bound.</returns>
    public static async Task<string?> WaitForEventToEndAsync(IPage page, TimeSpan bound, TimeSpan requestBound)
    {
        var waited = Stopwatch.StartNew();
        try
        {
            var busy = await QuietWithinAsync(page, bound);
            // Only requests earn more time: short timers had the bound, and a page's own pollers
            // must not hold the run. Once they are answered, what they set off gets the bound again.
            // A page found idle just after the bound ran out (a slow machine) is given it again too.
            while ((busy is { RequestsInFlight: true } or { Idle: true }) && waited.Elapsed < requestBound)
            {
                busy = busy.Idle || await RequestsAnsweredWithinAsync(page, requestBound - waited.Elapsed)
                    ? await QuietWithinAsync(page, bound)
                    : await DescribeBusyBoundedAsync(page);
            }

            await CloseWindowAsync(page);
            return busy?.Text;
        }
        catch (PlaywrightException)
        {
            // Navigated away: nothing left to wait for.
            return null;
        }
    }

    /// <summary>
    /// Runs at once the timers and intervals that events' handling left for later and that are
    /// still pending (evidence.js, "Work left for later"), and waits for what they set off as for an
    /// event's consequences. Returns how many it ran: 0 on a page without a recorder, or gone.
    /// </summary>
    public static async Task<int> RunLaterWorkAsync(IPage page, TimeSpan bound, TimeSpan requestBound)
    {
        int ran;
        try
        {
            ran = await page.EvaluateAsync<int>($"() => {EvidenceScript.Global} ? {EvidenceScript.Global}.runLater().length : 0").WaitAsync(ReadBound);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return 0;
        }

        if (ran > 0)
        {
            await WaitForEventToEndAsync(page, bound, requestBound);
        }

        return ran;
    }

    /// <summary>Evaluates <paramref name="expression"/> (a promise of JSON text) as the harness's own work: its requests are never judged.</summary>
    public static string ByHarness(string expression) =>
        $"async () => {{ const e = {EvidenceScript.Global}; const work = async () => JSON.stringify(await ({expression})); return e ? e.byHarness(work) : work(); }}";

    // Null when the page went quiet within the bound; otherwise what it was still busy with.
    private static async Task<Busy?> QuietWithinAsync(IPage page, TimeSpan bound)
    {
        try
        {
            await page.WaitForFunctionAsync(
                $"() => !{EvidenceScript.Global} || {EvidenceScript.Global}.quiet()",
                null,
                new PageWaitForFunctionOptions { Timeout = (float)bound.TotalMilliseconds });
            return null;
        }
        catch (TimeoutException)
        {
            return await DescribeBusyBoundedAsync(page);
        }
    }

    private static async Task<bool> RequestsAnsweredWithinAsync(IPage page, TimeSpan bound)
    {
        try
        {
            await page.WaitForFunctionAsync(
                $"() => !{EvidenceScript.Global} || {EvidenceScript.Global}.busyWith().requests.length === 0",
                null,
                new PageWaitForFunctionOptions { Timeout = (float)Math.Max(1, bound.TotalMilliseconds) });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    // Records after this belong to no event.
    private static async Task CloseWindowAsync(IPage page)
    {
        try
        {
            await page.EvaluateAsync($"() => {EvidenceScript.Global} && {EvidenceScript.Global}.close()").WaitAsync(ReadBound);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Navigated away, or stuck: there is no window left to close.
        }
    }

    private static async Task<Busy> DescribeBusyBoundedAsync(IPage page)
    {
        try
        {
            return await DescribeBusyAsync(page).WaitAsync(ReadBound);
        }
        catch (TimeoutException)
        {
            return new Busy("a page that no longer answers", false);
        }
    }

    private static async Task<Busy> DescribeBusyAsync(IPage page)
    {
        try
        {
            var busy = await page.EvaluateAsync<JsonElement>($"() => {EvidenceScript.Global}.busyWith()");
            var requests = busy.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ToList();
            var parts = new List<string>();
            if (requests.Count > 0)
            {
                parts.Add($"{string.Join(", ", requests)} in flight");
            }

            parts.AddRange(
                from pending in new[] { ("timers", "timer(s) pending"), ("idleCallbacks", "idle callback(s) pending"), ("animations", "animation(s) running") }
                let count = busy.GetProperty(pending.Item1).GetInt32()
                where count > 0
                select $"{count} {pending.Item2}");

            return parts.Count == 0 ? new Busy("activity", false) { Idle = true } : new Busy(string.Join(" and ", parts), requests.Count > 0);
        }
        catch (PlaywrightException)
        {
            return new Busy("activity", false);
        }
    }

    private sealed record Busy(string Text, bool RequestsInFlight)
    {
        /// <summary>Nothing was pending when it was looked at: it went quiet meanwhile.</summary>
        public bool Idle { get; init; }
    }
}

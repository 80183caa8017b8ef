using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// Runs the work a page's events left for later once the page is done (evidence.js, "Work left
/// for later"), for validate and for replay alike, and reads what it did.
/// </summary>
internal static class LaterWorkRun
{
    /// <summary>
    /// Runs each timer and interval still pending, waits for what they set off, then reads the page
    /// and the widget's trace. The trace is null when the page no longer shows the widget's document
    /// (its records are then not those events') or has no widget: there is nothing to add then.
    /// </summary>
    public static async Task<(PageEvidence Read, IReadOnlyList<TraceEntry>? Trace)> RunAsync(IPage page, WidgetDriver widget, TimeSpan bound, TimeSpan requestBound)
    {
        await PageEvidenceReader.RunLaterWorkAsync(page, bound, requestBound);
        var read = await PageEvidenceReader.ReadAsync(page);
        try
        {
            return await widget.LeftDocumentAsync(read.Document) is null ? (read, await widget.TraceAsync()) : (read, null);
        }
        catch (Exception ex) when (ex is PlaywrightException or SimulatorException)
        {
            return (read, null);
        }
    }
}

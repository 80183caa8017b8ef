using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>What every fresh page of one validation run contributed: events, errors, pushes, artefacts.</summary>
internal sealed class RunLog
{
    private readonly List<ObservedEvent> events = [];
    private readonly List<(string Session, PageErrorRecord Error)> pageErrors = [];
    private readonly List<WidgetDiagnostic> diagnostics = [];
    private readonly List<string> blocked = [];
    private readonly List<SessionTrace> traces = [];
    private readonly HashSet<string> pagesWithFailures = [];

    public IReadOnlyList<ObservedEvent> Events => events;

    /// <summary>Errors thrown outside any event (or too opaque to attribute), with the page they came from.</summary>
    public IReadOnlyList<(string Session, PageErrorRecord Error)> PageErrors => pageErrors;

    public IReadOnlyList<WidgetDiagnostic> Diagnostics => diagnostics;

    public IReadOnlyList<string> BlockedRequests => blocked;

    public IReadOnlyList<SessionTrace> Traces => traces;

    /// <summary>GTM add_to_cart / remove_from_cart pushes, from every page.</summary>
    public JsonArray Pushes { get; } = [];

    public byte[]? Screenshot { get; private set; }

    /// <summary>The screenshot shows a page where a check failed (not just the last page).</summary>
    public bool ScreenshotShowsFailure { get; private set; }

    public ObservedEvent Add(Func<int, ObservedEvent> create)
    {
        var observed = create(events.Count + 1);
        events.Add(observed);
        return observed;
    }

    /// <summary>Adds to each event of page <paramref name="session"/> what its work left for later did (null: nothing).</summary>
    public void AddLaterWork(string session, Func<ObservedEvent, LaterWork?> laterWorkOf)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Page == session && laterWorkOf(events[i]) is { } later)
            {
                events[i] = events[i] with { Later = later };
            }
        }
    }

    public void AddPageError(string session, PageErrorRecord error) => pageErrors.Add((session, error));

    public void AddDiagnostics(IEnumerable<WidgetDiagnostic> found)
    {
        foreach (var diagnostic in found.Where(d => !diagnostics.Contains(d)))
        {
            diagnostics.Add(diagnostic);
        }
    }

    public void AddBlocked(IEnumerable<string> requests) => blocked.AddRange(requests.Where(r => !blocked.Contains(r)));

    public void AddTrace(SessionTrace trace, bool failedOnThisPage)
    {
        traces.Add(trace);
        if (failedOnThisPage)
        {
            pagesWithFailures.Add(trace.Session);
        }
    }

    /// <summary>
    /// Keeps the traces of the pages where a check failed, or whose events a failed check rests
    /// on, and deletes the rest: a passing page's trace is only noise.
    /// </summary>
    public void KeepFailureTraces(IEnumerable<CheckResult> failed)
    {
        var failedEvents = failed.SelectMany(c => c.Events).ToHashSet();
        var keep = events.Where(e => failedEvents.Contains(e.Number)).Select(e => e.Page).Concat(pagesWithFailures).ToHashSet();
        foreach (var trace in traces.Where(t => !keep.Contains(t.Session)).ToList())
        {
            File.Delete(trace.Path);
            traces.Remove(trace);
        }
    }

    public void KeepScreenshot(byte[] png, bool showsFailure)
    {
        Screenshot = png;
        ScreenshotShowsFailure = showsFailure;
    }
}

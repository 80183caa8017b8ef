using System.Diagnostics;
using System.Text.Json.Nodes;
using BambuserCart.Contract;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>
/// The checks decided so far: each selected check is decided once, reported as soon as it is,
/// and linked to the events that decided it. Unselected checks are never recorded.
/// </summary>
internal sealed class Verdicts
{
    private readonly ValidationSettings settings;
    private readonly IProgress<CheckResult>? progress;
    private readonly CancellationToken cancellation;
    private readonly Dictionary<CheckId, CheckResult> decided = [];

    // Started with the run: each verdict's Duration is the time since the verdict before it.
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastDecided;

    // A family abandoned at --max-time may still record from its own thread as its page goes away.
    private readonly Lock gate = new();

    public Verdicts(ValidationSettings settings, IProgress<CheckResult>? progress, CancellationToken cancellation)
    {
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /// <summary>The decided checks, in run order (the order of <see cref="CheckId"/>).</summary>
    public IReadOnlyList<CheckResult> Results
    {
        get
        {
            lock (gate)
            {
                return [.. decided.Values.OrderBy(r => r.Id)];
            }
        }
    }

    public int Failures => Results.Count(r => r.Status == CheckStatus.Failed);

    public bool Wanted(CheckId id)
    {
        lock (gate)
        {
            return settings.Selected(id) && !decided.ContainsKey(id);
        }
    }

    /// <summary>The check was judged and failed in this run.</summary>
    public bool HasFailed(CheckId id)
    {
        lock (gate)
        {
            return decided.TryGetValue(id, out var result) && result.Status == CheckStatus.Failed;
        }
    }

    public bool AnyWanted(IEnumerable<CheckId> ids) => ids.Any(Wanted);

    public void Pass(CheckId id, string message, IEnumerable<ObservedEvent>? events = null, JsonObject? evidence = null) =>
        Record(id, CheckStatus.Passed, message, events, evidence);

    public void Fail(CheckId id, string message, IEnumerable<ObservedEvent>? events = null, JsonObject? evidence = null) =>
        Record(id, CheckStatus.Failed, message, events, evidence);

    /// <summary>Not proven either way; <paramref name="reason"/> says why and what would prove it.</summary>
    public void Skip(CheckId id, string reason, IEnumerable<ObservedEvent>? events = null) =>
        Record(id, CheckStatus.Skipped, reason, events, null);

    /// <summary>Not judged because the page lacks what the check is about: advisory here, whatever the catalogue says.</summary>
    public void NotApplicable(CheckId id, string reason) =>
        Record(id, CheckStatus.Skipped, reason, null, null, required: false);

    /// <summary>Skips every selected, undecided check of <paramref name="ids"/>.</summary>
    public void SkipAll(IEnumerable<CheckId> ids, string reason)
    {
        foreach (var id in ids.Where(Wanted).ToList())
        {
            Skip(id, reason);
        }
    }

    private void Record(CheckId id, CheckStatus status, string message, IEnumerable<ObservedEvent>? events, JsonObject? evidence, bool? required = null)
    {
        cancellation.ThrowIfCancellationRequested();
        var check = CheckCatalog.Get(id);
        var result = new CheckResult(check, status, message)
        {
            Evidence = evidence ?? [],
            Events = (events ?? []).Select(e => e.Number).Distinct().Order().ToList(),
            Required = required ?? check.Required,
        };
        lock (gate)
        {
            // Each check is decided once: the first verdict stands.
            if (!settings.Selected(id) || decided.ContainsKey(id))
            {
                return;
            }

            var now = clock.Elapsed;
            result = result with { Duration = now - lastDecided };
            lastDecided = now;
            decided.Add(id, result);
        }

        progress?.Report(result);
    }
}

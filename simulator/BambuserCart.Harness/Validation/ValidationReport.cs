using BambuserCart.Contract;

namespace BambuserCart.Harness.Validation;

/// <summary>The outcome of one <c>validate</c> run over one target.</summary>
public sealed record ValidationReport(ValidationTarget Target, string PageUrl, IReadOnlyList<CheckResult> Checks)
{
    public DateTimeOffset Started { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Every event the fake emitted, across the run's fresh pages, with its evidence.</summary>
    public IReadOnlyList<ObservedEvent> Events { get; init; } = [];

    /// <summary>Errors the page threw outside cart events (page.no-errors).</summary>
    public IReadOnlyList<PageError> PageErrors { get; init; } = [];

    /// <summary>What the fake noticed (<c>state().diagnostics</c>), from every page.</summary>
    public IReadOnlyList<WidgetDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>A page of the run as PNG: one where a check failed, when one did.</summary>
    public byte[]? Screenshot { get; init; }

    /// <summary>The Playwright traces of the pages where a check failed, when traces were recorded.</summary>
    public IReadOnlyList<SessionTrace> Traces { get; init; } = [];

    /// <summary>Requests to hosts outside this machine that were refused.</summary>
    public IReadOnlyList<string> BlockedRequests { get; init; } = [];

    /// <summary>The run was asked to fail when a required check could not be proven.</summary>
    public bool Strict { get; init; }

    /// <summary>The --cart-api glob the run used.</summary>
    public string CartApi { get; init; } = Evidence.CartApiPattern.DefaultGlob;

    public int Passed => Checks.Count(c => c.Status == CheckStatus.Passed);

    public int Failed => Checks.Count(c => c.Status == CheckStatus.Failed);

    public int Skipped => Checks.Count(c => c.Status == CheckStatus.Skipped);

    /// <summary>Required checks that were skipped: the run did not prove them either way.</summary>
    public IReadOnlyList<CheckResult> NotProven => [.. Checks.Where(c => c.NotProven)];

    public IReadOnlyList<CheckResult> RequiredFailures => [.. Checks.Where(c => c.FailsRun)];

    /// <summary>
    /// 0 every required check passed (skipped ones are reported as not proven); 1 one failed, or
    /// one was not proven under <see cref="Strict"/>; 2 no check ran at all ("0 checks ran" is an error).
    /// </summary>
    public int ExitCode => Passed + Failed == 0 ? 2 : RequiredFailures.Count > 0 || (Strict && NotProven.Count > 0) ? 1 : 0;
}

/// <summary>An error the page threw outside cart events, and the fresh page of the run it came from.</summary>
public sealed record PageError(string Page, string Kind, string Message, string? Source)
{
    public string Describe() => Source is null ? Message : $"{Message} (at {Source})";
}

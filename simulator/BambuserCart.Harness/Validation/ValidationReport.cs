using System.Text.Json.Nodes;

namespace BambuserCart.Harness.Validation;

/// <summary>The outcome of one <c>validate</c> run over one target.</summary>
public sealed record ValidationReport(ValidationTarget Target, string PageUrl, IReadOnlyList<CheckResult> Checks)
{
    public DateTimeOffset Started { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The widget's whole event trace.</summary>
    public JsonArray Trace { get; init; } = [];

    /// <summary>What the fake noticed (<c>state().diagnostics</c>).</summary>
    public JsonArray Diagnostics { get; init; } = [];

    /// <summary>The page at the end of the run, as PNG.</summary>
    public byte[]? Screenshot { get; init; }

    /// <summary>The Playwright trace of the run, when one was recorded and kept.</summary>
    public string? TracePath { get; init; }

    /// <summary>Requests to hosts outside this machine that were refused.</summary>
    public IReadOnlyList<string> BlockedRequests { get; init; } = [];

    public int Passed => Checks.Count(c => c.Status == CheckStatus.Passed);

    public int Failed => Checks.Count(c => c.Status == CheckStatus.Failed);

    public int Skipped => Checks.Count(c => c.Status == CheckStatus.Skipped);

    /// <summary>0 every required check passed; 1 one failed; 2 no check ran at all ("0 checks ran" is an error).</summary>
    public int ExitCode => Passed + Failed == 0 ? 2 : Checks.Any(c => c.FailsRun) ? 1 : 0;
}

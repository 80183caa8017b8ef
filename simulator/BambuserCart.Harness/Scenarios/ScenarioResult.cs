using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Driver;

namespace BambuserCart.Harness.Scenarios;

/// <summary>One step as it ran: what happened and, when it failed, every expectation it missed.</summary>
public sealed record StepResult(int Index, ScenarioStep Step, IReadOnlyList<string> Failures)
{
    /// <summary>"success", "miniplayer /checkout", "met"…, for progress lines.</summary>
    public string Happened { get; init; } = string.Empty;

    /// <summary>A failing cart step: what the page did during its event (callbacks, requests, errors), in page order.</summary>
    public string? Evidence { get; init; }

    public bool Passed => Failures.Count == 0;
}

/// <summary>A scenario run. When a step fails the run stops there; the later steps did not run.</summary>
public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<StepResult> Steps, IReadOnlyList<TraceEntry> Trace)
{
    /// <summary>The events the page registered handlers for, read once the widget started.</summary>
    public IReadOnlyList<string> Handlers { get; init; } = [];

    /// <summary>Where the failure artefacts were written, when the run failed and had a folder for them.</summary>
    public IReadOnlyList<string> Artifacts { get; init; } = [];

    public bool Passed => Steps.Count == Scenario.Steps.Count && Steps.All(s => s.Passed);

    /// <summary>The failing step, what was expected and what happened, and the event trace up to there.</summary>
    public string FailureMessage()
    {
        var failed = Steps.FirstOrDefault(s => !s.Passed);
        if (failed is null)
        {
            return Passed ? string.Empty : $"{Scenario.Source}: stopped after step {Steps.Count} of {Scenario.Steps.Count}";
        }

        return $"{Scenario.Source}: step {failed.Index + 1} of {Scenario.Steps.Count} ({failed.Step.Describe()}) failed:\n"
            + string.Join("\n", failed.Failures.Select(f => "  " + f))
            + (failed.Evidence is { } evidence ? $"\nwhat the page did during the event: {evidence}" : string.Empty)
            + "\nevent trace up to here:\n" + TraceFormatter.Text(Trace);
    }
}

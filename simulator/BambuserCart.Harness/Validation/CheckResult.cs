using System.Text.Json.Nodes;
using BambuserCart.Contract;

namespace BambuserCart.Harness.Validation;

public enum CheckStatus
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One check's verdict with the evidence behind it. <see cref="Message"/> names the event, what was expected and what happened.</summary>
public sealed record CheckResult(CheckDefinition Check, CheckStatus Status, string Message)
{
    public CheckId Id => Check.Id;

    /// <summary>The id as reports write it: <c>add.success</c>.</summary>
    public string Name => Check.Name;

    /// <summary>What the check looked at (outcomes, native cart, dataLayer pushes…), for reports.</summary>
    public JsonObject Evidence { get; init; } = [];

    /// <summary>The run's events (<see cref="ObservedEvent.Number"/>) this verdict rests on.</summary>
    public IReadOnlyList<int> Events { get; init; } = [];

    /// <summary>
    /// Whether this verdict gates the exit code: the catalogue's, except for a check that is
    /// required only when the page has what it judges (product.hydration without a hydration handler).
    /// </summary>
    public bool Required { get; init; } = Check.Required;

    /// <summary>A required check that could not be proven either way.</summary>
    public bool NotProven => Status == CheckStatus.Skipped && Required;

    /// <summary>
    /// The run's time spent reaching this verdict since the previous one: the work that decided it
    /// (its page, its events). The checks' times add up to the run's time, so a JUnit or CTRF
    /// reader shows where the time went; a check judged over every event at the end takes ~0.
    /// </summary>
    public TimeSpan Duration { get; init; }

    public bool FailsRun => Status == CheckStatus.Failed && Required;
}

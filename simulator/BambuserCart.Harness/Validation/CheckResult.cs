using System.Text.Json.Nodes;

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
    public string Id => Check.Id;

    /// <summary>What the check looked at (outcomes, native cart, dataLayer pushes…), for reports.</summary>
    public JsonObject Evidence { get; init; } = [];

    /// <summary>The widget's event trace when the check was decided.</summary>
    public JsonArray Trace { get; init; } = [];

    public bool FailsRun => Status == CheckStatus.Failed && Check.Required;
}

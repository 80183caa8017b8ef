using BambuserCart.Harness.Scenarios;

namespace BambuserCart.Harness.Exploration;

/// <summary>
/// Where a session's page left the model: the step, and what kind of difference it was (the
/// action and the first expectation missed: "add: nativeCart"). Shrinking keeps a smaller
/// session only when it diverges the same kind of way, so it cannot drift to another bug.
/// </summary>
public sealed record Divergence(int StepIndex, string Kind, StepResult Step)
{
    public static Divergence? Of(ScenarioResult result)
    {
        if (result.Passed)
        {
            return null;
        }

        var failed = result.Steps.FirstOrDefault(s => !s.Passed) ?? result.Steps[^1];
        var first = failed.Failures.Count > 0 ? failed.Failures[0] : "stopped";
        // "nativeCart: expected […], got […]" → "nativeCart"; "the widget never started: …" → that phrase.
        var what = first.Split(':', 2)[0];
        return new Divergence(failed.Index, $"{failed.Step.Action}: {what}", failed);
    }
}

using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>The one-line verdict every output shares: counts, what was not proven, and the exit code.</summary>
public static class ConsoleVerdict
{
    /// <summary>
    /// "19 passed, 1 failed, 2 skipped — a required check failed: add.native-cart (exit 1)";
    /// never "all required checks passed" while a required check was skipped.
    /// </summary>
    public static string Headline(ValidationReport report)
    {
        var counts = $"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped";
        var failed = report.RequiredFailures;
        var notProven = report.NotProven;
        var unproven = notProven.Count == 0
            ? string.Empty
            : $"{notProven.Count} required check{(notProven.Count == 1 ? " was" : "s were")} not proven: {string.Join(", ", notProven.Select(c => c.Name))}";
        string verdict;
        if (report.Passed + report.Failed == 0)
        {
            verdict = "0 checks ran";
        }
        else if (failed.Count > 0)
        {
            verdict = $"{(failed.Count == 1 ? "a required check" : $"{failed.Count} required checks")} failed: {string.Join(", ", failed.Select(c => c.Name))}"
                + (unproven.Length > 0 ? $"; {unproven}" : string.Empty);
        }
        else if (notProven.Count > 0)
        {
            verdict = report.Strict ? $"{unproven} ({RunInput.Strict.Named()})" : $"no required check failed, but {unproven} ({RunInput.Strict.Named()} fails the run on this)";
        }
        else
        {
            verdict = "all required checks passed";
        }

        return $"{counts} — {verdict} (exit {report.ExitCode})";
    }
}

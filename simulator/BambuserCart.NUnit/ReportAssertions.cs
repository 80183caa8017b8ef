using BambuserCart.Harness.Validation;
using NUnit.Framework;

namespace BambuserCart.NUnit;

/// <summary>Assertions on a <c>validate</c> verdict; a failure lists each failing check with what happened and how to fix it.</summary>
public sealed class ReportAssertions
{
    private readonly ValidationReport report;

    internal ReportAssertions(ValidationReport report) => this.report = report;

    /// <summary>No required check failed; with <paramref name="strict"/>, none was left unproven either.</summary>
    public void ToPass(bool strict = false)
    {
        var failing = report.RequiredFailures.Concat(strict ? report.NotProven : []).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        var lines = failing.Select(c => $"- {c.Name}: {c.Message}\n  fix: {c.Check.Fix}");
        throw new AssertionException($"Expected {report.Target} to pass validation{(strict ? " with every required check proven" : string.Empty)}, but:\n{string.Join("\n", lines)}");
    }
}

using System.Text;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// On GitHub Actions: <c>::error</c> annotations for failed required checks (at most 10, GitHub
/// shows no more per step) and a Markdown table appended to <c>$GITHUB_STEP_SUMMARY</c>.
/// </summary>
public static class GitHubActionsReport
{
    public const int MaxAnnotations = 10;

    public static IEnumerable<string> Annotations(ValidationReport report) =>
        report.Checks.Where(c => c.FailsRun).Take(MaxAnnotations)
            .Select(c => $"::error title=bambuser-cart {Escape(c.Id)}::{Escape(c.Message)}");

    public static string Summary(ValidationReport report)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine($"### bambuser-cart validate: {report.Target}");
        markdown.AppendLine();
        markdown.AppendLine($"{report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped");
        markdown.AppendLine();
        markdown.AppendLine("| Check | Status | Message |");
        markdown.AppendLine("|---|---|---|");
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                CheckStatus.Passed => "✅ passed",
                CheckStatus.Failed => check.Check.Required ? "❌ failed" : "⚠️ failed (advisory)",
                _ => "⏭️ skipped",
            };
            markdown.AppendLine($"| `{check.Id}` | {status} | {check.Message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return markdown.ToString();
    }

    // GitHub's workflow command escaping: %, CR and LF in the message.
    private static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}

using System.Text;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// On GitHub Actions: an <c>::error</c> annotation per failed required check and a <c>::warning</c>
/// per required check that was not proven (GitHub shows at most 10 of each per step), and a Markdown
/// table appended to <c>$GITHUB_STEP_SUMMARY</c>.
/// </summary>
public static class GitHubActionsReport
{
    public const int MaxAnnotations = 10;

    /// <param name="target">With several targets in one step: which one the annotations are about.</param>
    public static IEnumerable<string> Annotations(ValidationReport report, string? target = null)
    {
        var title = target is null ? "bambuser-cart" : $"bambuser-cart {EscapeProperty(target)}:";
        return report.RequiredFailures.Take(MaxAnnotations)
            .Select(c => $"::error title={title} {EscapeProperty(c.Name)}::{Escape(c.Message)}")
            .Concat(report.NotProven.Take(MaxAnnotations)
                .Select(c => $"::warning title={title} {EscapeProperty(c.Name)} (not proven)::{Escape(c.Message)}"));
    }

    public static string Summary(ValidationReport report)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine($"### bambuser-cart validate: {Cell(report.Target.ToString())}");
        markdown.AppendLine();
        markdown.AppendLine($"{ConsoleVerdict.Headline(report)}");
        markdown.AppendLine();
        markdown.AppendLine("| Check | Status | Message |");
        markdown.AppendLine("|---|---|---|");
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                CheckStatus.Passed => "✅ passed",
                CheckStatus.Failed => check.Required ? "❌ failed" : "⚠️ failed (advisory)",
                _ => check.Required ? "⚠️ not proven" : "⏭️ skipped",
            };
            markdown.AppendLine($"| `{check.Name}` | {status} | {Cell(check.Message)} |");
        }

        return markdown.ToString();
    }

    // A table cell is one line: page text must not end the row or open markup.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);

    // A property (the title) also ends at ':' and ',': a URL target would cut it short.
    private static string EscapeProperty(string text) =>
        Escape(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    // GitHub's workflow command escaping: %, CR and LF in the message.
    private static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}

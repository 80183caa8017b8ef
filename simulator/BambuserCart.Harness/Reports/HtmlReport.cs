using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// The <c>--html</c> folder: one static, offline <c>index.html</c> (inline CSS, no CDN, no script)
/// with the checks table and the event timeline, a screenshot beside it, and the Playwright
/// trace of a failed run (open it with <c>dotnet pwsh playwright.ps1 show-trace</c>).
/// </summary>
public static class HtmlReport
{
    public const string PageName = "index.html";

    public static string Write(ValidationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        string? screenshot = null;
        if (report.Screenshot is { } png)
        {
            screenshot = "screenshot.png";
            File.WriteAllBytes(Path.Combine(directory, screenshot), png);
        }

        string? trace = null;
        if (report.TracePath is { } tracePath && File.Exists(tracePath))
        {
            trace = "trace.zip";
            File.Copy(tracePath, Path.Combine(directory, trace), overwrite: true);
        }

        var path = Path.Combine(directory, PageName);
        File.WriteAllText(path, Render(report, screenshot, trace));
        return path;
    }

    public static string Render(ValidationReport report, string? screenshot, string? trace)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>bambuser-cart validate: {{E(report.Target.ToString())}}</title>
            <style>
              body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; color: #222; }
              table { border-collapse: collapse; width: 100%; margin-bottom: 24px; }
              th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
              .passed { color: #0a6b2d; } .failed { color: #b3261e; font-weight: 600; } .skipped { color: #777; }
              code { background: #f4f4f4; padding: 0 3px; } img { max-width: 100%; border: 1px solid #ccc; }
            </style></head><body>
            <h1>bambuser-cart validate</h1>
            <p>Target: <code>{{E(report.Target.ToString())}}</code> (page {{E(report.PageUrl)}}) ·
              {{report.Passed}} passed, {{report.Failed}} failed, {{report.Skipped}} skipped · exit code {{report.ExitCode}} ·
              {{report.Duration.TotalSeconds:0.0}} s</p>
            <h2>Checks</h2>
            <table><thead><tr><th>Check</th><th>Required</th><th>Status</th><th>Message</th><th>How to fix</th></tr></thead><tbody>
            """);
        foreach (var check in report.Checks)
        {
            var status = check.Status.ToString().ToLowerInvariant();
            html.Append($"<tr><td><code>{E(check.Id)}</code></td><td>{(check.Check.Required ? "required" : "advisory")}</td>")
                .Append($"<td class=\"{status}\">{status}</td><td>{E(check.Message)}</td>")
                .Append($"<td>{(check.Status == CheckStatus.Failed ? E(check.Check.Fix) : string.Empty)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n<h2>Event timeline</h2>\n<table><thead><tr><th>#</th><th>Action</th><th>Event</th><th>Payload</th><th>Outcome</th><th>Value</th><th>Callbacks</th><th>ms</th></tr></thead><tbody>\n");
        foreach (var entry in report.Trace.OfType<JsonObject>())
        {
            html.Append($"<tr><td>{E(entry["seq"]?.ToString())}</td><td>{E(entry["action"]?.ToString())}</td><td><code>{E(entry["event"]?.ToString())}</code></td>")
                .Append($"<td><code>{E(entry["payload"]?.ToJsonString())}</code></td><td>{E(entry["outcome"]?.ToString())}</td>")
                .Append($"<td><code>{E(entry["value"]?.ToJsonString())}</code></td><td>{E(entry["callbackCalls"]?.ToString())}</td><td>{E(entry["ms"]?.ToString())}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (report.Diagnostics.Count > 0)
        {
            html.Append("<h2>Diagnostics</h2>\n<ul>\n");
            foreach (var diagnostic in report.Diagnostics.OfType<JsonObject>())
            {
                html.Append($"<li><code>{E(diagnostic["code"]?.ToString())}</code> {E(diagnostic["detail"]?.ToString())}</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (trace is not null)
        {
            html.Append($"<h2>Failure trace</h2>\n<p><a href=\"{E(trace)}\">{E(trace)}</a>: open with <code>dotnet pwsh playwright.ps1 show-trace {E(trace)}</code></p>\n");
        }

        if (screenshot is not null)
        {
            html.Append($"<h2>Page at the end of the run</h2>\n<img src=\"{E(screenshot)}\" alt=\"The page under test at the end of the run\">\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}

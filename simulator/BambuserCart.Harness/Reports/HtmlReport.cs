using System.Net;
using System.Text;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// The <c>--html</c> folder: one static, offline <c>index.html</c> (inline CSS, no CDN, no script)
/// that opens with the verdict and the failures (check, message, fix, linked events), then every
/// check, then the event timeline with each event's evidence and the backend fault it ran under;
/// beside it a screenshot and the Playwright traces of the pages where a check failed (open them
/// with <c>dotnet pwsh playwright.ps1 show-trace</c>).
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

        var traces = new List<(string Session, string File)>();
        foreach (var trace in report.Traces.Where(t => File.Exists(t.Path)))
        {
            var file = $"trace-{Safe(trace.Session)}.zip";
            File.Copy(trace.Path, Path.Combine(directory, file), overwrite: true);
            traces.Add((trace.Session, file));
        }

        var path = Path.Combine(directory, PageName);
        File.WriteAllText(path, Render(report, screenshot, traces));
        return path;
    }

    public static string Render(ValidationReport report, string? screenshot, IReadOnlyList<(string Session, string File)> traces)
    {
        var cart = new CartApiPattern(report.CartApi);
        var page = Uri.TryCreate(report.PageUrl, UriKind.Absolute, out var uri) ? uri : null;
        var verdict = report.ExitCode == 0 ? (report.NotProven.Count == 0 ? "pass" : "unproven") : "fail";
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <title>bambuser-cart validate: {{E(report.Target.ToString())}}</title>
            <style>
              body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; color: #222; }
              table { border-collapse: collapse; width: 100%; margin-bottom: 24px; }
              th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
              .banner { padding: 12px 16px; border-radius: 8px; font-weight: 600; margin-bottom: 16px; }
              .banner.pass { background: #e6f4ea; color: #0a6b2d; } .banner.fail { background: #fce8e6; color: #b3261e; }
              .banner.unproven { background: #fef7e0; color: #7a4f01; }
              .passed { color: #0a6b2d; } .failed { color: #b3261e; font-weight: 600; } .skipped { color: #777; }
              .failure { border-left: 4px solid #b3261e; padding: 4px 12px; margin-bottom: 12px; }
              .failure.advisory, .failure.unproven { border-color: #e0a800; }
              .fault { background: #fce8e6; color: #b3261e; border-radius: 4px; padding: 0 4px; font-size: 12px; }
              code { background: #f4f4f4; padding: 0 3px; } img { max-width: 100%; border: 1px solid #ccc; }
              ul.evidence { margin: 0; padding-left: 18px; } :target { background: #fff8c5; }
            </style></head><body>
            <h1>bambuser-cart validate</h1>
            <div class="banner {{verdict}}" role="status">{{verdict.ToUpperInvariant()}} · {{E(ConsoleVerdict.Headline(report))}}</div>
            <p>Target: <code>{{E(report.Target.ToString())}}</code> (page {{E(report.PageUrl)}}) · cart API <code>{{E(report.CartApi)}}</code> ·
              {{report.Duration.TotalSeconds:0.0}} s</p>

            """);

        Failures(html, report);
        Checks(html, report);
        Events(html, report, cart, page);
        PageErrors(html, report);
        if (report.Diagnostics.Count > 0)
        {
            html.Append("<h2>Diagnostics</h2>\n<ul>\n");
            foreach (var diagnostic in report.Diagnostics)
            {
                html.Append($"<li><code>{E(diagnostic.Code.Wire())}</code> {E(diagnostic.Detail)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (traces.Count > 0)
        {
            html.Append("<h2>Failure traces</h2>\n<ul>\n");
            foreach (var (session, file) in traces)
            {
                html.Append($"<li>{E(session)}: <a href=\"{E(file)}\">{E(file)}</a> (open with <code>dotnet pwsh playwright.ps1 show-trace {E(file)}</code>)</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (screenshot is not null)
        {
            html.Append($"<h2>Page</h2>\n<img src=\"{E(screenshot)}\" alt=\"The page under test{(report.RequiredFailures.Count > 0 ? " where a check failed" : string.Empty)}\">\n");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Failures(StringBuilder html, ValidationReport report)
    {
        var failures = report.Checks.Where(c => c.Status == CheckStatus.Failed).OrderBy(c => c.Required ? 0 : 1).ToList();
        if (failures.Count > 0)
        {
            html.Append("<h2>Failures</h2>\n");
            foreach (var check in failures)
            {
                html.Append($"<div class=\"failure{(check.Required ? string.Empty : " advisory")}\"><p><code>{E(check.Name)}</code> {(check.Required ? "required" : "advisory")} · events {EventLinks(check)}</p>")
                    .Append($"<p>{E(check.Message)}</p><p><strong>Fix:</strong> {E(check.Check.Fix)}</p></div>\n");
            }
        }

        if (report.NotProven.Count > 0)
        {
            html.Append("<h2>Not proven</h2>\n");
            foreach (var check in report.NotProven)
            {
                html.Append($"<div class=\"failure unproven\"><p><code>{E(check.Name)}</code> required · events {EventLinks(check)}</p><p>{E(check.Message)}</p></div>\n");
            }
        }
    }

    private static void Checks(StringBuilder html, ValidationReport report)
    {
        html.Append("<h2>Checks</h2>\n<table><thead><tr><th>Check</th><th>Required</th><th>Status</th><th>Message</th><th>Events</th></tr></thead><tbody>\n");
        foreach (var check in report.Checks)
        {
            var status = check.NotProven ? "not proven" : check.Status.ToString().ToLowerInvariant();
            html.Append($"<tr id=\"check-{E(check.Name)}\"><td><code>{E(check.Name)}</code></td><td>{(check.Required ? "required" : "advisory")}</td>")
                .Append($"<td class=\"{check.Status.ToString().ToLowerInvariant()}\">{status}</td><td>{E(check.Message)}</td><td>{EventLinks(check)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Events(StringBuilder html, ValidationReport report, CartApiPattern cart, Uri? page)
    {
        html.Append("<h2>Events</h2>\n<table><thead><tr><th>#</th><th>Step</th><th>Event</th><th>Backend</th><th>Answer</th><th>ms</th><th>What the page did</th></tr></thead><tbody>\n");
        foreach (var observed in report.Events)
        {
            var fault = CartFaultNames.Name(observed.Fault) is { } name
                ? $"<span class=\"fault\">{E(name)} injected</span> ({observed.FaultedRequests} request{(observed.FaultedRequests == 1 ? string.Empty : "s")})"
                : "working";
            html.Append($"<tr id=\"event-{observed.Number}\"><td>{observed.Number}</td><td>{E(observed.Step)}</td><td><code>{E(observed.Describe())}</code></td>")
                .Append($"<td>{fault}</td><td>{E(observed.Outcome is null ? "—" : $"{observed.AnswerText} → {observed.Outcome}")}</td><td>{E(observed.Entry.Ms?.ToString(System.Globalization.CultureInfo.InvariantCulture))}</td>")
                .Append($"<td>{EvidenceList(observed, cart, page)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string EvidenceList(ObservedEvent observed, CartApiPattern cart, Uri? page)
    {
        var evidence = observed.Evidence;
        var items = new List<string>();
        items.AddRange(evidence.Marks.Select(m => $"{E(m.Kind)} {E(m.Detail)} at {evidence.Ms(m.At)} ms"));
        items.AddRange(evidence.Requests.Select(r => $"{(cart.Matches(r) ? "cart " : string.Empty)}{E(evidence.Describe(r, page))}{(r.Body is null ? string.Empty : $" <code>{E(r.Body)}</code>")}"));
        items.AddRange(evidence.Errors.Select(e => $"<span class=\"failed\">{E(e.Kind)}</span> {E(e.Describe())} at {evidence.Ms(e.At)} ms"));
        items.AddRange(evidence.ConsoleErrors.Select(c => $"console.error {E(c.Message)} at {evidence.Ms(c.At)} ms"));
        if (evidence.StillBusy is { } busy)
        {
            items.Add($"still busy when the harness moved on: {E(busy)}");
        }

        return items.Count == 0 ? string.Empty : "<ul class=\"evidence\">" + string.Concat(items.Select(i => $"<li>{i}</li>")) + "</ul>";
    }

    private static void PageErrors(StringBuilder html, ValidationReport report)
    {
        if (report.PageErrors.Count == 0)
        {
            return;
        }

        html.Append("<h2>Errors outside cart events</h2>\n<ul>\n");
        foreach (var error in report.PageErrors)
        {
            html.Append($"<li>{E(error.Page)}: {E(error.Kind)} {E(error.Describe())}</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string EventLinks(CheckResult check) =>
        check.Events.Count == 0 ? "—" : string.Join(", ", check.Events.Select(n => $"<a href=\"#event-{n}\">#{n}</a>"));

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}

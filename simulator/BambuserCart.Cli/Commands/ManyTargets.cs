using System.Diagnostics;
using System.Net;
using System.Text;
using BambuserCart.Cli.Output;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;
using Spectre.Console;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// <c>validate</c> with several targets: up to <c>--workers</c> of them at once in one browser
/// (each run has its own contexts and its own local origin, so runs share nothing but the browser
/// process). Each target gets the console block, reports and exit code it would get alone; a
/// target that cannot be run is reported and the others still run. Then a summary, and the
/// highest exit code of any target.
/// </summary>
internal static class ManyTargets
{
    public const int MaxWorkers = 16;

    public static async Task<int> RunAsync(
        IReadOnlyList<ValidationTarget> targets,
        ValidateRequest request,
        BrowserSession browser,
        IAnsiConsole console,
        TextWriter errors,
        CancellationToken cancellation)
    {
        var workers = Math.Min(request.Workers, targets.Count);
        console.MarkupLineInterpolated($"validate: {targets.Count} targets, {workers} at a time");
        var clock = Stopwatch.StartNew();
        var outcomes = new TargetOutcome[targets.Count];
        using var printing = new SemaphoreSlim(1);
        // Each worker takes the next target in the order given, so targets start in that order.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < targets.Count && !cancellation.IsCancellationRequested)
            {
                var target = targets[index];
                // One at a time, a run streams its lines as checks are decided; beside others, its
                // lines are held and printed as one block when it ends, so blocks never interleave.
                // --quiet keeps only the summary, which names every target.
                var held = workers == 1 && !request.Quiet ? null : new HeldConsole(console);
                var outcome = await RunOneAsync(target, index, request, browser, held ?? console, cancellation);
                outcomes[index] = outcome;
                await printing.WaitAsync(CancellationToken.None);
                try
                {
                    if (!request.Quiet && !cancellation.IsCancellationRequested)
                    {
                        held?.Release();
                    }

                    foreach (var line in outcome.Errors)
                    {
                        await errors.WriteLineAsync($"error: {target}: {line}");
                    }
                }
                finally
                {
                    printing.Release();
                }
            }
        }));
        cancellation.ThrowIfCancellationRequested();

        var reports = outcomes.Where(o => o.Report is not null).Select(o => o.Report!).ToList();
        if (request.Junit is { } junit)
        {
            ReportPaths.Write("--junit", junit.FullName, () => JunitReport.Write(reports, junit.FullName));
            console.MarkupLineInterpolated($"JUnit report: {junit.FullName} ({reports.Count} test suites)");
        }

        if (request.Html is { } html)
        {
            var index = Path.Combine(html.FullName, HtmlReport.PageName);
            ReportPaths.Write("--html", html.FullName, () => File.WriteAllText(index, SummaryPage(outcomes)));
            console.MarkupLineInterpolated($"HTML summary: {index}");
        }

        var exit = outcomes.Max(o => o.ExitCode);
        Summary(console, outcomes, workers, clock.Elapsed, exit);
        return exit;
    }

    private static async Task<TargetOutcome> RunOneAsync(
        ValidationTarget target,
        int index,
        ValidateRequest request,
        BrowserSession browser,
        IAnsiConsole console,
        CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var name = $"{index + 1}-{Slug(target)}";
        ValidationReport? report = null;
        using var errors = new StringWriter();
        var exit = await CommandErrors.GuardAsync(errors, async () =>
        {
            // Each target's own CTRF file and HTML folder; the JUnit file holds them all, one suite each.
            var own = request with { Json = OwnFile(request.Json, name), Junit = null, Html = OwnFolder(request.Html, name) };
            report = await ValidateCommand.ValidateOneAsync(target, own, browser, console, target.ToString(), cancellation);
            console.WriteLine();
            return report.ExitCode;
        }, cancellation);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line)
            .Select(line => line.StartsWith("TARGET: ", StringComparison.Ordinal) ? line["TARGET: ".Length..] : line)
            .Where(line => line != "cancelled")
            .ToList();
        return new TargetOutcome(target, name, exit, report, clock.Elapsed, lines);
    }

    private static void Summary(IAnsiConsole console, IReadOnlyList<TargetOutcome> outcomes, int workers, TimeSpan elapsed, int exit)
    {
        console.MarkupLineInterpolated($"[bold]Summary[/] of {outcomes.Count} targets ({workers} at a time, {elapsed.TotalSeconds:0.0} s)");
        foreach (var outcome in outcomes)
        {
            var (symbol, text) = outcome.Report is { } report
                ? (report.ExitCode == 0 ? "[green]✓[/]" : "[red]✗[/]", ConsoleVerdict.Headline(report))
                : ("[red]✗[/]", $"not run: {(outcome.Errors.Count > 0 ? outcome.Errors[0] : "stopped")} (exit {outcome.ExitCode})");
            console.MarkupLine($"  {symbol} {Markup.Escape(TerminalText.Clean(outcome.Target.ToString()))} — {Markup.Escape(TerminalText.Clean(text))} [grey]{outcome.Elapsed.TotalSeconds:0.0} s[/]");
        }

        var passed = outcomes.Count(o => o.ExitCode == 0);
        var failed = outcomes.Count(o => o.Report is not null && o.ExitCode != 0);
        var notRun = outcomes.Count(o => o.Report is null);
        var colour = exit == 0 ? "green" : "red";
        console.MarkupLine($"[{colour}]validate: {outcomes.Count} targets: {passed} passed, {failed} failed, {notRun} not run (exit {exit})[/]");
    }

    /// <summary>The --html folder's index when several targets ran: a row per target, linking its own report.</summary>
    private static string SummaryPage(IReadOnlyList<TargetOutcome> outcomes)
    {
        var rows = new StringBuilder();
        foreach (var outcome in outcomes)
        {
            var target = WebUtility.HtmlEncode(outcome.Target.ToString());
            var cell = outcome.Report is null
                ? target
                : $"<a href=\"{WebUtility.HtmlEncode(Uri.EscapeDataString(outcome.Name))}/{HtmlReport.PageName}\">{target}</a>";
            var verdict = outcome.Report is { } report ? ConsoleVerdict.Headline(report) : $"not run: {string.Join("; ", outcome.Errors)} (exit {outcome.ExitCode})";
            rows.Append($"<tr class=\"{(outcome.ExitCode == 0 ? "pass" : "fail")}\"><td>{cell}</td><td>{WebUtility.HtmlEncode(verdict)}</td><td>{outcome.Elapsed.TotalSeconds:0.0} s</td></tr>\n");
        }

        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>bambuser-cart validate: {outcomes.Count} targets</title>
            <style>body{"{"}font:14px system-ui,sans-serif;margin:2em{"}"} td{"{"}padding:.3em .8em;border-bottom:1px solid #ddd{"}"} .pass td:first-child{"{"}border-left:4px solid #2a2{"}"} .fail td:first-child{"{"}border-left:4px solid #c22{"}"}</style>
            </head><body><h1>validate: {outcomes.Count} targets</h1>
            <table><tr><th>Target</th><th>Verdict</th><th>Time</th></tr>
            {rows}</table></body></html>
            """;
    }

    private static FileInfo? OwnFile(FileInfo? shared, string name) => shared is null
        ? null
        : new FileInfo(Path.Combine(shared.DirectoryName!, $"{Path.GetFileNameWithoutExtension(shared.Name)}-{name}{shared.Extension}"));

    private static DirectoryInfo? OwnFolder(DirectoryInfo? shared, string name) => shared is null ? null : new DirectoryInfo(Path.Combine(shared.FullName, name));

    /// <summary>A file-name-safe short name: "sample-shop", "shop-example-com-de", "integration".</summary>
    internal static string Slug(ValidationTarget target)
    {
        var text = target.Kind switch
        {
            TargetKind.SampleShop => "sample-shop",
            TargetKind.Url => new Uri(target.Location) is var url ? url.Host + url.AbsolutePath : target.Location,
            _ => Path.GetFileNameWithoutExtension(target.Location),
        };
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var joined = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return joined.Length == 0 ? "target" : joined[..Math.Min(joined.Length, 40)].TrimEnd('-');
    }

    private sealed record TargetOutcome(ValidationTarget Target, string Name, int ExitCode, ValidationReport? Report, TimeSpan Elapsed, IReadOnlyList<string> Errors);
}

using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;
using Spectre.Console;

namespace BambuserCart.Cli.Output;

/// <summary>
/// validate's console: a line per check as it is decided, then the failures (check, message, fix,
/// the events behind it), the checks that were not proven, and the verdict line. Long text wraps
/// to the console width (120 columns when piped). <c>--quiet</c> prints only the verdict line,
/// which still names the failed and unproven checks. Spectre.Console drops colours by itself when
/// output is not a terminal.
/// </summary>
internal sealed class ValidationConsole : IProgress<CheckResult>
{
    private const int MaxEventsShown = 3;
    private const string Indent = "    ";

    private readonly IAnsiConsole console;
    private readonly bool quiet;

    public ValidationConsole(IAnsiConsole console, bool quiet)
    {
        this.console = console;
        this.quiet = quiet;
    }

    public void Starting(ValidationTarget target)
    {
        if (!quiet)
        {
            console.MarkupLineInterpolated($"Validating [bold]{TerminalText.Clean(target.ToString())}[/] …");
        }
    }

    public void Report(CheckResult value)
    {
        if (!quiet)
        {
            console.MarkupLine($"  {Symbol(value)} {Markup.Escape(value.Name)}{Note(value)}");
        }
    }

    public void Finish(ValidationReport report)
    {
        if (!quiet)
        {
            Failures(report);
            NotProven(report);
        }

        var colour = report.ExitCode == 0 ? (report.NotProven.Count == 0 ? "green" : "yellow") : "red";
        console.MarkupLine($"[{colour}]validate: {Markup.Escape(TerminalText.Clean(ConsoleVerdict.Headline(report)))}[/]");
    }

    private void Failures(ValidationReport report)
    {
        var failures = report.Checks.Where(c => c.Status == CheckStatus.Failed).OrderBy(c => c.Required ? 0 : 1).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Failures[/]");
        foreach (var check in failures)
        {
            console.MarkupLine($"{Symbol(check)} [bold]{Markup.Escape(check.Name)}[/]{(check.Required ? string.Empty : " (advisory)")}");
            Indented(check.Message);
            Indented($"Fix: {check.Check.Fix}");
            foreach (var number in check.Events.Take(MaxEventsShown))
            {
                var observed = report.Events.FirstOrDefault(e => e.Number == number);
                if (observed is not null)
                {
                    Indented($"Event {observed.Label} [{observed.Step}] → {observed.AnswerText}");
                }
            }

            if (check.Events.Count > MaxEventsShown)
            {
                Indented($"… and {check.Events.Count - MaxEventsShown} more events (see --html or --report-json)");
            }
        }
    }

    private void NotProven(ValidationReport report)
    {
        if (report.NotProven.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Not proven[/] (required checks this run could not decide; --strict fails on them)");
        foreach (var check in report.NotProven)
        {
            console.MarkupLine($"[yellow]?[/] [bold]{Markup.Escape(check.Name)}[/]");
            Indented(check.Message);
        }
    }

    // Wrapped by hand at word boundaries: a padded Spectre paragraph pads every line to the width.
    private void Indented(string text)
    {
        foreach (var line in TextWrap.Lines(TerminalText.Clean(text), Math.Max(40, console.Profile.Width - Indent.Length)))
        {
            console.WriteLine(Indent + line);
        }
    }

    private static string Note(CheckResult check) => check.Status switch
    {
        CheckStatus.Failed when !check.Required => " [yellow](advisory)[/]",
        CheckStatus.Skipped when check.Required => " [yellow](not proven)[/]",
        CheckStatus.Skipped => " [grey](skipped)[/]",
        _ => string.Empty,
    };

    private static string Symbol(CheckResult check) => check.Status switch
    {
        CheckStatus.Passed => "[green]✓[/]",
        CheckStatus.Failed when check.Required => "[red]✗[/]",
        CheckStatus.Failed => "[yellow]![/]",
        _ when check.Required => "[yellow]?[/]",
        _ => "[grey]-[/]",
    };
}

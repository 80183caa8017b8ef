using BambuserCart.Harness.Validation;
using Spectre.Console;

namespace BambuserCart.Cli.Output;

/// <summary>
/// validate's console: a line per check as it is decided, then a table and a summary line.
/// Spectre.Console drops colours by itself when output is not a terminal.
/// </summary>
internal sealed class ValidationConsole : IProgress<CheckResult>
{
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
            console.MarkupLineInterpolated($"Validating [bold]{target.ToString()}[/] …");
        }
    }

    public void Report(CheckResult value)
    {
        if (!quiet)
        {
            // Just the verdict as it comes; the messages follow in the table.
            console.MarkupLine($"  {Symbol(value)} {Markup.Escape(value.Id)}");
        }
    }

    public void Finish(ValidationReport report)
    {
        if (!quiet)
        {
            var table = new Table().AddColumns("Check", "Status", "Message");
            foreach (var check in report.Checks)
            {
                table.AddRow(new Text(check.Id), new Markup(Status(check)), new Text(check.Message));
            }

            console.Write(table);
        }

        var verdict = report.ExitCode switch
        {
            0 => "[green]all required checks passed[/]",
            1 => "[red]a required check failed[/]",
            _ => "[red]0 checks ran[/]",
        };
        console.MarkupLine($"validate: {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped — {verdict} (exit {report.ExitCode})");
    }

    private static string Symbol(CheckResult check) => check.Status switch
    {
        CheckStatus.Passed => "[green]✓[/]",
        CheckStatus.Failed when check.Check.Required => "[red]✗[/]",
        CheckStatus.Failed => "[yellow]![/]",
        _ => "[grey]-[/]",
    };

    private static string Status(CheckResult check) => check.Status switch
    {
        CheckStatus.Passed => "[green]passed[/]",
        CheckStatus.Failed when check.Check.Required => "[red]failed[/]",
        CheckStatus.Failed => "[yellow]failed (advisory)[/]",
        _ => "[grey]skipped[/]",
    };
}

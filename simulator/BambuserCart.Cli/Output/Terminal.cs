using Spectre.Console;

namespace BambuserCart.Cli.Output;

/// <summary>The console the commands write to.</summary>
internal static class Terminal
{
    /// <summary>Piped output (a CI log, a file) is laid out for this many columns.</summary>
    public const int MaxRedirectedWidth = 120;

    /// <summary>
    /// Spectre.Console assumes 80 columns when output is redirected; CI logs are wider than that but
    /// still read in a browser pane, so piped output gets <see cref="MaxRedirectedWidth"/> columns.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = MaxRedirectedWidth;
        }

        return console;
    }
}

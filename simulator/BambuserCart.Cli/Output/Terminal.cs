using Spectre.Console;

namespace BambuserCart.Cli.Output;

/// <summary>The console the commands write to.</summary>
internal static class Terminal
{
    /// <summary>
    /// Spectre.Console assumes 80 columns when output is redirected and wraps long lines; a CI log
    /// or a file is better served by whole lines (a failure message, a URL), so it gets more room.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}

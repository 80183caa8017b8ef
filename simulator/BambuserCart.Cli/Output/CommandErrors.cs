using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Cli.Output;

/// <summary>
/// The errors every command turns into one line on stderr and an exit code, never a stack trace:
/// bad input (2) and a missing environment (3).
/// </summary>
internal static class CommandErrors
{
    /// <param name="cancellation">
    /// Once it is cancelled (Ctrl+C, SIGTERM), whatever the stop throws is the stop: exit 130. A
    /// command that finishes on a stop (record saves) returns its own exit code.
    /// </param>
    public static async Task<int> GuardAsync(TextWriter errors, Func<Task<int>> command, CancellationToken cancellation)
    {
        // The harness's messages name inputs as this command line's options, whoever runs the
        // command (the tool, or a test that runs it in-process); the choice ends when it returns.
        InputNames.Use(CommandLineNames.Options);
        try
        {
            return await command();
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // In a terminal Ctrl+C reaches the browser's driver too, so the run may end in "target
            // closed" rather than a cancellation: either way it is an ordinary stop, not an error.
            return await CancelledAsync(errors);
        }
        catch (Exception ex) when (ex is ValidationInputException or ScenarioException or CatalogException)
        {
            // A file with several problems reports them all, each on its own "error:" line.
            foreach (var line in TerminalText.Clean(ex.Message).Split('\n'))
            {
                await errors.WriteLineAsync($"error: {line}");
            }

            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is BrowserNotFoundException or PortInUseException)
        {
            await errors.WriteLineAsync($"error: {TerminalText.Clean(ex.Message)}");
            return ExitCodes.EnvironmentError;
        }
        catch (Exception ex) when (ex is TimeoutException or Microsoft.Playwright.PlaywrightException)
        {
            // The browser stopped answering: an environment problem, said in one line.
            await errors.WriteLineAsync($"error: the browser stopped responding: {TerminalText.Clean(ex.Message.Split('\n')[0].Trim())}");
            return ExitCodes.EnvironmentError;
        }
        catch (OperationCanceledException)
        {
            return await CancelledAsync(errors);
        }
    }

    // Ctrl+C: say so, rather than leave a stack trace for an ordinary stop.
    private static async Task<int> CancelledAsync(TextWriter errors)
    {
        await errors.WriteLineAsync("cancelled");
        return ExitCodes.Cancelled;
    }
}

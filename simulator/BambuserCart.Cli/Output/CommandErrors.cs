using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
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
    public static async Task<int> GuardAsync(TextWriter errors, Func<Task<int>> command)
    {
        try
        {
            return await command();
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
            // Ctrl+C: say so, rather than leave a stack trace for an ordinary stop.
            await errors.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}

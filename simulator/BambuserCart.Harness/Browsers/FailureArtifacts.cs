using Microsoft.Playwright;

namespace BambuserCart.Harness.Browsers;

/// <summary>
/// What a failed browser test or scenario leaves behind, in one folder: the Playwright trace
/// (<c>trace.zip</c>, open with <c>dotnet pwsh playwright.ps1 show-trace</c>), a screenshot and the
/// widget's event trace as JSON. A passing run leaves nothing: its trace is discarded.
/// </summary>
internal static class FailureArtifacts
{
    public const string TraceFile = "trace.zip";
    public const string ScreenshotFile = "screenshot.png";
    public const string EventTraceFile = "event-trace.json";

    /// <summary>Starts recording what a failure would need; call before the page is opened.</summary>
    public static Task StartAsync(IBrowserContext context) =>
        context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });

    /// <summary>Stops recording without keeping anything (the run passed).</summary>
    public static Task DiscardAsync(IBrowserContext context) => context.Tracing.StopAsync();

    /// <summary>Keeps the trace, a screenshot and the event trace in <paramref name="directory"/>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> KeepAsync(IBrowserContext context, IPage? page, string directory, string? eventTraceJson)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var trace = Path.Combine(directory, TraceFile);
        await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
        files.Add(trace);

        if (page is { IsClosed: false })
        {
            try
            {
                var screenshot = Path.Combine(directory, ScreenshotFile);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, Timeout = 5_000 });
                files.Add(screenshot);
            }
            catch (PlaywrightException)
            {
                // A page that is navigating or crashed has no picture to give; the trace still has its last frames.
            }
        }

        if (eventTraceJson is not null)
        {
            var events = Path.Combine(directory, EventTraceFile);
            await File.WriteAllTextAsync(events, eventTraceJson);
            files.Add(events);
        }

        return files;
    }

    /// <summary>A folder name from a test or scenario name: letters, digits, dot, dash and underscore.</summary>
    public static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return safe.Length > 120 ? safe[..120] : safe;
    }
}

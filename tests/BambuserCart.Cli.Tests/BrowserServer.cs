using System.Diagnostics;
using System.Text.Json;
using BambuserCart.Harness.Browsers;

namespace BambuserCart.Cli.Tests;

/// <summary>
/// A Playwright browser server, started with Playwright's own CLI from the package this build
/// restored (no download), serving this machine's Chromium on a loopback port: what a CI fleet
/// shares. Its Chromium can be given switches of its own, so a test can tell it apart.
/// </summary>
internal sealed class BrowserServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string config;

    private BrowserServer(Process process, string config, string wsEndpoint)
    {
        this.process = process;
        this.config = config;
        WsEndpoint = wsEndpoint;
    }

    /// <summary>What <c>--connect</c> takes: the endpoint the server printed.</summary>
    public string WsEndpoint { get; }

    public static async Task<BrowserServer> StartAsync(IEnumerable<string> extraArgs)
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var config = Path.Combine(Path.GetTempPath(), $"bambuser-cart-browser-server-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            executablePath = new BrowserLocator().Locate().ExecutablePath,
            headless = true,
            args = BrowserSession.RecommendedArgs.Concat(extraArgs).ToArray(),
            host = "127.0.0.1",
            port = 0,
        }));
        var start = new ProcessStartInfo(Path.Combine(driver, "node", "linux-x64", "node"))
        {
            ArgumentList = { Path.Combine(driver, "package", "cli.js"), "launch-server", "--browser", "chromium", "--config", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the browser server did not start");
        try
        {
            // It prints its endpoint once it listens; the wait is bounded, as a server that does not start never will.
            var endpoint = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (endpoint is null || !endpoint.StartsWith("ws://127.0.0.1:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the browser server printed '{endpoint}' instead of its endpoint: {await process.StandardError.ReadToEndAsync()}");
            }

            return new BrowserServer(process, config, endpoint);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            File.Delete(config);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        File.Delete(config);
    }
}

using BambuserCart.Harness.Inputs;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Browsers;

/// <summary>
/// One Playwright driver and one headless Chromium for a whole run; each test or validation gets a
/// fresh, isolated context from <see cref="NewContextAsync"/>. Starting the browser is the slow
/// part (about a second), so it is shared.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Chromium otherwise reaches out to Google on start; this machine's network refuses that. And
    // WebRTC sends no UDP it does not proxy: a page's STUN or TURN traffic cannot leave (see
    // containment.js for how an attempt is reported).
    private static readonly string[] QuietArgs =
    [
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-default-apps", "--disable-quic",
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ];

    /// <summary>
    /// Every context's proxy: nothing listens there, so a connection no route sees (a preconnect, a
    /// redirect hop) goes nowhere. This machine and the allowed hosts bypass it.
    /// </summary>
    public const string DeadEndProxy = "http://127.0.0.1:9";

    private readonly IPlaywright playwright;
    private readonly PrivateTempFolder temp;

    private BrowserSession(IPlaywright playwright, IBrowser browser, BrowserChoice choice, PrivateTempFolder temp)
    {
        this.playwright = playwright;
        this.temp = temp;
        Browser = browser;
        Choice = choice;
    }

    public IBrowser Browser { get; }

    public BrowserChoice Choice { get; }

    /// <summary>A Playwright browser server to use instead of launching a browser (what <c>--connect</c> gives).</summary>
    public const string ConnectVariable = "BAMBUSER_CART_CONNECT";

    /// <summary>
    /// The Chromium switches a local launch uses; launch a browser server for bambuser-cart with
    /// them too (its own launch options decide them, not the client).
    /// </summary>
    public static IReadOnlyList<string> RecommendedArgs => QuietArgs;

    /// <summary>
    /// The browser for a run: the browser server at <paramref name="connect"/> (or at
    /// <see cref="ConnectVariable"/>) when one is given, otherwise a local Chromium, launched.
    /// </summary>
    /// <exception cref="BrowserNotFoundException">No browser, it would not start, or the server cannot be reached.</exception>
    public static Task<BrowserSession> OpenAsync(string? explicitPath = null, string? connect = null, bool headless = true)
    {
        var endpoint = connect ?? (Environment.GetEnvironmentVariable(ConnectVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        return endpoint is null ? LaunchAsync(explicitPath, headless) : ConnectAsync(endpoint, connect is null ? $"${ConnectVariable}" : RunInput.Connect.Named());
    }

    /// <summary>
    /// Connects to a browser server (the one <c>playwright launch-server</c> starts) instead of
    /// launching a browser. Contexts, the offline guard and the fake work as on a local browser; this
    /// machine's loopback is exposed to the browser, so a remote one reaches the local hosts it tests.
    /// </summary>
    /// <param name="origin">Where the endpoint came from, for messages; null names the connect input (<c>--connect</c> on the command line).</param>
    /// <exception cref="BrowserNotFoundException">Not a ws:// endpoint, or nothing answers there.</exception>
    public static async Task<BrowserSession> ConnectAsync(string wsEndpoint, string? origin = null)
    {
        origin ??= RunInput.Connect.Named();
        if (EndpointProblem(wsEndpoint) is { } problem)
        {
            throw new BrowserNotFoundException($"{origin}: {problem}");
        }

        var (playwright, temp) = await StartDriverAsync();

        try
        {
            var browser = await playwright.Chromium.ConnectAsync(wsEndpoint, new BrowserTypeConnectOptions { Timeout = 30_000, ExposeNetwork = "<loopback>" });
            return new BrowserSession(playwright, browser, new BrowserChoice(null, $"the browser server at {wsEndpoint}"), temp);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            playwright.Dispose();
            await temp.DeleteAsync();
            throw new BrowserNotFoundException($"{origin}: could not connect to the browser server at {wsEndpoint}: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    /// <summary>Why <paramref name="wsEndpoint"/> cannot be a browser server's endpoint; null when it can.</summary>
    public static string? EndpointProblem(string wsEndpoint) =>
        Uri.TryCreate(wsEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss"
            ? null
            : $"'{wsEndpoint}' is not a ws:// or wss:// endpoint (the one a Playwright browser server prints)";

    /// <exception cref="BrowserNotFoundException">No browser, or it would not start.</exception>
    /// <param name="extraArgs">More Chromium switches (the containment test maps an outside name to a loopback listener).</param>
    public static async Task<BrowserSession> LaunchAsync(string? explicitPath = null, bool headless = true, IEnumerable<string>? extraArgs = null)
    {
        var choice = new BrowserLocator().Locate(explicitPath);
        var (playwright, temp) = await StartDriverAsync();

        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = choice.ExecutablePath,
                Headless = headless,
                // The default launch timeout is 180 s; a browser that has not started in 30 s will not.
                Timeout = 30_000,
                Args = [.. QuietArgs, .. extraArgs ?? []],
            });
            return new BrowserSession(playwright, browser, choice, temp);
        }
        catch (PlaywrightException ex)
        {
            playwright.Dispose();
            await temp.DeleteAsync();
            var firstLine = ex.Message.Split('\n')[0];
            throw new BrowserNotFoundException($"Could not start {choice.Description}: {firstLine}. {BrowserLocator.HowToGetOne}", ex);
        }
    }

    // The Playwright driver, with a temp folder of its own that the browser inherits and that goes
    // when the session does.
    private static async Task<(IPlaywright Playwright, PrivateTempFolder Temp)> StartDriverAsync()
    {
        var temp = PrivateTempFolder.Create();
        try
        {
            return (await temp.InheritedByAsync(Playwright.CreateAsync), temp);
        }
        catch
        {
            await temp.DeleteAsync();
            throw;
        }
    }

    /// <summary>A fresh context that serves the fake embed and keeps every request on this machine.</summary>
    /// <param name="embedScript">The fake embed to answer the real embed addresses with.</param>
    /// <param name="allowedHosts">Hosts besides this machine that may be reached (a merchant URL being validated).</param>
    public async Task<OfflineContext> NewContextAsync(string embedScript, IEnumerable<string>? allowedHosts = null)
    {
        var allowed = (allowedHosts ?? []).ToList();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            // A service worker's requests bypass the routes: none may register.
            ServiceWorkers = ServiceWorkerPolicy.Block,
            Proxy = new Proxy { Server = DeadEndProxy, Bypass = string.Join(",", ["localhost", "127.0.0.1", "[::1]", .. allowed]) },
        });
        return await OfflineContext.CreateAsync(context, embedScript, allowed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Bounded for the same Chromium close race as OfflineContext; the driver's exit ends it anyway.
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Disposing Playwright below stops the driver, which takes the browser with it.
        }
        catch (PlaywrightException)
        {
            // The driver or the browser is already gone (Ctrl+C in a terminal reaches them too).
        }

        playwright.Dispose();
        await temp.DeleteAsync();
    }
}

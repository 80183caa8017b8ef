using System.Net;
using System.Text.RegularExpressions;
using BambuserCart.Simulator.Widget;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Browsers;

/// <summary>
/// A browser context with the evidence recorder in every page, where the real Calls Widget
/// addresses serve the fake embed and every request to a host other than this machine (or one
/// explicitly allowed) is aborted and remembered, so a run can never depend on (or leak to)
/// bambuser.com or anything else outside.
/// </summary>
public sealed class OfflineContext : IAsyncDisposable
{
    /// <summary>The real script's addresses (global and EU region) that get the fake.</summary>
    public static readonly IReadOnlyList<string> EmbedUrls =
    [
        "https://one-to-one.bambuser.com/embed.js",
        "https://one-to-one.bambuser.com/eu/embed.js",
    ];

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    // Every URL but an http(s) one of this machine (as IsLocalHost), which the browser matches on its
    // own: a page's requests to the shop it came from, most of a run's, are not held for a round
    // trip to this process only to be let through. The host must end where a port, path, query or
    // fragment begins, so "127.0.0.1.evil.example" and "localhost@evil.example" are still routed.
    internal static readonly Regex BeyondThisMachine = new(
        @"^(?!https?://(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$))",
        RegexOptions.IgnoreCase);

    // What a browser sends over a network; the host decides.
    private static readonly HashSet<string> WebSchemes = new(["http", "https", "ws", "wss", "ftp"], StringComparer.OrdinalIgnoreCase);

    // The page's own content, never sent anywhere: blocking it would change what the page does (a
    // generated receipt opened as a blob: URL is a download, or a page of its own, as in a browser).
    private static readonly HashSet<string> LocalSchemes = new(["blob", "data", "about", "file"], StringComparer.OrdinalIgnoreCase);

    private readonly List<string> blocked = [];
    private readonly Lock gate = new();
    private readonly HashSet<string> allowedHosts;

    private OfflineContext(IBrowserContext context, string embedScript, IEnumerable<string> allowedHosts)
    {
        Context = context;
        EmbedScript = embedScript;
        this.allowedHosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
    }

    public IBrowserContext Context { get; }

    public string EmbedScript { get; }

    /// <summary>Attempts to leave this machine, in order: "GET https://…", "WEBSOCKET ws://…", "WEBRTC stun:…".</summary>
    public IReadOnlyList<string> BlockedRequests
    {
        get
        {
            lock (gate)
            {
                return [.. blocked];
            }
        }
    }

    /// <summary>
    /// Installs every layer of containment on a fresh context: request routes (and the failures of
    /// redirect hops they do not see), WebSocket routes, the WebRTC guard, and the evidence
    /// recorder. The context's dead-end proxy and the browser's WebRTC policy (BrowserSession)
    /// catch whatever no route can see.
    /// </summary>
    internal static async Task<OfflineContext> CreateAsync(IBrowserContext context, string embedScript, IEnumerable<string> allowedHosts)
    {
        var offline = new OfflineContext(context, embedScript, allowedHosts);
        await context.ExposeFunctionAsync(ContainmentScript.Binding, (string attempt) => offline.Block(attempt));
        // Before any page script: WebRTC is contained, and the page's requests and errors are evidence.
        await context.AddInitScriptAsync(ContainmentScript.Source);
        await context.AddInitScriptAsync(EvidenceScript.Source);
        await context.RouteAsync(BeyondThisMachine, offline.RouteAsync);
        await context.RouteWebSocketAsync(new Regex(".*"), offline.RouteWebSocket);
        context.RequestFailed += offline.OnRequestFailed;
        return offline;
    }

    /// <summary>
    /// This machine: "localhost" or a loopback address (127.0.0.0/8, ::1). Not a name that merely
    /// starts with "127." (127.evil.example is someone else's host).
    /// </summary>
    public static bool IsLocalHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>This machine always; an allowed host too, unless it is Bambuser's.</summary>
    public static bool MayReach(string host, IReadOnlySet<string> allowedHosts) =>
        IsLocalHost(host) || (allowedHosts.Contains(host) && !IsBambuser(host));

    // The real widget is never reached, even when a user allows hosts: the run must stay a simulation.
    private static bool IsBambuser(string host) =>
        host.Equals("bambuser.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".bambuser.com", StringComparison.OrdinalIgnoreCase);

    private async Task RouteAsync(IRoute route)
    {
        try
        {
            await HandleAsync(route);
        }
        catch (PlaywrightException)
        {
            // The page navigated or closed while this request was in flight; nobody waits for it now.
            // Letting the exception escape a route handler would take the whole test host down.
        }
    }

    private async Task HandleAsync(IRoute route)
    {
        var url = route.Request.Url;
        if (EmbedUrls.Any(embed => url.StartsWith(embed, StringComparison.Ordinal)))
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/javascript; charset=utf-8", Body = EmbedScript });
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || LocalSchemes.Contains(uri.Scheme) || (WebSchemes.Contains(uri.Scheme) && MayReach(uri.Host, allowedHosts)))
        {
            await route.FallbackAsync();
            return;
        }

        if (WebSchemes.Contains(uri.Scheme))
        {
            Block($"{route.Request.Method} {url}");
        }

        // An app link (mailto:, tel:, shopapp://…) is no request to anywhere: a browser hands it to
        // the system and the page stays. Dropped here, so a run never starts one of this machine's
        // apps, and not listed as an attempt to leave the machine, which it is not.
        await route.AbortAsync("blockedbyclient");
    }

    // A WebSocket to this machine (or an allowed host) goes through; any other is refused at once.
    private void RouteWebSocket(IWebSocketRoute socket)
    {
        if (Uri.TryCreate(socket.Url, UriKind.Absolute, out var uri) && MayReach(uri.Host, allowedHosts))
        {
            socket.ConnectToServer();
            return;
        }

        Block($"WEBSOCKET {socket.Url}");
        // Playwright's WebSocket handlers are synchronous: the close goes on by itself.
        _ = RefuseAsync(socket);
    }

    private static async Task RefuseAsync(IWebSocketRoute socket)
    {
        try
        {
            await socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1008, Reason = "bambuser-cart: outside this machine" });
        }
        catch (PlaywrightException)
        {
            // The page went away with the socket opening: nothing to close.
        }
    }

    // A redirect hop to an outside host is not routed; it fails at the dead-end proxy, and is reported here.
    private void OnRequestFailed(object? sender, IRequest request)
    {
        if (Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) && WebSchemes.Contains(uri.Scheme) && !MayReach(uri.Host, allowedHosts))
        {
            Block($"{request.Method} {request.Url}");
        }
    }

    private void Block(string attempt)
    {
        lock (gate)
        {
            if (!blocked.Contains(attempt))
            {
                blocked.Add(attempt);
            }
        }
    }

    /// <summary>
    /// Closes the context, bounded: Chromium can acknowledge a close that races a navigation commit
    /// and never finish it (Playwright issues 41900 and 42366). A context left open is freed with
    /// the browser at the end of the run; a run that hangs is not.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync().WaitAsync(CloseTimeout);
        }
        catch (TimeoutException)
        {
            // See above: give up on this context rather than on the run.
        }
        catch (PlaywrightException)
        {
            // The browser is already gone (Ctrl+C reached it too): there is nothing left to close.
        }
    }
}

using System.Collections.Concurrent;
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

    private readonly ConcurrentQueue<string> blocked = new();
    private readonly HashSet<string> allowedHosts;

    private OfflineContext(IBrowserContext context, string embedScript, IEnumerable<string> allowedHosts)
    {
        Context = context;
        EmbedScript = embedScript;
        this.allowedHosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
    }

    public IBrowserContext Context { get; }

    public string EmbedScript { get; }

    /// <summary>Requests that tried to leave this machine, in order ("GET https://…").</summary>
    public IReadOnlyList<string> BlockedRequests => [.. blocked];

    internal static async Task<OfflineContext> CreateAsync(IBrowserContext context, string embedScript, IEnumerable<string> allowedHosts)
    {
        var offline = new OfflineContext(context, embedScript, allowedHosts);
        // Before any page script: the page's requests and errors are evidence for the verdict.
        await context.AddInitScriptAsync(EvidenceScript.Source);
        await context.RouteAsync("**/*", offline.RouteAsync);
        return offline;
    }

    public static bool IsLocalHost(string host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1" || host.StartsWith("127.", StringComparison.Ordinal);

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

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || MayReach(uri.Host, allowedHosts))
        {
            await route.FallbackAsync();
            return;
        }

        blocked.Enqueue($"{route.Request.Method} {url}");
        await route.AbortAsync("blockedbyclient");
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
    }
}

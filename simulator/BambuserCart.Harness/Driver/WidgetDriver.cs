using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Simulator.Widget;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Driver;

/// <summary>
/// A typed driver over <c>window.bambuserSimulator</c> in one page: the remote agent's cart
/// actions, the shopper's checkout, and the widget's state and event trace.
/// </summary>
public sealed class WidgetDriver
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public WidgetDriver(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>
    /// Waits until the page has created its embed instance, or until none can come: the page has
    /// loaded with the ready handler missing, or the ready handler threw (the real widget would
    /// never start either).
    /// </summary>
    /// <exception cref="SimulatorException">The page never did (with what the fake noticed).</exception>
    public async Task ReadyAsync(float timeoutMs = 10_000)
    {
        try
        {
            await Page.WaitForFunctionAsync(
                $$"""
                () => {
                  const simulator = window.bambuserSimulator;
                  if (!simulator) return false;
                  const state = simulator.state();
                  return state.instances > 0
                    || state.diagnostics.some(d => d.code === '{{DiagnosticCode.ReadyHandlerThrew.Wire()}}')
                    || (document.readyState === 'complete' && state.diagnostics.some(d => d.code === '{{DiagnosticCode.ReadyHandlerMissing.Wire()}}'));
                }
                """,
                null,
                new PageWaitForFunctionOptions { Timeout = timeoutMs });
            if ((await StateAsync()).Instances > 0)
            {
                startedIn = await PageLocation.DocumentAsync(Page, CallBound);
                return;
            }

            throw new SimulatorException($"The widget did not start at {Page.Url}: embed.js loaded but no BambuserOneToOneEmbed was created; diagnostics: {Describe((await StateAsync()).Diagnostics)}");
        }
        catch (TimeoutException ex)
        {
            var loaded = await Page.EvaluateAsync<bool>("() => !!window.bambuserSimulator");
            var why = loaded
                ? $"embed.js loaded but no BambuserOneToOneEmbed was created; diagnostics: {Describe((await StateAsync()).Diagnostics)}"
                : "embed.js never loaded (does the page load https://one-to-one.bambuser.com/embed.js?)";
            throw new SimulatorException($"The widget was not ready within {timeoutMs} ms at {Page.Url}: {why}", ex);
        }
    }

    /// <summary>
    /// Waits until the agent can act: the widget has started (<see cref="ReadyAsync"/>) and the page
    /// has a cart handler, or <see cref="CartHandlersBound"/> went by without one (the agent's actions
    /// then meet no handler, as in a call). Use it before the first agent action in a test, so the
    /// test does not depend on how soon the page registers its handlers.
    /// </summary>
    /// <exception cref="SimulatorException">The widget never started.</exception>
    public async Task ReadyForAgentAsync()
    {
        await ReadyAsync();
        await CartHandlersRegisteredAsync(CartHandlersBound);
    }

    /// <summary>
    /// How long a started widget's page is given to register its cart handlers: a page may register
    /// them once it has loaded its settings or when its framework mounts a component, and is as
    /// correct as one that registers them at once, since an agent's first action comes seconds into a call.
    /// </summary>
    public static readonly TimeSpan CartHandlersBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until the page has registered a handler for a cart event (should-add-item-to-cart or
    /// should-update-item-in-cart), up to <paramref name="bound"/> after the widget started. The
    /// agent's first action is played only then, so a verdict never depends on how soon after its
    /// start a page got its handlers in. Either one will do: pages register their handlers together,
    /// and a page made to have only one (a test's, a scenario's) need not wait out the bound.
    /// </summary>
    /// <returns>False when none was registered within the bound (or the page went away meanwhile).</returns>
    public async Task<bool> CartHandlersRegisteredAsync(TimeSpan bound) =>
        await WaitForHandlersAsync(CartEvents, all: false, bound) == HandlerWait.Registered;

    /// <summary>The two cart events, either of whose handlers means the page has wired its cart.</summary>
    internal static IReadOnlyList<string> CartEvents { get; } = [WidgetContract.Events.AddItem, WidgetContract.Events.UpdateItem];

    /// <summary>
    /// How soon after its last request was sent or answered a page still without its handlers is
    /// taken to have had its chance: a page that registers them once its settings have come does so
    /// in that answer's reaction, a moment after it.
    /// </summary>
    private const int HandlersSettleMs = 500;

    /// <summary>"within 5 s of the widget starting …", for messages about a handler still missing.</summary>
    internal static string HandlerWaitText(TimeSpan bound) =>
        $"within {bound.TotalSeconds:0.#} s of the widget starting (and of the page's own requests being answered)";

    /// <summary>
    /// Waits until the page has registered handlers for <paramref name="events"/> (every one, or
    /// any one), until <paramref name="bound"/> has gone by since the widget started: a page opened
    /// a while ago has had part of its time already. The bound is the page's own clock, so it is
    /// the same on a slow machine and a fast one. Past it, a page still waiting on its own requests
    /// (its settings, from a backend slower than the bound) is given until they are answered, and a
    /// moment more, up to the real widget's 30 s: how fast a backend answers must not decide whether
    /// a page had its handlers.
    /// </summary>
    /// <param name="cap">Waits no longer than this from now (what is left of a run's --max-time); null for no cap.</param>
    internal async Task<HandlerWait> WaitForHandlersAsync(IReadOnlyCollection<string> events, bool all, TimeSpan bound, TimeSpan? cap = null)
    {
        var lateBound = TimeSpan.FromMilliseconds(Math.Max(bound.TotalMilliseconds, WidgetContract.DefaultCallbackTimeoutMs));
        var capped = cap < lateBound;
        var timeout = capped ? cap!.Value : lateBound;
        try
        {
            var ended = await Page.WaitForFunctionAsync(
                $$"""
                ([events, all, boundMs, lateBoundMs, settleMs]) => {
                  const simulator = window.bambuserSimulator;
                  if (!simulator) return false;
                  const handlers = simulator.state().handlers;
                  if (all ? events.every((e) => handlers.includes(e)) : events.some((e) => handlers.includes(e))) return 'registered';
                  const since = simulator.sinceStart();
                  if (since === null || since < boundMs) return false;
                  const recorder = {{EvidenceScript.Global}};
                  const activity = recorder ? recorder.requestActivity() : null;
                  const waiting = activity !== null && (activity.inFlight > 0 || (activity.idleFor !== null && activity.idleFor < settleMs));
                  return waiting && since < lateBoundMs ? false : 'bound-over';
                }
                """,
                new object[] { events, all, bound.TotalMilliseconds, lateBound.TotalMilliseconds, HandlersSettleMs },
                // At least 1 ms: 0 would mean no timeout at all.
                new PageWaitForFunctionOptions { Timeout = (float)Math.Max(1, timeout.TotalMilliseconds) });
            return await ended.JsonValueAsync<string>() == "registered" ? HandlerWait.Registered : HandlerWait.BoundOver;
        }
        catch (TimeoutException)
        {
            return capped ? HandlerWait.CutShort : HandlerWait.BoundOver;
        }
        catch (PlaywrightException)
        {
            // The page navigated or closed: the first event says which, as it would without this wait.
            return HandlerWait.BoundOver;
        }
    }

    /// <summary>
    /// Where the page went, when it has left the document the widget started in (a reload, which
    /// keeps the URL, or another URL in this tab) or is on its way out (a navigation has begun that
    /// the browser has not given up): the widget, and the real call with it, went with that
    /// document. Null while the widget's document is still there, and when the widget never started
    /// or the page is closed.
    /// </summary>
    /// <remarks>Asked of the page (<see cref="PageLocation"/>), never against a clock.</remarks>
    public Task<PageNavigatedException?> LeftDocumentAsync() => LeftDocumentAsync(read: null);

    /// <summary>
    /// As <see cref="LeftDocumentAsync()"/>, from the document an evidence read already named (no
    /// round trip more when it names no navigation); asked of the page when the read named none
    /// (no recorder, or it failed).
    /// </summary>
    internal async Task<PageNavigatedException?> LeftDocumentAsync(PageDocument? read)
    {
        if (startedIn is not { } started || Page.IsClosed)
        {
            return null;
        }

        if ((read ?? await PageLocation.DocumentAsync(Page, CallBound)) is not { } now)
        {
            return null;
        }

        if (now.Origin == started.Origin && now.LeavingFor is { } destination)
        {
            // Begun is not done: the browser may give the navigation up and keep the page (a 204, a
            // download, an app link). Asked again, it answers once the navigation is over either way;
            // with no answer within the bound, it is still under way.
            if (await PageLocation.AfterNavigationBeganAsync(Page, destination, CallBound) is not { } after)
            {
                return Navigated(destination);
            }

            now = after;
        }

        if (now.Origin != started.Origin)
        {
            return Navigated(now.Href);
        }

        return now.LeavingFor is { } stillLeavingFor ? Navigated(stillLeavingFor) : null;

        PageNavigatedException Navigated(string href) => new(href, reload: href == started.Href);
    }

    public Task<CartOutcome> AddToCartAsync(string sku) =>
        AgentCallAsync<CartOutcome>("sku => window.bambuserSimulator.agent.addToCart(sku)", sku);

    public Task<CartOutcome> SetQuantityAsync(string sku, int quantity) =>
        AgentCallAsync<CartOutcome>("([sku, q]) => window.bambuserSimulator.agent.setQuantity(sku, q)", new object[] { sku, quantity });

    public Task<CartOutcome> RemoveFromCartAsync(string sku) =>
        AgentCallAsync<CartOutcome>("sku => window.bambuserSimulator.agent.removeFromCart(sku)", sku);

    /// <summary>The agent looks a product up by SKU or by product URL (provide-product-data).</summary>
    public Task<LookupOutcome> LookupProductAsync(string reference) =>
        AgentCallAsync<LookupOutcome>("ref => window.bambuserSimulator.agent.lookupProduct(ref)", reference);

    public Task<WidgetState> StateAsync() => CallAsync<WidgetState>("() => window.bambuserSimulator.state()");

    public Task<IReadOnlyList<TraceEntry>> TraceAsync() =>
        CallAsync<IReadOnlyList<TraceEntry>>("() => window.bambuserSimulator.trace()");

    /// <summary>Sets the widget's callback timeout (and how long a checkout waits to see a navigation).</summary>
    /// <param name="requestWaitLimitMs">
    /// 0 (the default): the real widget's timeout, which runs whatever the handler waits for. More:
    /// time an event's own requests spend waiting for their answers does not count, and the handler
    /// has the callback timeout after its last request answered, never more than this in all. Needs
    /// the evidence recorder (<see cref="Browsers.OfflineContext"/> installs it); without it, 0.
    /// </param>
    public async Task ConfigureAsync(int? callbackTimeoutMs = null, int? checkoutSettleMs = null, int? requestWaitLimitMs = null)
    {
        var settings = new Dictionary<string, int>(StringComparer.Ordinal);
        if (callbackTimeoutMs is { } timeout)
        {
            settings["callbackTimeoutMs"] = timeout;
        }

        if (checkoutSettleMs is { } settle)
        {
            settings["checkoutSettleMs"] = settle;
        }

        if (requestWaitLimitMs is { } limit)
        {
            settings["requestWaitLimitMs"] = limit;
        }

        await CallAsync<JsonElement>("s => window.bambuserSimulator.configure(s)", settings);
        callbackTimeout = TimeSpan.FromMilliseconds(callbackTimeoutMs ?? callbackTimeout.TotalMilliseconds);
        requestWaitLimit = TimeSpan.FromMilliseconds(requestWaitLimitMs ?? requestWaitLimit.TotalMilliseconds);
    }

    // The widget's callback timeout (its default until configured) and how long requests may hold
    // it: no call into the page takes longer unless the page is stuck. The margin covers a
    // checkout's settle time and a slow machine.
    private TimeSpan callbackTimeout = TimeSpan.FromMilliseconds(WidgetContract.DefaultCallbackTimeoutMs);
    private TimeSpan requestWaitLimit = TimeSpan.Zero;

    // The document the widget started in: the one every later call expects to find.
    private PageDocument? startedIn;

    private sealed record InDocument<T>(T? Value, bool Moved, string Href);

    private TimeSpan CallBound =>
        (callbackTimeout > requestWaitLimit ? callbackTimeout : requestWaitLimit) + TimeSpan.FromMilliseconds(WidgetContract.DefaultCheckoutSettleMs) + TimeSpan.FromSeconds(10);

    /// <summary>
    /// Clicks the widget's Checkout button and reports where the merchant's handler went; for a
    /// new tab, <see cref="CheckoutResult.NewTab"/> is that tab (its document parsed) and
    /// <see cref="CheckoutResult.NewTabStatus"/> the HTTP status its page answered.
    /// </summary>
    /// <exception cref="SimulatorException">The widget shows no Checkout button.</exception>
    public async Task<CheckoutResult> CheckoutAsync()
    {
        var popup = new TaskCompletionSource<IPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPopup(object? sender, IPage page) => popup.TrySetResult(page);
        Page.Popup += OnPopup;
        try
        {
            CheckoutResult result;
            try
            {
                result = await CallAsync<CheckoutResult>("() => window.bambuserSimulator.shopper.checkout()");
            }
            catch (PlaywrightException ex) when (IsNavigationAway(ex))
            {
                // The handler navigated this tab before the fake could answer: the call is over.
                // Where it went comes from the new document, not from Page.Url, which may trail.
                var now = await PageLocation.AfterNavigationAsync(Page, CallBound);
                await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                return new CheckoutResult(default, CheckoutNavigation.SameTab, now ?? Page.Url);
            }

            if (result.Navigation == CheckoutNavigation.SameTab && result.Url is { } destination)
            {
                // Let the navigation commit before anyone touches the page again: closing a page
                // mid-commit can hang Chromium (Playwright issues 41900, 42366).
                await WaitForNavigationAsync(destination);
            }

            if (result.Navigation == CheckoutNavigation.NewTab)
            {
                var tab = await popup.Task.WaitAsync(NewTabBound);
                result = result with { NewTab = tab, NewTabStatus = await DocumentStatusAsync(tab) };
            }

            return result;
        }
        finally
        {
            Page.Popup -= OnPopup;
        }
    }

    private static readonly TimeSpan NewTabBound = TimeSpan.FromSeconds(10);

    // The HTTP status of the tab's document, from its Navigation Timing entry once it is parsed.
    // Not its load event: Chromium now and then never reports a popup's load, and a verdict must
    // neither hang on it nor depend on it. Null when the tab never got a document.
    private static async Task<int?> DocumentStatusAsync(IPage tab)
    {
        try
        {
            await tab.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = (float)NewTabBound.TotalMilliseconds });
            return await tab.EvaluateAsync<int?>("() => { const n = performance.getEntriesByType('navigation')[0]; return n && n.responseStatus ? n.responseStatus : null; }");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            return null;
        }
    }

    private async Task WaitForNavigationAsync(string destination)
    {
        try
        {
            await Page.WaitForURLAsync(destination, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // The destination never answered (or was a download); the outcome is same-tab regardless.
        }
    }

    /// <summary>The call ran in a document that a navigation replaced as it ran.</summary>
    internal static bool IsNavigationAway(PlaywrightException ex) =>
        ex.Message.Contains("Execution context was destroyed", StringComparison.Ordinal);

    // The agent acts on the widget it started with. A call that lands in a later document (the page
    // reloaded, or went elsewhere, since the last event) would play the event to a new widget with an
    // empty cart, which the real call never sees: the page checks which document it is before it
    // plays anything, in the same round trip.
    private async Task<T> AgentCallAsync<T>(string expression, object argument)
    {
        var answered = await CallAsync<InDocument<T>>(
            $$"""
            async ([arg, startedIn]) => startedIn !== null && performance.timeOrigin !== startedIn
              ? { value: null, moved: true, href: location.href }
              : { value: await ({{expression}})(arg), moved: false, href: location.href }
            """,
            new[] { argument, startedIn?.Origin });
        return answered.Moved
            ? throw new PageNavigatedException(answered.Href, answered.Href == startedIn?.Href)
            : answered.Value ?? throw new SimulatorException($"bambuserSimulator returned null for {expression}");
    }

    private async Task<T> CallAsync<T>(string expression, object? argument = null)
    {
        // The page serialises, not Playwright: its JsonElement results carry "$id" reference markers.
        string? json;
        try
        {
            // Every call settles within the widget's own timeout, or the page has stopped running
            // scripts (a handler in an endless loop): bounded, so that a stuck page is reported
            // rather than waited on forever, and watched, so that it is reported without waiting
            // out the whole bound.
            json = await PageLiveness.WatchAsync(Page, () => Page.EvaluateAsync<string?>($"async (arg) => JSON.stringify(await ({expression})(arg))", argument), CallBound);
        }
        catch (PlaywrightException ex) when (!IsNavigationAway(ex))
        {
            throw new SimulatorException(CleanJavaScriptError(ex.Message), ex);
        }

        return json is null
            ? throw new SimulatorException($"bambuserSimulator returned nothing for {expression}")
            : JsonSerializer.Deserialize<T>(json, Json) ?? throw new SimulatorException($"bambuserSimulator returned null for {expression}");
    }

    // Playwright reports "Error: <message>\n    at …"; the user needs only the message.
    private static string CleanJavaScriptError(string message)
    {
        var first = message.Split('\n')[0].Trim();
        return first.StartsWith("Error: ", StringComparison.Ordinal) ? first["Error: ".Length..] : first;
    }

    private static string Describe(IReadOnlyList<WidgetDiagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "none" : string.Join("; ", diagnostics.Select(d => $"{d.Code.Wire()}: {d.Detail}"));
}

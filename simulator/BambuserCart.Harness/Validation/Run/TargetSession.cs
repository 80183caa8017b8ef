using BambuserCart.Contract;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Checks;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>
/// One fresh page of the target in a fresh browser context (empty widget cart, new cookies, so a
/// new native cart): a check family starts from here, so nothing an earlier family did can mask or
/// cascade into it. Every agent action waits until the event's consequences are over (its requests
/// answered) and comes back as an <see cref="ObservedEvent"/> with the evidence.
/// </summary>
internal sealed class TargetSession : IAsyncDisposable
{
    private readonly OfflineContext offline;
    private readonly CartFaults faults;
    private readonly RunContext run;
    private int failuresAtStart;
    private bool stuck;
    private bool abandoned;
    private bool closed;

    private TargetSession(string name, OfflineContext offline, CartFaults faults, IPage page, RunContext run)
    {
        Name = name;
        this.offline = offline;
        this.faults = faults;
        this.run = run;
        Page = page;
        Widget = new WidgetDriver(page);
        failuresAtStart = run.Verdicts.Failures;
    }

    /// <summary>The family this page serves ("add", "update.remove"…), for reports.</summary>
    public string Name { get; }

    public IPage Page { get; }

    public WidgetDriver Widget { get; }

    /// <summary>The step being played ("update.quantity 1 → 4"), for messages when the page breaks off.</summary>
    public string? CurrentStep { get; private set; }

    /// <summary>
    /// The run's --max-time, not the handler bound, ended <see cref="StartAsync"/>'s wait for the
    /// page's handlers: a handler missing then was not given its time.
    /// </summary>
    public bool HandlerWaitCutShort { get; private set; }

    /// <param name="faultsBackend">
    /// Whether the family puts the cart backend in a condition (fails or slows its answers). Only
    /// then, or when the run delays every cart answer, is the cart API routed: a route holds each
    /// cart request for a round trip to this process, which a family that only lets them through
    /// need not pay (about 15 ms a request here).
    /// </param>
    /// <exception cref="ValidationInputException">The target cannot be loaded.</exception>
    public static async Task<TargetSession> OpenAsync(RunContext run, string name, bool faultsBackend)
    {
        var offline = await run.Browser.NewContextAsync(run.EmbedScript, run.AllowedHosts);
        try
        {
            if (run.Settings.RecordTrace)
            {
                await offline.Context.Tracing.StartAsync(new TracingStartOptions { Title = name, Screenshots = true, Snapshots = true, Sources = false });
            }

            var faults = faultsBackend || run.Settings.CartLatencyMs > 0
                ? await CartFaults.InstallAsync(
                    offline.Context,
                    run.Cart,
                    TimeSpan.FromMilliseconds(run.Settings.CartLatencyMs),
                    TimeSpan.FromMilliseconds(run.Settings.SlowBackendMs))
                : CartFaults.Untouched(run.Cart);
            var page = await offline.Context.NewPageAsync();
            var session = new TargetSession(name, offline, faults, page, run);
            await TargetPage.OpenAsync(page, run.PageUrl);
            return session;
        }
        catch (TargetUnreachableException ex)
        {
            await offline.DisposeAsync();
            throw new ValidationInputException($"TARGET: {ex.Message}", ex);
        }
        catch
        {
            await offline.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// This page's family starts being played now (it may have been opened ahead, while another
    /// played): failures from here on are this page's, for its screenshot and trace.
    /// </summary>
    public void BeginTurn() => failuresAtStart = run.Verdicts.Failures;

    /// <summary>
    /// Closes a page that was opened ahead but never played (the run ended first): nothing of it
    /// belongs in the run's evidence.
    /// </summary>
    public async ValueTask DiscardAsync()
    {
        closed = true;
        await offline.DisposeAsync();
    }

    /// <summary>
    /// Waits for the widget and for the handlers validate requires (<see cref="EmbedChecks.RequiredHandlers"/>),
    /// and sets the run's callback timeout; the reason when the widget never started.
    /// Time an event's own requests spend waiting for their answers does not count against the
    /// timeout, up to the real widget's 30 s: the verdict rests on what the handler does with the
    /// answers, not on how fast the backend (or this machine) was.
    /// </summary>
    public async Task<SimulatorException?> StartAsync()
    {
        try
        {
            await Widget.ReadyAsync();
            if (run.AwaitHandlers)
            {
                var wait = await WaitForHandlersAsync(EmbedChecks.RequiredHandlers);
                HandlerWaitCutShort = wait == HandlerWait.CutShort;
                run.AwaitHandlers = wait == HandlerWait.Registered;
            }

            await Widget.ConfigureAsync(callbackTimeoutMs: run.Settings.CallbackTimeoutMs, requestWaitLimitMs: (int)run.RequestWaitLimit.TotalMilliseconds);
            return null;
        }
        catch (SimulatorException ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Gives the page until <see cref="ValidationSettings.HandlersBound"/> after its widget started to
    /// register handlers for all of <paramref name="events"/>. The wait counts against --max-time: it
    /// ends with the run at the latest (<see cref="HandlerWait.CutShort"/>).
    /// </summary>
    public Task<HandlerWait> WaitForHandlersAsync(IReadOnlyCollection<string> events) =>
        Widget.WaitForHandlersAsync(events, all: true, run.Settings.HandlersBound, cap: run.Remaining);

    public Task<ObservedEvent> AddAsync(string sku, string step, BackendCondition fault = BackendCondition.Ok) =>
        ActAsync(step, fault, () => Widget.AddToCartAsync(sku));

    /// <summary>The agent looks a product up (provide-product-data); the outcome with its product, and the event.</summary>
    public async Task<(LookupOutcome Lookup, ObservedEvent Event)> LookupAsync(string reference, string step)
    {
        CurrentStep = step;
        var (lookup, busy) = await InWidgetDocumentAsync(async () =>
        {
            var lookup = await WatchAsync(() => Widget.LookupProductAsync(reference));
            return (lookup, await PageEvidenceReader.WaitForEventToEndAsync(Page, run.EventEndBound, run.RequestWaitLimit));
        });
        var evidence = (await ReadInWidgetDocumentAsync()).ForEvent(lookup.Seq, busy);
        var entry = await TraceEntryAsync(lookup.Seq);
        return (lookup, run.Log.Add(number => new ObservedEvent(number, step, entry, evidence) { Page = Name }));
    }

    /// <summary>Adds a SKU the native cart must refuse (out of stock, unknown).</summary>
    public Task<ObservedEvent> AddRefusedAsync(string sku, string step) =>
        ActAsync(step, BackendCondition.Ok, () => Widget.AddToCartAsync(sku), refusalExpected: true);

    public Task<ObservedEvent> SetQuantityAsync(string sku, int quantity, string step, BackendCondition fault = BackendCondition.Ok) =>
        ActAsync(step, fault, () => Widget.SetQuantityAsync(sku, quantity));

    public Task<ObservedEvent> RemoveAsync(string sku, string step, BackendCondition fault = BackendCondition.Ok) =>
        ActAsync(step, fault, () => Widget.RemoveFromCartAsync(sku));

    /// <summary>Clicks Checkout; for a new tab, also the HTTP status its page answered (then closes it).</summary>
    public async Task<(CheckoutResult Result, ObservedEvent Event, int? TabStatus)> CheckoutAsync(string step)
    {
        CurrentStep = step;
        var result = await WatchAsync(Widget.CheckoutAsync);
        if (result.Navigation == CheckoutNavigation.SameTab)
        {
            // This page has gone, and the fake's trace and the evidence with it.
            var gone = new TraceEntry(0, WidgetContract.Events.GotoCheckout, "checkout", result.Payload, result.Navigation.Wire(), null, 0, null);
            return (result, run.Log.Add(number => new ObservedEvent(number, step, gone, EventEvidence.None) { Page = Name }), null);
        }

        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, run.EventEndBound, run.RequestWaitLimit);
        var tabStatus = result.NewTabStatus;
        if (result.NewTab is { } tab)
        {
            await tab.CloseAsync();
        }

        var entry = (await Widget.TraceAsync()).Last(e => e.Event == WidgetContract.Events.GotoCheckout);
        var evidence = (await PageEvidenceReader.ReadAsync(Page)).ForEvent(entry.Seq, busy);
        return (result, run.Log.Add(number => new ObservedEvent(number, step, entry, evidence) { Page = Name }), tabStatus);
    }

    /// <summary>The native cart through --cart-probe; null when there is no probe.</summary>
    /// <exception cref="ValidationInputException">The probe failed or gave the wrong shape: it is bad input, not a verdict.</exception>
    public async Task<IReadOnlyList<CartItem>?> NativeCartAsync(string when)
    {
        if (run.Settings.CartProbe is not { } probe)
        {
            return null;
        }

        try
        {
            return await NativeCartProbe.ReadAsync(Page, probe);
        }
        catch (SimulatorException ex)
        {
            if (abandoned)
            {
                // The run gave the page up mid-read (--max-time): the probe did nothing wrong, and
                // the verdict of the step in progress is already recorded.
                throw;
            }

            // A probe that fails because the page left the widget's document is not bad input.
            if (await Widget.LeftDocumentAsync() is { } left)
            {
                throw left;
            }

            throw new ValidationInputException($"{RunInput.CartProbe.Named()}: {ex.Message} (read {when} at {run.PageUrl})", ex);
        }
    }

    public Task<WidgetState> StateAsync() => Widget.StateAsync();

    /// <summary>
    /// Collects what the page holds for the run (errors outside events, diagnostics, GTM pushes,
    /// blocked requests), keeps a screenshot and the Playwright trace when a check failed here,
    /// and closes the context.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        try
        {
            if (stuck)
            {
                // A page stuck in a loop keeps a renderer spinning a core: close it at once (the
                // browser does that, whatever the page's thread is doing) and read nothing from it.
                await ClosePageAsync();
                run.Log.AddBlocked(offline.BlockedRequests);
            }
            else
            {
                await CollectAsync();
            }
        }
        finally
        {
            await offline.DisposeAsync();
        }
    }

    /// <summary>
    /// Gives the page up mid-step (the run reached --max-time): it is closed at once, so whatever
    /// call was in flight ends, and nothing more is read from it.
    /// </summary>
    public async Task AbandonAsync()
    {
        abandoned = true;
        stuck = true;
        await ClosePageAsync();
    }

    private async Task<ObservedEvent> ActAsync(string step, BackendCondition fault, Func<Task<CartOutcome>> action, bool refusalExpected = false)
    {
        CurrentStep = step;
        CartOutcome outcome;
        string? busy;
        int faulted;
        // The fault stays on until the event is over: a request sent after the answer meets it too.
        faults.Switch(fault);
        try
        {
            (outcome, busy) = await InWidgetDocumentAsync(async () =>
            {
                var outcome = await WatchAsync(action);
                return (outcome, await PageEvidenceReader.WaitForEventToEndAsync(Page, run.EventEndBound, run.RequestWaitLimit));
            });
            faulted = faults.Faulted;
        }
        finally
        {
            faults.Switch(BackendCondition.Ok);
        }

        var evidence = (await ReadInWidgetDocumentAsync()).ForEvent(outcome.Seq, busy);
        var entry = await TraceEntryAsync(outcome.Seq);
        return run.Log.Add(number => new ObservedEvent(number, step, entry, evidence) { Page = Name, Fault = fault, FaultedRequests = faulted, RefusalExpected = refusalExpected });
    }

    /// <summary>
    /// Plays an event and waits for it to end. A call that breaks off because a handler reloaded
    /// the page or sent it to another URL is reported as <see cref="PageNavigatedException"/>, not
    /// as whatever broke off in the harness's hands.
    /// </summary>
    private async Task<T> InWidgetDocumentAsync<T>(Func<Task<T>> play)
    {
        try
        {
            return await play();
        }
        catch (Exception ex) when (ex is PlaywrightException || (ex is SimulatorException && ex is not PageUnresponsiveException))
        {
            if (await Widget.LeftDocumentAsync() is { } left)
            {
                throw left;
            }

            throw;
        }
    }

    /// <summary>
    /// Reads the event's evidence once it is over, making sure the page still shows the document
    /// the widget started in: a handler that answered and then reloaded the page, or left it, has
    /// ended the real call all the same. The read names its document, so this costs no round trip.
    /// </summary>
    private async Task<PageEvidence> ReadInWidgetDocumentAsync()
    {
        var read = await PageEvidenceReader.ReadAsync(Page);
        return await Widget.LeftDocumentAsync(read.Document) is { } left ? throw left : read;
    }

    private async Task<TraceEntry> TraceEntryAsync(int seq) =>
        (await Widget.TraceAsync()).LastOrDefault(e => e.Seq == seq)
        ?? throw new SimulatorException($"the widget's trace has no event #{seq} (did the page replace window.bambuserSimulator?)");

    // Marks the page stuck when a call into it came back with nothing (see WidgetDriver).
    private async Task<T> WatchAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PageUnresponsiveException)
        {
            stuck = true;
            throw;
        }
    }

    private async Task ClosePageAsync()
    {
        try
        {
            await Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Closing the context next is the last resort.
        }
    }

    private async Task CollectAsync()
    {
        var failedHere = run.Verdicts.Failures > failuresAtStart;
        if (!Page.IsClosed)
        {
            var evidence = await RunLaterWorkAsync();
            foreach (var error in evidence.Errors.Where(e => e.Seq is null || e.Opaque))
            {
                run.Log.AddPageError(Name, error);
            }

            try
            {
                run.Log.AddDiagnostics((await Widget.StateAsync()).Diagnostics);
            }
            catch (SimulatorException)
            {
                // No widget on this page (it never started, or the page navigated): nothing to add.
            }

            foreach (var push in await TrackingCheck.ReadPushesAsync(Page))
            {
                run.Log.Pushes.Add(push);
            }

            if (run.Log.Screenshot is null || (failedHere && !run.Log.ScreenshotShowsFailure))
            {
                if (await ScreenshotAsync() is { } png)
                {
                    run.Log.KeepScreenshot(png, failedHere);
                }
            }
        }

        run.Log.AddBlocked(offline.BlockedRequests);
        if (run.Settings.RecordTrace)
        {
            // Kept for now: a check judged over every event, at the end, may still fail on this page's.
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bambuser-cart-trace-{Guid.NewGuid():N}.zip");
            await offline.Context.Tracing.StopAsync(new TracingStopOptions { Path = path });
            run.Log.AddTrace(new SessionTrace(Name, path), failedHere);
        }
    }

    /// <summary>
    /// Runs what this page's events left for later (a guard timer, a toast's timer, an interval)
    /// and still pending, reads the page once more, and adds to each of its events what that work
    /// did after the event was over: more callback calls, errors, navigations it started. Else whether they were seen, and
    /// whom they were blamed on, would depend on how long the run kept the page.
    /// </summary>
    private async Task<PageEvidence> RunLaterWorkAsync()
    {
        var (evidence, trace) = await LaterWorkRun.RunAsync(Page, Widget, run.EventEndBound, run.RequestWaitLimit);
        if (trace is not null)
        {
            run.Log.AddLaterWork(Name, observed => LaterWork.Of(observed, evidence, trace));
        }

        return evidence;
    }

    private async Task<byte[]?> ScreenshotAsync()
    {
        try
        {
            return await Page.ScreenshotAsync(new PageScreenshotOptions { Timeout = 5_000 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The page may be navigating (same-tab checkout); a report without a picture is still a report.
            return null;
        }
    }
}

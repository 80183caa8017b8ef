using System.Diagnostics;
using System.Globalization;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Scenarios;

/// <summary>Runs one scenario's steps in an open page and checks each step's expectations.</summary>
internal sealed class StepExecutor
{
    private const int DefaultWaitMs = 5_000;
    private const int PollMs = 50;

    private readonly Scenario scenario;
    private readonly SimulatorServer shop;
    private readonly IPage page;
    private readonly WidgetDriver widget;
    private readonly CartFaults faults;
    // The steps that follow the contract, by index, with their events as they were when the step ended.
    private readonly List<(int Index, ObservedEvent Event)> contractSteps = [];

    public StepExecutor(Scenario scenario, SimulatorServer shop, IPage page, CartFaults faults)
    {
        this.scenario = scenario;
        this.shop = shop;
        this.page = page;
        this.faults = faults;
        widget = new WidgetDriver(page);
    }

    /// <summary>How long after its answer a step's short timers and follow-up work may keep the page busy.</summary>
    /// <remarks>Tests set it short, to have a request outlast it.</remarks>
    internal TimeSpan EventEndBound { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// As in validate: a step's own requests get the real widget's 30 s to answer before the native
    /// cart is compared, and that time does not count against the callback timeout.
    /// </summary>
    /// <remarks>Tests set it short, to have a request outlast it.</remarks>
    internal TimeSpan RequestWaitLimit { get; init; } = TimeSpan.FromMilliseconds(WidgetContract.DefaultCallbackTimeoutMs);

    /// <inheritdoc cref="WidgetDriver.CartHandlersBound"/>
    /// <remarks>Tests set it short, for a page that never registers them.</remarks>
    internal TimeSpan CartHandlersBound { get; init; } = WidgetDriver.CartHandlersBound;

    /// <summary>
    /// Waits for the widget and for the page's cart handlers, and applies the setup; a result when
    /// the widget never started. A page without the handlers after the bound is played all the
    /// same: its steps then meet no handler, as they would in a call.
    /// </summary>
    /// <param name="runRemaining">What is left of the run's --max-time, which the wait counts against; null for no bound.</param>
    public async Task<StepResult?> StartAsync(TimeSpan? runRemaining = null)
    {
        try
        {
            await widget.ReadyAsync();
            await widget.WaitForHandlersAsync(WidgetDriver.CartEvents, all: false, CartHandlersBound, cap: runRemaining);
            // Time the event's own requests wait for their answers does not count against the
            // timeout (up to the real widget's 30 s): a step's verdict rests on what the handler did
            // with the answers, not on how fast the backend or this machine was.
            await widget.ConfigureAsync(callbackTimeoutMs: scenario.Setup.CallbackTimeoutMs, requestWaitLimitMs: (int)RequestWaitLimit.TotalMilliseconds);

            return null;
        }
        catch (SimulatorException ex)
        {
            return new StepResult(0, scenario.Steps[0], [$"the widget never started: {ex.Message}"]);
        }
    }

    /// <summary>The events the page registered handlers for.</summary>
    public async Task<IReadOnlyList<string>> HandlersAsync() => (await widget.StateAsync()).Handlers;

    public async Task<StepResult> RunAsync(int index)
    {
        var step = scenario.Steps[index];
        faults.Switch(FaultOf(step));
        try
        {
            return step.Action switch
            {
                ScenarioAction.Checkout => await CheckoutAsync(index, step),
                ScenarioAction.WaitFor => await WaitForAsync(index, step),
                ScenarioAction.LookupProduct => await LookupAsync(index, step),
                _ => await CartActionAsync(index, step),
            };
        }
        catch (PageUnresponsiveException ex)
        {
            return new StepResult(index, step, [$"{step.Describe()}: {ex.Message}"]);
        }
        catch (Exception ex) when (ex is SimulatorException or PlaywrightException)
        {
            // A handler that reloads the page or navigates away has ended the call: that is the
            // step's failure, not whatever broke off in the harness's hands because of it.
            if ((ex as PageNavigatedException ?? await widget.LeftDocumentAsync()) is { } left)
            {
                return Navigated(index, step, left, happened: null);
            }

            if (ex is PlaywrightException)
            {
                throw;
            }

            return new StepResult(index, step, [$"{step.Describe()}: {ex.Message}"]);
        }
        finally
        {
            faults.Switch(BackendCondition.Ok);
        }
    }

    private static StepResult Navigated(int index, ScenarioStep step, PageNavigatedException left, string? happened) =>
        new(index, step, [$"navigation: {left.Message} while this step's event was handled: {PageNavigatedException.Consequence}"]) { Happened = happened ?? string.Empty };

    /// <summary>The backend condition a step asks for ("ok" and none: a working backend).</summary>
    public static BackendCondition FaultOf(ScenarioStep step) =>
        step.Backend ?? BackendCondition.Ok;

    public async Task<IReadOnlyList<TraceEntry>> TraceAsync()
    {
        if (page.IsClosed)
        {
            // Closed at the run's bound: its trace went with it.
            return [];
        }

        try
        {
            return await widget.TraceAsync();
        }
        catch (SimulatorException)
        {
            // The page navigated away (a same-tab checkout): its trace went with it.
            return [];
        }
    }

    private async Task<StepResult> CartActionAsync(int index, ScenarioStep step)
    {
        var outcome = step.Action switch
        {
            ScenarioAction.Add => await widget.AddToCartAsync(step.Sku!),
            ScenarioAction.SetQuantity => await widget.SetQuantityAsync(step.Sku!, step.Quantity!.Value),
            _ => await widget.RemoveFromCartAsync(step.Sku!),
        };

        // As in validate: the step is over when its requests are, and the fault stays on until then.
        var busy = await PageEvidenceReader.WaitForEventToEndAsync(page, EventEndBound, RequestWaitLimit);
        // Read once: the event's window is closed, so nothing the page does later is added to it.
        var read = await PageEvidenceReader.ReadAsync(page);
        // The read names the document it came from: no round trip more to learn the page left.
        if (await widget.LeftDocumentAsync(read.Document) is { } left)
        {
            // It answered, then reloaded or navigated: the event's evidence went with the document.
            return Navigated(index, step, left, $"{outcome.Event} → {outcome.Outcome.Wire()}");
        }

        var evidence = read.ForEvent(outcome.Seq, busy);
        var failures = new List<string>();
        if (UnmetFault(step, evidence.Requests.Count == 0
            ? "the handler made no request at all"
            : $"the requests it made: {evidence.RequestsSeen(new Uri(page.Url))}") is { } unmet)
        {
            failures.Add(unmet);
        }

        Compare(failures, "outcome", step.Expect.Outcome?.Wire(), outcome.Outcome.Wire());
        if (step.Expect.OutcomeAnyOf is { } anyOf && !anyOf.Contains(outcome.Outcome))
        {
            failures.Add($"outcome: expected one of [{string.Join(", ", anyOf.Select(o => o.Wire()))}], got {outcome.Outcome.Wire()}");
        }

        Compare(failures, "event", step.Expect.Event, outcome.Event);
        if (step.Expect.FollowsContract)
        {
            failures.AddRange(await ContractFailuresAsync(index, outcome, evidence));
        }

        failures.AddRange(await StateFailuresAsync(step.Expect, Unanswered(evidence)));
        // What the page did during a failing step's event: the evidence a merchant debugs from.
        var timeline = failures.Count == 0 || page.IsClosed
            ? null
            : evidence.Timeline(null, new Uri(page.Url));
        return new StepResult(index, step, failures) { Happened = $"{outcome.Event} → {outcome.Outcome.Wire()}", Evidence = timeline };
    }

    // The rules validate judges over every event (callback.once, handler.no-throw, callback.confirmed),
    // judged on this one event's evidence once it is over.
    private async Task<IEnumerable<string>> ContractFailuresAsync(int index, CartOutcome outcome, EventEvidence evidence)
    {
        var entry = (await widget.TraceAsync()).FirstOrDefault(e => e.Seq == outcome.Seq);
        var observed = new ObservedEvent(outcome.Seq, outcome.Event, entry ?? new TraceEntry(outcome.Seq, outcome.Event, null, default, outcome.Outcome.Wire(), outcome.Value, outcome.CallbackCalls, outcome.Ms), evidence);
        contractSteps.Add((index, observed));
        var failures = new List<string>();
        var calls = Math.Max(outcome.CallbackCalls, observed.Entry.CallbackCalls);
        if (calls > 1)
        {
            failures.Add($"followsContract: the callback was called {calls} times; the first answer counts and the others are ignored");
        }

        if (Validation.Checks.EventChecks.Thrown(observed) is { } thrown)
        {
            failures.Add($"followsContract: {thrown}");
        }

        // The cart API is known for the sample backend, or given: only then can a true be tied to its
        // request. A true that may rest on a Web Worker's request cannot be tied either way, so it
        // is not failed for it (validate reports it not proven); the step's other expectations stand.
        var cartApiKnown = scenario.Target.UsesSampleBackend || scenario.Target.CartApi is not null;
        if (outcome.Outcome == CallbackOutcome.Success && cartApiKnown
            && Validation.Checks.EventChecks.Confirm(observed, scenario.Target.CartApiPattern).WhyNot is { } unconfirmed)
        {
            failures.Add($"followsContract: {unconfirmed}");
        }

        return failures;
    }

    /// <summary>
    /// Once every step has run: runs what the handlers of the steps that follow the contract left
    /// for later and is still pending (a guard timer, a toast's timer, an interval), as validate
    /// does when a page is done, and returns the first such step again with what that work did
    /// against the contract (a second answer, an error, leaving the page); null when it did nothing of the kind.
    /// Else whether it was seen would depend on how long the scenario kept the page.
    /// </summary>
    public async Task<StepResult?> LaterWorkAsync(IReadOnlyList<StepResult> results)
    {
        if (contractSteps.Count == 0 || page.IsClosed)
        {
            return null;
        }

        var (read, trace) = await LaterWorkRun.RunAsync(page, widget, EventEndBound, RequestWaitLimit);
        if (trace is null)
        {
            // Another document (its records and its widget are not these steps'), or no widget.
            return null;
        }

        foreach (var (index, before) in contractSteps)
        {
            if (LaterWork.Of(before, read, trace) is not { } later)
            {
                continue;
            }

            var observed = before with { Later = later };
            var failures = new List<string>();
            if (observed.CallbackCalls > 1)
            {
                failures.Add($"followsContract: the callback was called {observed.CallbackCalls} times{Validation.Checks.EventChecks.CalledBackLater(observed)}; the first answer counts and the others are ignored");
            }

            if (Validation.Checks.EventChecks.ThrownLater(observed) is { } thrown)
            {
                failures.Add($"followsContract: {thrown}");
            }

            if (Validation.Checks.EventChecks.LeftPageLater(observed) is { } left)
            {
                failures.Add($"followsContract: {left}. {Validation.Checks.EventChecks.LeftPageBecause}");
            }

            var ran = results.First(r => r.Index == index);
            return ran with { Failures = [.. ran.Failures, .. failures] };
        }

        return null;
    }

    private async Task<StepResult> CheckoutAsync(int index, ScenarioStep step)
    {
        var checkout = await widget.CheckoutAsync();
        var failures = new List<string>();
        // A checkout handler may sync the cart before it navigates; a fault set for one that does not never met a request.
        if (UnmetFault(step, "the checkout made no cart request") is { } unmet)
        {
            failures.Add(unmet);
        }

        Compare(failures, "navigation", step.Expect.Navigation?.Wire(), checkout.Navigation.Wire());
        if (step.Expect.NavigationAnyOf is { } anyOf && !anyOf.Contains(checkout.Navigation))
        {
            failures.Add($"navigation: expected one of [{string.Join(", ", anyOf.Select(n => n.Wire()))}], got {checkout.Navigation.Wire()}");
        }
        if (step.Expect.HasUrl)
        {
            var expected = step.Expect.Url is null ? null : new Uri(new Uri(page.Url), step.Expect.Url).ToString();
            Compare(failures, "url", expected, checkout.Url, always: true);
        }

        if (checkout.Navigation != CheckoutNavigation.SameTab)
        {
            failures.AddRange(await StateFailuresAsync(step.Expect));
        }

        return new StepResult(index, step, failures) { Happened = $"{checkout.Navigation.Wire()} {checkout.Url}" };
    }

    private async Task<StepResult> LookupAsync(int index, ScenarioStep step)
    {
        var lookup = await widget.LookupProductAsync(step.Ref!);
        if (await widget.LeftDocumentAsync() is { } left)
        {
            return Navigated(index, step, left, $"{lookup.Event} → {lookup.Outcome.Wire()}");
        }

        var failures = new List<string>();
        Compare(failures, "outcome", step.Expect.Lookup?.Wire(), lookup.Outcome.Wire());
        if (step.Expect.HasProduct)
        {
            var expected = step.Expect.Product;
            var product = lookup.Product;
            if (expected is null || product is null)
            {
                Compare(failures, "product", expected?.ToString(), product is null ? null : $"'{product.Name}'", always: true);
            }
            else
            {
                Compare(failures, "product name", expected.Name, product.Name);
                if (expected.Sku is { } sku && !product.Skus.Contains(sku))
                {
                    failures.Add($"product SKU: expected '{sku}' among the product's SKUs, got [{string.Join(", ", product.Skus)}]");
                }
            }
        }

        if (step.Expect.HasAgentMessage)
        {
            Compare(failures, "agentMessage", step.Expect.AgentMessage, lookup.Message, always: true);
        }

        failures.AddRange(await StateFailuresAsync(step.Expect));
        var what = lookup.Product?.Name ?? lookup.Message;
        return new StepResult(index, step, failures) { Happened = $"{lookup.Event} → {lookup.Outcome.Wire()}{(what is null ? string.Empty : $" ({what})")}" };
    }

    private async Task<StepResult> WaitForAsync(int index, ScenarioStep step)
    {
        var limit = step.TimeoutMs ?? DefaultWaitMs;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // The native cart of the sample shop is read over HTTP, which outlives the page: a page
            // closed under the wait (the run's bound closes it) ends the wait, or it would poll on.
            if (page.IsClosed)
            {
                return new StepResult(index, step, [$"the page closed after {clock.ElapsedMilliseconds} ms of waiting for {step.Expect.Describe()}"]);
            }

            var failures = await StateFailuresAsync(step.Expect);
            if (failures.Count == 0)
            {
                return new StepResult(index, step, []) { Happened = $"met after {clock.ElapsedMilliseconds} ms" };
            }

            if (clock.ElapsedMilliseconds >= limit)
            {
                return new StepResult(index, step, failures.Select(f => $"waited {limit} ms for {step.Expect.Describe()}; still {f}").ToList());
            }

            // A bounded poll on the condition, not a fixed sleep: the step ends as soon as it holds.
            await Task.Delay(PollMs);
        }
    }

    // A backend condition that met no request proved nothing about how the page takes a failing backend.
    private string? UnmetFault(ScenarioStep step, string seen) =>
        faults.Mode != BackendCondition.Ok && faults.Faulted == 0
            ? $"backend: '{step.Backend?.Wire()}' was set for this step but no request matched the cart API '{faults.Pattern.Glob}', so it was never injected ({seen}); set $.target.cartApi (or {RunInput.CartApi.Named()}) to the cart backend's URL pattern"
            : null;

    // The event's own requests still unanswered after the wait ("POST /cart/add sent at 2 ms, still unanswered").
    private List<string> Unanswered(EventEvidence evidence)
    {
        var pageUri = page.IsClosed ? null : new Uri(page.Url);
        return evidence.Unanswered.Select(r => evidence.Describe(r, pageUri)).ToList();
    }

    /// <summary>Widget cart, message, Checkout button and native cart against the expectations.</summary>
    /// <param name="expect">What the step expects of the widget and the native cart.</param>
    /// <param name="unanswered">The step's own requests still unanswered: the native cart is not compared while they are.</param>
    private async Task<List<string>> StateFailuresAsync(StepExpectations expect, IReadOnlyList<string>? unanswered = null)
    {
        var failures = new List<string>();
        // The widget's state is one more round trip into the page: read only when a step checks it.
        var state = expect.WidgetCart is not null || expect.HasMessage || expect.CheckoutButton is not null ? await widget.StateAsync() : null;
        if (expect.WidgetCart is { } widgetCart)
        {
            CompareLines(failures, "widgetCart", widgetCart, state!.WidgetCart.Select(l => new CartItem(l.Sku, l.Quantity)).ToList());
        }

        if (expect.HasMessage)
        {
            Compare(failures, "message", expect.Message, state!.Message?.Kind.Wire(), always: true);
        }

        if (expect.CheckoutButton is { } button)
        {
            Compare(failures, "checkoutButton", button ? "shown" : "hidden", state!.CheckoutButtonVisible ? "shown" : "hidden");
        }

        if (expect.NativeCart is not null && unanswered is { Count: > 0 })
        {
            var waited = RequestWaitLimit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            failures.Add($"nativeCart: not judged: the run waited {waited} s for the step's requests in vain ({string.Join(", ", unanswered)}), so the native cart would be read with the change still on its way");
        }
        else if (expect.NativeCart is { } nativeCart)
        {
            // A shop may list its cart in any order (by name, newest first): its lines are compared as a set.
            CompareLines(failures, "nativeCart", nativeCart, await NativeCartAsync(), ordered: false);
        }

        return failures;
    }

    private async Task<IReadOnlyList<CartItem>> NativeCartAsync()
    {
        if (scenario.Target.CartProbe is not { } probe)
        {
            return await NativeCartProbe.ReadSampleShopAsync(page.Context, shop);
        }

        try
        {
            return await NativeCartProbe.ReadAsync(page, probe);
        }
        catch (SimulatorException ex)
        {
            throw new SimulatorException($"$.target.cartProbe: {ex.Message}", ex);
        }
    }

    private static void Compare(List<string> failures, string what, string? expected, string? actual, bool always = false)
    {
        if ((expected is not null || always) && expected != actual)
        {
            failures.Add($"{what}: expected {expected ?? "none"}, got {actual ?? "none"}");
        }
    }

    private static void CompareLines(List<string> failures, string what, IReadOnlyList<CartItem> expected, IReadOnlyList<CartItem> actual, bool ordered = true)
    {
        static IEnumerable<CartItem> Sorted(IEnumerable<CartItem> lines) => lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Quantity);
        if (ordered ? !expected.SequenceEqual(actual) : !Sorted(expected).SequenceEqual(Sorted(actual)))
        {
            failures.Add($"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }
}

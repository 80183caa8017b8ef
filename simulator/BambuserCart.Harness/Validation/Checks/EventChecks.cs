using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// The checks judged over every event of the run, each from the event's own evidence:
/// callback.once, callback.valid-value, callback.timely, callback.confirmed, handler.no-throw and
/// handler.stays-on-page.
/// A failure names each offending event with its timeline.
/// </summary>
internal static class EventChecks
{
    public static IReadOnlyList<CheckId> Ids { get; } = [CallbackOnce, CallbackValidValue, CallbackTimely, CallbackConfirmed, HandlerNoThrow, HandlerStaysOnPage];

    private const int MaxListed = 5;

    public static void Judge(RunContext run)
    {
        var verdicts = run.Verdicts;
        var events = run.Log.Events;
        var cartEvents = events.Where(e => e.IsCartEvent && e.Outcome != WidgetContract.Outcomes.NoHandler).ToList();
        if (cartEvents.Count == 0)
        {
            verdicts.SkipAll(Ids, "not proven: no cart event reached a handler (see add.handler and update.handler)");
            return;
        }

        var count = $"{cartEvents.Count} cart events";
        JudgeEach(run, CallbackOnce, cartEvents, e => e.CallbackCalls > 1 ? $"called back {e.CallbackCalls} times{CalledBackLater(e)}" : null, $"every callback was called once, work the handlers left for later included ({count})");
        JudgeEach(run, CallbackValidValue, cartEvents, e => e.Outcome == WidgetContract.Outcomes.Invalid ? $"answered {e.AnswerText}, which is not true, false or {{ success: false, reason: 'out-of-stock' }}" : null, $"every callback value was one of the three documented ones ({count})");
        JudgeEach(run, CallbackTimely, cartEvents, e => e.Outcome == WidgetContract.Outcomes.Timeout ? $"the callback never came{Explained(e)}" : null, $"every event was answered within {run.Settings.CallbackTimeoutMs} ms of its cart requests' answers ({count})");
        JudgeConfirmed(run, cartEvents);
        // The errors are the evidence here: each names its message and where it was thrown.
        JudgeEach(run, HandlerNoThrow, events.ToList(), Thrown, $"no handler threw and the page threw nothing while events were handled ({events.Count} events)", withTimeline: false);
        // A checkout's leaving is its job (checkout.navigation judges where it went).
        var callEvents = events.Where(e => e.Event != WidgetContract.Events.GotoCheckout).ToList();
        JudgeEach(run, HandlerStaysOnPage, callEvents, LeftPageLater, $"no work a handler left for later reloaded the page or navigated away ({callEvents.Count} events)", withTimeline: false, because: LeftPageBecause);
    }

    // `because`, when given, explains once, after the list, what every listed problem means.
    private static void JudgeEach(RunContext run, CheckId id, IReadOnlyList<ObservedEvent> events, Func<ObservedEvent, string?> problem, string passMessage, bool withTimeline = true, string? because = null)
    {
        var failures = events.Select(e => (Event: e, Problem: problem(e))).Where(x => x.Problem is not null).ToList();
        if (failures.Count == 0)
        {
            run.Verdicts.Pass(id, passMessage, events);
            return;
        }

        run.Verdicts.Fail(
            id,
            List(failures.Select(f => $"{f.Event.Label}: {f.Problem}{(withTimeline ? $"; {f.Event.Timeline(run.Cart, run.PageUri)}" : string.Empty)}")) + (because is null ? string.Empty : $". {because}"),
            failures.Select(f => f.Event));
    }

    // Every callback(true) where true was the right answer (a working or slow backend, nothing to
    // refuse) must rest on a cart request of its own event that had answered 2xx, with no cart
    // change still in flight. A true under an injected failure, or for a SKU that must be
    // refused, is the backend-failure or refusal check's failure and is not counted twice.
    private static void JudgeConfirmed(RunContext run, IReadOnlyList<ObservedEvent> cartEvents)
    {
        var answeredTrue = cartEvents.Where(e => e.Outcome == WidgetContract.Outcomes.Success && e.SuccessExpected).ToList();
        if (answeredTrue.Count == 0)
        {
            run.Verdicts.Skip(CallbackConfirmed, "not proven: no cart event was answered callback(true) (see add.success)", cartEvents);
            return;
        }

        // A pattern the page's own traffic matched (a mini cart's poll included) is proven to name its cart API.
        if (!run.CartApiKnown && !run.Log.Events.Any(e => e.Evidence.CartRequests(run.Cart).Count > 0 || e.Evidence.BackgroundRequests.Any(run.Cart.Matches)))
        {
            var seen = answeredTrue.SelectMany(e => e.Evidence.Requests).Select(r => $"{r.Method} {EventEvidence.ShortUrl(r.Url, run.PageUri)}").Distinct().Take(MaxListed).ToList();
            var what = seen.Count == 0 ? "and the handlers made no request at all while answering" : $"the requests made were {string.Join(", ", seen)}; set {RunInput.CartApi.Named()} to your cart backend's URL pattern";
            run.Verdicts.Skip(CallbackConfirmed, $"not proven: no request matched {RunInput.CartApi.Named()} '{run.Cart.Glob}' during the whole run, so no callback(true) can be tied to a cart request; {what}", answeredTrue);
            return;
        }

        // A callback(true) after a message from a Web Worker or a frame of another origin, or after a
        // cart request whose frame showed another origin, with no cart request in sight, may rest on
        // a request made there: it proves nothing either way. Any other problem still fails.
        var confirmations = answeredTrue.ToDictionary(e => e, e => Confirm(e, run.Cart));
        var unseen = answeredTrue.Where(e => confirmations[e].OutOfSight).ToList();
        if (unseen.Count > 0 && confirmations.Values.All(c => c.WhyNot is null))
        {
            run.Verdicts.Skip(
                CallbackConfirmed,
                $"not proven: {unseen.Count} of {answeredTrue.Count} callback(true) came after {string.Join(" or ", unseen.SelectMany(e => e.Evidence.OutOfSightBeforeAnswer).Distinct())} with no cart request whose answer the page could read, and what happened there cannot be seen from the page, so it cannot be tied to the answer ({List(unseen.Select(e => $"{e.Label}: {e.Evidence.Timeline(run.Cart, run.PageUri)}"))}); make the cart request from the page itself (or from a frame of its own origin) for this check to prove it",
                answeredTrue);
            return;
        }

        JudgeEach(run, CallbackConfirmed, answeredTrue.Except(unseen).ToList(), e => confirmations[e].WhyNot, $"every callback(true) came after its cart request had answered 2xx ({answeredTrue.Count} events)");
    }

    /// <summary>Whether a callback(true) was confirmed by the cart backend, and why not.</summary>
    public static Confirmation Confirm(ObservedEvent observed, CartApiPattern cart)
    {
        var answer = observed.Evidence.FirstAnswer;
        if (observed.Evidence.EmitOrder == 0 || answer is null)
        {
            // Never a silent pass: without the page's evidence nothing is proven.
            return Confirmation.Not("no evidence was recorded for this event (the page's evidence recorder is missing)");
        }

        var requests = observed.Evidence.CartRequests(cart);
        if (requests.Count == 0)
        {
            // A worker's requests, and those of a frame of another origin, never pass through the page's recorder.
            return observed.Evidence.HeardFromOutOfSightBeforeAnswer
                ? Confirmation.Unseen
                : Confirmation.Not(BackgroundCartRequests(observed.Evidence, cart) ?? "callback(true) with no cart request at all: the native cart was never asked");
        }

        // Reads (GET) refresh a mini cart; only requests that can change the cart must be done —
        // unless the backend changes the cart through reads, in which case they are all there is.
        var changes = requests.Any(r => r.CanChange) ? requests.Where(r => r.CanChange).ToList() : requests.ToList();
        var pending = changes.Where(r => r.Order < answer.Order && (r.EndOrder is null || r.EndOrder > answer.Order)).ToList();
        if (pending.Count > 0)
        {
            return Confirmation.Not($"callback(true) came before the cart answered ({string.Join(", ", pending.Select(r => $"{r.Method} {r.Url}"))} still in flight)");
        }

        if (changes.Any(r => r.EndOrder < answer.Order && r.Succeeded))
        {
            return Confirmation.Confirmed;
        }

        // A form posted into a frame that then showed another origin: its status cannot be read.
        if (changes.Any(r => r.EndOrder < answer.Order && r.Unreadable))
        {
            return Confirmation.Unseen;
        }

        var before = changes.Where(r => r.EndOrder < answer.Order).ToList();
        return Confirmation.Not(before.Count > 0
            ? $"callback(true) although the cart request failed ({string.Join(", ", before.Select(r => $"{r.Method} {r.Url} → {r.Result}"))})"
            : "callback(true) came before any cart request was sent");
    }

    // A cart request did go out in the event's window, from the page's background work (a poll, or
    // a queue that a timer set up before the event flushes and whose answer reached the callback
    // some other way): the merchant should know why it does not count. Null when none did.
    private static string? BackgroundCartRequests(EventEvidence evidence, CartApiPattern cart)
    {
        var seen = evidence.BackgroundRequests.Where(cart.Matches).Select(r => $"{r.Method} {r.Url}").Distinct().Take(MaxListed).ToList();
        return seen.Count == 0
            ? null
            : $"callback(true) with no cart request of its own: {string.Join(", ", seen)} went out meanwhile from the page's background work (a timer, interval or animation frame scheduled while no event was being handled), which is not this event's; send the cart request from the handler, or from a timer it sets, and call back from its answer";
    }

    // A handler that threw synchronously, returned a rejected promise, or made the page throw while its event was handled.
    internal static string? Thrown(ObservedEvent observed)
    {
        var problems = new List<string>();
        if (observed.Outcome == WidgetContract.Outcomes.Threw || observed.Evidence.Marks.Any(m => m.Kind == "threw"))
        {
            var mark = observed.Evidence.Marks.FirstOrDefault(m => m.Kind == "threw");
            problems.Add($"the handler threw {mark?.Detail ?? "an error"}");
        }

        foreach (var error in observed.Evidence.Errors.Where(e => !e.Opaque))
        {
            problems.Add($"{(error.Kind == "unhandled-rejection" ? "an unhandled rejection" : "an uncaught error")} {error.Describe()}");
        }

        if (ThrownLater(observed) is { } later)
        {
            problems.Add(later);
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>What the work the handler left for later threw once the event was over; null when nothing.</summary>
    internal static string? ThrownLater(ObservedEvent observed)
    {
        var errors = observed.Later?.Errors ?? [];
        return errors.Count == 0
            ? null
            : string.Join("; ", errors.Select(error => $"{(error.Kind == "unhandled-rejection" ? "an unhandled rejection" : "an uncaught error")} {error.Describe()} after the event was over, {LeftForLater}"));
    }

    /// <summary>Where the work the handler left for later took the page once the event was over; null when nowhere.</summary>
    internal static string? LeftPageLater(ObservedEvent observed)
    {
        var departures = observed.Later?.Departures ?? [];
        return departures.Count == 0
            ? null
            : $"{string.Join("; ", departures.Select(d => d.Describe()))} after the event was over";
    }

    /// <summary>What a navigation <see cref="LeftPageLater"/> names means: said once after them.</summary>
    internal static string LeftPageBecause => $"Such a navigation comes {LeftForLater}. The recorder stopped it so the run could go on; in a real call {PageNavigatedException.Consequence}";

    private const string LeftForLater = "from a timer (of more than a second) or an interval its handler set: the run runs such work still pending when the page is done, as the rest of a real call would";

    /// <summary>" (1 of them after the event was over, from a timer …)": a guard timer never cleared; empty when none was.</summary>
    internal static string CalledBackLater(ObservedEvent observed) =>
        observed.CallbackCalls > observed.Entry.CallbackCalls
            ? $" ({observed.CallbackCalls - observed.Entry.CallbackCalls} of them after the event was over, {LeftForLater}; clear such a timer once the handler has answered)"
            : string.Empty;

    // "; while it waited the page threw ReferenceError: … (at app.js:9:14)": what explains a timeout.
    private static string Explained(ObservedEvent observed)
    {
        var errors = observed.Evidence.Errors.Where(e => !e.Opaque).Select(e => e.Describe()).ToList();
        return errors.Count == 0 ? string.Empty : $"; while it waited the page threw {string.Join("; ", errors.Take(2))}";
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= MaxListed
            ? string.Join(" | ", all)
            : string.Join(" | ", all.Take(MaxListed)) + $" | … and {all.Count - MaxListed} more";
    }
}

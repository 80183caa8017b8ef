using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// One event the fake emitted during a validation, numbered across the whole run, with the
/// evidence of what the page did while it was handled and the backend condition it ran under.
/// </summary>
/// <param name="Number">1-based, across every fresh page of the run: what reports link checks to.</param>
/// <param name="Step">What the run was doing: "add.success", "update.quantity 1 → 3", "add.backend-failure (HTTP 500)"…</param>
public sealed record ObservedEvent(int Number, string Step, TraceEntry Entry, EventEvidence Evidence)
{
    /// <summary>The fresh page of the run it happened on ("embed and add", "update.remove"…).</summary>
    public string Page { get; init; } = string.Empty;

    /// <summary>The backend condition the event ran under; <see cref="BackendCondition.Ok"/> for a healthy backend.</summary>
    public BackendCondition Fault { get; init; }

    /// <summary>How many requests met <see cref="Fault"/>.</summary>
    public int FaultedRequests { get; init; }

    /// <summary>
    /// The run expected the native cart to refuse this change (an out-of-stock or unknown SKU):
    /// a callback(true) here is its check's failure, not an unconfirmed success.
    /// </summary>
    public bool RefusalExpected { get; init; }

    /// <summary>
    /// What the work its handling left for later (a timer of more than a second, an interval) did
    /// after the event was over, read when its page was done; null until then.
    /// </summary>
    public LaterWork? Later { get; init; }

    /// <summary>How many times its handlers called back, the calls made after the event was over included.</summary>
    public int CallbackCalls => Math.Max(Entry.CallbackCalls, Later?.CallbackCalls ?? 0);

    /// <summary>The handler should end in callback(true): a working or slow backend, nothing to refuse.</summary>
    public bool SuccessExpected => !RefusalExpected && Fault is BackendCondition.Ok or BackendCondition.Slow;

    public string Event => Entry.Event;

    public string? Outcome => Entry.Outcome;

    public bool IsCartEvent => Event is WidgetContract.Events.AddItem or WidgetContract.Events.UpdateItem;

    /// <summary>A handler called back (with any value) before the timeout.</summary>
    public bool Answered => Outcome is not (null or WidgetContract.Outcomes.Timeout or WidgetContract.Outcomes.Threw or WidgetContract.Outcomes.NoHandler);

    /// <summary>"#3 should-update-item-in-cart { sku: 'A', quantity: 3, previousQuantity: 1 }".</summary>
    public string Label => $"#{Number} {Describe()}";

    /// <summary>The event and its payload, as the merchant's handler received it.</summary>
    public string Describe()
    {
        var payload = Entry.Payload;
        if (payload.ValueKind != JsonValueKind.Object || Event == WidgetContract.Events.GotoCheckout)
        {
            return Event;
        }

        var parts = new List<string>();
        foreach (var property in payload.EnumerateObject())
        {
            parts.Add(property.Value.ValueKind == JsonValueKind.String ? $"{property.Name}: '{property.Value.GetString()}'" : $"{property.Name}: {property.Value.GetRawText()}");
        }

        return $"{Event} {{ {string.Join(", ", parts)} }}";
    }

    /// <summary>"callback(true)", "no callback within the timeout", "the handler threw"…; for a checkout, where it went.</summary>
    public string AnswerText => Event switch
    {
        WidgetContract.Events.GotoCheckout or WidgetContract.Events.ProvideProductData =>
            $"{Outcome ?? "nothing yet"}{(Entry.Value is { ValueKind: JsonValueKind.String } text ? $" {text.GetString()}" : string.Empty)}",
        _ => Answers.Describe(Outcome, Entry.Value),
    };

    /// <summary>The event's timeline with the cart requests (or all requests when none matched).</summary>
    public string Timeline(CartApiPattern cart, Uri? page) =>
        Evidence.Timeline(Evidence.CartRequests(cart).Count > 0 ? cart : null, page);
}

/// <summary>
/// What an event's work left for later did once the event was over: when its page was done, the
/// harness ran each such timer or interval still pending (see docs/validation-checks.md).
/// </summary>
/// <param name="CallbackCalls">The event's callback calls in all, as the widget counted them at the end.</param>
/// <param name="Errors">Errors that work threw (or rejections it left unhandled) after the event's evidence was read.</param>
/// <param name="Departures">Navigations away from the page it started, stopped by the recorder: each would have ended the call.</param>
public sealed record LaterWork(int CallbackCalls, IReadOnlyList<PageErrorRecord> Errors, IReadOnlyList<DepartureRecord> Departures)
{
    /// <summary>
    /// What <paramref name="observed"/>'s later work did, from a read of its page (and the widget's
    /// trace) made once that work was run: null when it called back no more and threw nothing.
    /// </summary>
    internal static LaterWork? Of(ObservedEvent observed, PageEvidence read, IReadOnlyList<TraceEntry> trace)
    {
        var calls = trace.LastOrDefault(t => t.Seq == observed.Entry.Seq)?.CallbackCalls ?? 0;
        var seen = observed.Evidence.Errors.Select(e => e.Order).ToHashSet();
        var errors = read.Errors.Where(e => e.Seq == observed.Entry.Seq && !e.Opaque && !seen.Contains(e.Order)).ToList();
        var departures = read.Departures.Where(d => d.Seq == observed.Entry.Seq).ToList();
        return calls > observed.Entry.CallbackCalls || errors.Count > 0 || departures.Count > 0 ? new LaterWork(calls, errors, departures) : null;
    }
}

/// <summary>The fault names reports and scenario files use.</summary>
internal static class CartFaultNames
{
    /// <summary>The condition's wire name; null for a working backend, which reports leave out.</summary>
    public static string? Name(BackendCondition fault) => fault == BackendCondition.Ok ? null : fault.Wire();

    /// <summary>"with the cart backend answering HTTP 500"…</summary>
    public static string Condition(BackendCondition fault, int slowMs) => fault switch
    {
        BackendCondition.Http500 => "with the cart backend answering HTTP 500",
        BackendCondition.NetworkError => "with the cart backend unreachable (network error)",
        BackendCondition.Slow => $"with a slow cart backend (every answer {slowMs} ms late)",
        _ => "with a working cart backend",
    };
}

/// <summary>What a handler answered, in the merchant's words.</summary>
internal static class Answers
{
    public static string Describe(string? outcome, JsonElement? value) => outcome switch
    {
        WidgetContract.Outcomes.Timeout => "no callback within the timeout",
        WidgetContract.Outcomes.Threw => "the handler threw",
        WidgetContract.Outcomes.NoHandler => "no handler",
        null => "nothing yet",
        _ => $"callback({(value is { } v && v.ValueKind != JsonValueKind.Undefined ? v.GetRawText() : "undefined")})",
    };

    public static string Describe(CartOutcome outcome) => Describe(outcome.Outcome.Wire(), outcome.Value);
}

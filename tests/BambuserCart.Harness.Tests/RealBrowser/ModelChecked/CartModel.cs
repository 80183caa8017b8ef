using BambuserCart.Contract;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// The reference model the fake is checked against: what the widget cart, the widget's message,
/// its diagnostics and the sample shop's native cart must be after each step, given the agent's
/// action and how the page answered. Written from the contract, independently of the fake's code:
/// - an add of a SKU already in the widget cart is an update to its quantity + 1;
/// - the agent cannot set a line to the quantity it has, nor change or remove a line that is not
///   there: the fake refuses, nothing is emitted and nothing changes;
/// - only a success changes the widget cart; every outcome sets the message (none for success);
/// - the first answer counts; later answers and answers after the timeout are ignored.
/// </summary>
public sealed class CartModel(IReadOnlyDictionary<string, int> stock)
{
    private readonly List<(string Sku, int Quantity)> widgetCart = [];
    private readonly List<(string Sku, int Quantity)> nativeCart = [];
    private readonly List<DiagnosticCode> diagnostics = [];

    public IReadOnlyList<(string Sku, int Quantity)> WidgetCart => widgetCart;

    public IReadOnlyList<(string Sku, int Quantity)> NativeCart => nativeCart;

    /// <summary>The kind of message the widget shows (error, out-of-stock, timeout), or null for none.</summary>
    public string? MessageKind { get; private set; }

    public IReadOnlyList<DiagnosticCode> Diagnostics => diagnostics;

    /// <summary>A deliberately wrong belief, to prove the model check can fail: a silent handler leaves no message.</summary>
    public bool SilenceShowsNoMessage { get; init; }

    /// <summary>Applies one step and says what the fake must have emitted and concluded.</summary>
    public Expected Apply(SessionStep step)
    {
        var line = widgetCart.FindIndex(l => l.Sku == step.Sku);
        var current = line >= 0 ? widgetCart[line].Quantity : 0;
        (string Event, int? Quantity)? emitted = step.Action switch
        {
            AgentAction.Add when line < 0 => (WidgetContract.Events.AddItem, null),
            AgentAction.Add => (WidgetContract.Events.UpdateItem, current + 1),
            AgentAction.SetQuantity when line >= 0 && step.Quantity != current => (WidgetContract.Events.UpdateItem, step.Quantity),
            AgentAction.Remove when line >= 0 => (WidgetContract.Events.UpdateItem, 0),
            _ => null,
        };
        if (emitted is not { } e)
        {
            return Expected.Refused;
        }

        var outcome = Outcome(step, e.Event, e.Quantity);
        MessageKind = outcome switch
        {
            WidgetContract.Outcomes.Timeout when SilenceShowsNoMessage && step.Answer == PlannedAnswer.Silent => null,
            WidgetContract.Outcomes.Success => null,
            WidgetContract.Outcomes.OutOfStock => WidgetContract.Messages.OutOfStockKind,
            WidgetContract.Outcomes.Timeout => WidgetContract.Messages.TimeoutKind,
            _ => WidgetContract.Messages.ErrorKind,
        };
        if (outcome == WidgetContract.Outcomes.Success)
        {
            Set(widgetCart, step.Sku, e.Quantity ?? 1);
        }

        return new Expected(e.Event, e.Quantity, outcome);
    }

    private string Outcome(SessionStep step, string @event, int? quantity)
    {
        switch (step.Answer)
        {
            case PlannedAnswer.Refuse:
                return WidgetContract.Outcomes.Failure;
            case PlannedAnswer.OutOfStock:
                return WidgetContract.Outcomes.OutOfStock;
            case PlannedAnswer.Invalid:
                diagnostics.Add(DiagnosticCode.InvalidCallbackValue);
                return WidgetContract.Outcomes.Invalid;
            case PlannedAnswer.Silent:
                diagnostics.Add(DiagnosticCode.CallbackTimeout);
                return WidgetContract.Outcomes.Timeout;
            case PlannedAnswer.Throw:
                diagnostics.Add(DiagnosticCode.HandlerThrew);
                return WidgetContract.Outcomes.Threw;
            case PlannedAnswer.Twice:
                var twice = Mirror(step.Sku, @event, quantity);
                diagnostics.Add(DiagnosticCode.CallbackCalledTwice);
                return twice;
            case PlannedAnswer.Late:
                // The shop's cart changes, but the widget has already given up: the two now differ,
                // which is exactly what a merchant must learn from a late answer.
                Mirror(step.Sku, @event, quantity);
                diagnostics.Add(DiagnosticCode.CallbackTimeout);
                diagnostics.Add(DiagnosticCode.CallbackAfterTimeout);
                return WidgetContract.Outcomes.Timeout;
            default:
                return Mirror(step.Sku, @event, quantity);
        }
    }

    // The sample shop: /cart/add adds 1, /cart/update sets the quantity (0 removes), both refuse
    // past stock (409, answered out of stock) and refuse an unknown SKU (404, answered false).
    private string Mirror(string sku, string @event, int? quantity)
    {
        if (!stock.TryGetValue(sku, out var available))
        {
            return WidgetContract.Outcomes.Failure;
        }

        var wanted = quantity ?? (nativeCart.Find(l => l.Sku == sku).Quantity + 1);
        if (wanted > available)
        {
            return WidgetContract.Outcomes.OutOfStock;
        }

        Set(nativeCart, sku, wanted);
        return WidgetContract.Outcomes.Success;
    }

    // Lines keep the order they were first added in; quantity 0 removes a line.
    private static void Set(List<(string Sku, int Quantity)> cart, string sku, int quantity)
    {
        var index = cart.FindIndex(l => l.Sku == sku);
        if (quantity == 0)
        {
            if (index >= 0)
            {
                cart.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            cart[index] = (sku, quantity);
        }
        else
        {
            cart.Add((sku, quantity));
        }
    }
}

/// <summary>What one step must have done: the event, its quantity (update only) and its outcome; or nothing, refused.</summary>
public sealed record Expected(string? Event, int? Quantity, string? Outcome)
{
    public static readonly Expected Refused = new(null, null, null);

    public bool IsRefused => Event is null;
}

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>What the agent does in one step of a generated session.</summary>
public enum AgentAction
{
    Add,
    SetQuantity,
    Remove,
}

/// <summary>How the page under test answers the event a step emits: every kind the contract allows, and the mistakes.</summary>
public enum PlannedAnswer
{
    /// <summary>Mirror into the sample shop's cart and answer what it said: true, out of stock (409) or false.</summary>
    Mirror,

    /// <summary>callback(false).</summary>
    Refuse,

    /// <summary>callback({ success: false, reason: 'out-of-stock' }) without asking the shop.</summary>
    OutOfStock,

    /// <summary>callback('yes'): not a documented value.</summary>
    Invalid,

    /// <summary>Never answers: the widget's (short, configured) timeout settles it.</summary>
    Silent,

    /// <summary>The handler throws.</summary>
    Throw,

    /// <summary>Mirrors, then calls back twice with the same value.</summary>
    Twice,

    /// <summary>Mirrors, then answers only after the widget has settled the event as timed out.</summary>
    Late,
}

/// <summary>One generated step: an agent action on a SKU, with a quantity for SetQuantity, and the page's planned answer.</summary>
public sealed record SessionStep(AgentAction Action, string Sku, int Quantity, PlannedAnswer Answer)
{
    public override string ToString() => Action switch
    {
        AgentAction.SetQuantity => $"setQuantity {Sku} {Quantity}, answered {Answer}",
        _ => $"{Action.ToString().ToLowerInvariant()} {Sku}, answered {Answer}",
    };
}

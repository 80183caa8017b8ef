using BambuserCart.Contract;

namespace BambuserCart.Harness.Exploration;

/// <summary>What the agent (or the cart backend) does in one generated step, before the model fits it to the session.</summary>
internal enum MoveKind
{
    /// <summary>Add a SKU: an add event, or an update to one more when the line is there.</summary>
    Add,

    /// <summary>Change the quantity of a line in the widget cart.</summary>
    SetQuantity,

    /// <summary>Remove a line from the widget cart (an update to quantity 0).</summary>
    Remove,

    /// <summary>Look a product up by SKU (provide-product-data); only where the page hydrates.</summary>
    Lookup,

    /// <summary>The shopper clicks Checkout; only where the button shows (a goto-checkout handler, a non-empty cart).</summary>
    Checkout,
}

/// <summary>How a <see cref="MoveKind.SetQuantity"/> changes the line.</summary>
internal enum QuantityChange
{
    /// <summary>One more.</summary>
    Up,

    /// <summary>One less (from 1, that is 0: a removal).</summary>
    Down,

    /// <summary>Three more at once: tells setting a quantity from adding one.</summary>
    Jump,

    /// <summary>Down to 1 at once (from more than 2): tells setting a quantity from taking one away.</summary>
    DropToOne,

    /// <summary>Straight to 0.</summary>
    Zero,

    /// <summary>One past the SKU's stock; only when the stock is known.</summary>
    PastStock,
}

/// <summary>
/// One generated step. The <see cref="Sku"/> is an index into the target's <see cref="ExploreCatalog"/>,
/// so the same seed gives the same session on any catalog size.
/// </summary>
internal sealed record AgentMove(MoveKind Kind, int Sku, QuantityChange Change, BackendCondition Backend);

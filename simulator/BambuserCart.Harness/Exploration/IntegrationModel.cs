using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;

namespace BambuserCart.Harness.Exploration;

/// <summary>
/// The reference model of a correct integration: given the agent's moves and the backend's
/// condition, what each step must lead to. It turns a generated session into a scenario whose
/// expectations are the model's, so the scenario runner compares page and model after every step
/// and a divergence is a failing step of a file <c>replay</c> can run. The rules, from the contract:
/// - an add of a SKU not in the widget cart emits should-add-item-to-cart; of one that is there,
///   should-update-item-in-cart with one more; a quantity change or a removal (quantity 0) of a
///   line emits an update (generated moves change a line that is there, and are adds when the cart
///   is empty); the widget emits nothing for a quantity the line already has, so such a move is
///   skipped;
/// - with the backend failing (HTTP 500, network error) a change must be refused: false, or out of
///   stock; a slow backend must still end in success;
/// - a SKU the shop does not sell must be refused (false or out of stock); a quantity past the
///   stock must be answered out of stock;
/// - anything else must succeed, and only a success changes the carts: the widget cart and the
///   native cart then hold the same lines (the native cart in any order);
/// - a success clears the widget's message and an out-of-stock answer shows its message;
/// - every event is answered once, no error is thrown while it is handled, and a true comes only
///   after a cart request of the event answered 2xx (<see cref="StepExpectations.FollowsContract"/>);
/// - the Checkout button shows exactly when a goto-checkout handler is registered and the widget
///   cart is not empty; a checkout must float the call above the checkout page or open a new tab,
///   never navigate this tab (which would end the call);
/// - where the page hydrates products, a sold SKU hydrates to a product holding it and an unknown
///   one is answered with an error for the agent; once a product with no stock has been looked up
///   (and so shown sold out), the agent tool does not let the agent add it, so such adds are skipped.
/// </summary>
internal sealed class IntegrationModel
{
    private readonly ExploreCatalog catalog;
    private readonly bool readsNativeCart;
    private readonly bool hydrates;
    private readonly bool checksOut;
    private readonly List<CartItem> cart = [];
    private readonly HashSet<string> shownSoldOut = [];

    /// <param name="readsNativeCart">The native cart can be read (the sample backend, or a cart probe).</param>
    /// <param name="hydrates">The page registered a provide-product-data handler.</param>
    /// <param name="checksOut">The page registered a goto-checkout handler.</param>
    public IntegrationModel(ExploreCatalog catalog, bool readsNativeCart, bool hydrates, bool checksOut = false)
    {
        this.catalog = catalog;
        this.readsNativeCart = readsNativeCart;
        this.hydrates = hydrates;
        this.checksOut = checksOut;
    }

    /// <summary>
    /// The whole session as scenario steps, each with the index of the move it came from; the
    /// moves the widget would emit nothing for are skipped.
    /// </summary>
    public static IReadOnlyList<(int Move, ScenarioStep Step)> Steps(IEnumerable<AgentMove> moves, ExploreCatalog catalog, bool readsNativeCart, bool hydrates, bool checksOut = false)
    {
        var model = new IntegrationModel(catalog, readsNativeCart, hydrates, checksOut);
        return moves.Select((move, i) => (Move: i, Step: model.Next(move))).Where(x => x.Step is not null).Select(x => (x.Move, x.Step!)).ToList();
    }

    /// <summary>The step a move becomes, with what must hold after it; null when the widget would emit nothing.</summary>
    public ScenarioStep? Next(AgentMove move)
    {
        if (move.Kind == MoveKind.Lookup)
        {
            return Lookup(catalog[move.Sku]);
        }

        if (move.Kind == MoveKind.Checkout)
        {
            return Checkout();
        }

        // A change or a removal is of a line that is there (the agent picks one of the cart's
        // lines); with an empty cart the move is an add, so no generated move is wasted.
        if (move.Kind is MoveKind.SetQuantity or MoveKind.Remove && cart.Count == 0)
        {
            move = move with { Kind = MoveKind.Add };
        }

        var sku = move.Kind == MoveKind.Add ? catalog[move.Sku] : catalog.Find(cart[move.Sku % cart.Count].Sku)!;

        var current = cart.Find(l => l.Sku == sku.Sku)?.Quantity ?? 0;
        int? target = move.Kind switch
        {
            MoveKind.Add => current + 1,
            MoveKind.Remove when current > 0 => 0,
            MoveKind.SetQuantity when current > 0 => move.Change switch
            {
                QuantityChange.Up => current + 1,
                QuantityChange.Down => current - 1,
                QuantityChange.Jump => current + 3,
                QuantityChange.DropToOne when current > 2 => 1,
                QuantityChange.DropToOne => null,
                QuantityChange.Zero => 0,
                _ => sku.Stock is { } stock && stock + 1 != current ? stock + 1 : null,
            },
            _ => null,
        };

        // Past what a URL target's SKU is assumed to hold, the right answer is not known.
        if (target is not { } quantity || quantity == current || (sku.Stock is null && quantity > ExploreCatalog.AssumedStock))
        {
            return null;
        }

        // Once the agent has seen a product hydrated as sold out, the agent tool does not offer to add it.
        if (shownSoldOut.Contains(sku.Sku))
        {
            return null;
        }

        var @event = current == 0 ? WidgetContract.Events.AddItem : WidgetContract.Events.UpdateItem;
        var action = move.Kind switch
        {
            MoveKind.Add => ScenarioAction.Add,
            MoveKind.Remove => ScenarioAction.Remove,
            _ => ScenarioAction.SetQuantity,
        };
        var expect = Expect(sku, quantity, move.Backend) with { Event = @event, FollowsContract = true };
        return new ScenarioStep(action, sku.Sku, action == ScenarioAction.SetQuantity ? quantity : null, Backend(move.Backend), null, expect);
    }

    private StepExpectations Expect(ExploreSku sku, int quantity, BackendCondition backend)
    {
        if (backend is BackendCondition.Http500 or BackendCondition.NetworkError || !sku.Sold)
        {
            // Refused either way; which of the two refusals (and so which message) is the merchant's choice.
            return State(new StepExpectations { OutcomeAnyOf = [CallbackOutcome.Failure, CallbackOutcome.OutOfStock] });
        }

        if (quantity > sku.Stock)
        {
            return State(new StepExpectations { Outcome = CallbackOutcome.OutOfStock, HasMessage = true, Message = WidgetContract.Messages.OutOfStockKind });
        }

        Set(sku.Sku, quantity);
        return State(new StepExpectations { Outcome = CallbackOutcome.Success, HasMessage = true, Message = null });
    }

    private StepExpectations State(StepExpectations expect) => expect with
    {
        WidgetCart = [.. cart],
        NativeCart = readsNativeCart ? [.. cart] : null,
        CheckoutButton = checksOut && cart.Count > 0,
    };

    // The call must go on: floated above the checkout, or beside it in a new tab. Navigating this
    // tab would end it. The carts stay as they are.
    private ScenarioStep? Checkout() =>
        checksOut && cart.Count > 0
            ? new ScenarioStep(ScenarioAction.Checkout, null, null, null, null, State(new StepExpectations { NavigationAnyOf = [CheckoutNavigation.Miniplayer, CheckoutNavigation.NewTab] }))
            : null;

    private ScenarioStep? Lookup(ExploreSku sku)
    {
        if (!hydrates)
        {
            return null;
        }

        if (sku.Stock == 0)
        {
            shownSoldOut.Add(sku.Sku);
        }

        var expect = sku.Sold
            ? new StepExpectations { Lookup = LookupResult.Hydrated, HasProduct = true, Product = new ProductExpectation(null, sku.Sku) }
            : new StepExpectations { Lookup = LookupResult.Error };
        return new ScenarioStep(ScenarioAction.LookupProduct, null, null, null, null, State(expect)) { Ref = sku.Sku };
    }

    // A working backend is left out of the step, as a person writing the file would.
    private static BackendCondition? Backend(BackendCondition backend) => backend == BackendCondition.Ok ? null : backend;

    // Lines keep the order they were first added in (as the widget lists them); 0 removes a line.
    private void Set(string sku, int quantity)
    {
        var index = cart.FindIndex(l => l.Sku == sku);
        if (quantity == 0)
        {
            cart.RemoveAt(index);
        }
        else if (index >= 0)
        {
            cart[index] = new CartItem(sku, quantity);
        }
        else
        {
            cart.Add(new CartItem(sku, quantity));
        }
    }
}

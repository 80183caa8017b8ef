using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Exploration;

namespace BambuserCart.Harness.Tests.Exploration;

/// <summary>The reference model's rules, one session at a time: what a correct integration must do after each move.</summary>
public sealed class IntegrationModelTests
{
    private static readonly ExploreCatalog Catalog = new([
        new ExploreSku("PLENTY", 25),
        new ExploreSku("LOW", 2),
        new ExploreSku("NONE", 0),
        new ExploreSku("UNSOLD", 0, Sold: false),
    ]);

    private const int Plenty = 0;
    private const int Low = 1;
    private const int None = 2;
    private const int Unsold = 3;

    [Test]
    public void Remove_then_re_add_is_an_add_event_and_a_fresh_line_of_one()
    {
        var steps = Steps(Move(MoveKind.Add, Plenty), Move(MoveKind.Add, Plenty), Move(MoveKind.Remove, 0), Move(MoveKind.Add, Plenty));

        Assert.That(steps.Select(s => (s.Action, s.Expect.Event)), Is.EqualTo(new[]
        {
            (ScenarioAction.Add, WidgetContract.Events.AddItem),
            (ScenarioAction.Add, WidgetContract.Events.UpdateItem),
            (ScenarioAction.Remove, WidgetContract.Events.UpdateItem),
            (ScenarioAction.Add, WidgetContract.Events.AddItem),
        }));
        Assert.That(steps[^1].Expect.NativeCart, Is.EqualTo(new[] { new CartItem("PLENTY", 1) }));
        Assert.That(steps[^1].Expect.WidgetCart, Is.EqualTo(new[] { new CartItem("PLENTY", 1) }));
    }

    [Test]
    public void Quantity_past_stock_must_be_answered_out_of_stock_and_leaves_both_carts_as_they_were()
    {
        var steps = Steps(Move(MoveKind.Add, Low), Move(MoveKind.SetQuantity, 0, QuantityChange.PastStock), Move(MoveKind.SetQuantity, 0, QuantityChange.Up));

        Assert.That(steps[1], Is.EqualTo(steps[1] with { Action = ScenarioAction.SetQuantity, Quantity = 3 }));
        Assert.That((steps[1].Expect.Outcome, steps[1].Expect.Message), Is.EqualTo(((CallbackOutcome?)CallbackOutcome.OutOfStock, WidgetContract.Messages.OutOfStockKind)));
        Assert.That(steps[1].Expect.NativeCart, Is.EqualTo(new[] { new CartItem("LOW", 1) }));
        Assert.That((steps[2].Quantity, steps[2].Expect.Outcome, steps[2].Expect.HasMessage, steps[2].Expect.Message), Is.EqualTo(((int?)2, (CallbackOutcome?)CallbackOutcome.Success, true, (string?)null)), "a success after a refusal clears the message");
    }

    [Test]
    public void Quantity_jumps_and_drops_tell_setting_a_quantity_from_adding_or_taking_one()
    {
        var steps = Steps(Move(MoveKind.Add, Plenty), Move(MoveKind.SetQuantity, 0, QuantityChange.Jump), Move(MoveKind.SetQuantity, 0, QuantityChange.DropToOne), Move(MoveKind.SetQuantity, 0, QuantityChange.DropToOne));

        Assert.That(steps.Select(s => s.Describe()), Is.EqualTo(new[] { "add PLENTY", "setQuantity PLENTY 4", "setQuantity PLENTY 1" }), "a drop to one from one emits nothing");
        Assert.That(steps[1].Expect.NativeCart, Is.EqualTo(new[] { new CartItem("PLENTY", 4) }));
    }

    [TestCase(BackendCondition.Http500, "http-500")]
    [TestCase(BackendCondition.NetworkError, "network-error")]
    public void A_failing_backend_must_refuse_either_way_and_change_nothing(BackendCondition backend, string written)
    {
        var steps = Steps(Move(MoveKind.Add, Plenty), Move(MoveKind.SetQuantity, 0, QuantityChange.Up, backend));

        Assert.That(steps[1].Backend?.Wire(), Is.EqualTo(written));
        Assert.That(steps[1].Expect.OutcomeAnyOf, Is.EqualTo(new[] { CallbackOutcome.Failure, CallbackOutcome.OutOfStock }));
        Assert.That((steps[1].Expect.Outcome, steps[1].Expect.HasMessage), Is.EqualTo(((CallbackOutcome?)null, false)), "which refusal, and so which message, is the merchant's choice");
        Assert.That(steps[1].Expect.WidgetCart, Is.EqualTo(new[] { new CartItem("PLENTY", 1) }));
    }

    [Test]
    public void A_slow_backend_must_still_succeed()
    {
        var step = Steps(Move(MoveKind.Add, Plenty, backend: BackendCondition.Slow)).Single();

        Assert.That((step.Backend, step.Expect.Outcome), Is.EqualTo(((BackendCondition?)BackendCondition.Slow, (CallbackOutcome?)CallbackOutcome.Success)));
    }

    [Test]
    public void An_unsold_sku_must_be_refused_and_a_sold_out_one_answered_out_of_stock()
    {
        var steps = Steps(Move(MoveKind.Add, Unsold), Move(MoveKind.Add, None));

        Assert.That(steps[0].Expect.OutcomeAnyOf, Is.EqualTo(new[] { CallbackOutcome.Failure, CallbackOutcome.OutOfStock }));
        Assert.That(steps[1].Expect.Outcome, Is.EqualTo(CallbackOutcome.OutOfStock));
        Assert.That(steps.Select(s => s.Expect.NativeCart), Is.All.Empty);
    }

    [Test]
    public void Changes_and_removals_of_an_empty_cart_become_adds_so_no_move_is_wasted()
    {
        var steps = Steps(Move(MoveKind.SetQuantity, Plenty), Move(MoveKind.Remove, 0), Move(MoveKind.Remove, 0), Move(MoveKind.Add, Low), Move(MoveKind.Add, Low), Move(MoveKind.Add, Low));

        Assert.That(steps.Select(s => s.Describe()), Is.EqualTo(new[] { "add PLENTY", "remove PLENTY", "add PLENTY", "add LOW", "add LOW", "add LOW" }));
        Assert.That(steps[^1].Expect.Outcome, Is.EqualTo(CallbackOutcome.OutOfStock), "a third of two in stock");
    }

    [Test]
    public void Every_cart_step_asks_for_the_contract_rules_and_the_native_cart_only_when_it_can_be_read()
    {
        var readable = Steps(Move(MoveKind.Add, Plenty));
        var unreadable = IntegrationModel.Steps([Move(MoveKind.Add, Plenty)], Catalog, readsNativeCart: false, hydrates: false).Select(x => x.Step).ToList();

        Assert.That(readable.Single().Expect.FollowsContract, Is.True);
        Assert.That((readable.Single().Expect.NativeCart is null, unreadable.Single().Expect.NativeCart is null), Is.EqualTo((false, true)));
    }

    [Test]
    public void Lookups_are_played_only_where_the_page_hydrates_and_a_product_shown_sold_out_is_not_added()
    {
        var moves = new[] { Move(MoveKind.Lookup, None), Move(MoveKind.Add, None), Move(MoveKind.Lookup, Unsold) };

        var hydrating = IntegrationModel.Steps(moves, Catalog, readsNativeCart: true, hydrates: true).Select(x => x.Step).ToList();
        var plain = IntegrationModel.Steps(moves, Catalog, readsNativeCart: true, hydrates: false).Select(x => x.Step).ToList();

        Assert.That(hydrating.Select(s => (s.Describe(), s.Expect.Lookup)), Is.EqualTo(new[] { ("lookupProduct NONE", (LookupResult?)LookupResult.Hydrated), ("lookupProduct UNSOLD", LookupResult.Error) }));
        Assert.That(hydrating[0].Expect.Product, Is.EqualTo(new ProductExpectation(null, "NONE")));
        Assert.That(plain.Select(s => s.Describe()), Is.EqualTo(new[] { "add NONE" }));
    }

    [Test]
    public void Checkout_is_played_only_where_the_button_shows_and_must_keep_the_call_going()
    {
        var moves = new[] { Move(MoveKind.Checkout, 0), Move(MoveKind.Add, Plenty), Move(MoveKind.Checkout, 0), Move(MoveKind.Remove, 0) };

        var withHandler = IntegrationModel.Steps(moves, Catalog, readsNativeCart: true, hydrates: false, checksOut: true).Select(x => x.Step).ToList();
        var without = IntegrationModel.Steps(moves, Catalog, readsNativeCart: true, hydrates: false, checksOut: false).Select(x => x.Step).ToList();

        Assert.That(withHandler.Select(s => (s.Describe(), s.Expect.CheckoutButton)), Is.EqualTo(new[] { ("add PLENTY", (bool?)true), ("checkout", true), ("remove PLENTY", false) }));
        Assert.That(withHandler[1].Expect.NavigationAnyOf, Is.EqualTo(new[] { CheckoutNavigation.Miniplayer, CheckoutNavigation.NewTab }));
        Assert.That(without.Select(s => (s.Describe(), s.Expect.CheckoutButton)), Is.EqualTo(new[] { ("add PLENTY", (bool?)false), ("remove PLENTY", false) }));
    }

    [Test]
    public void A_url_targets_sku_is_not_taken_past_the_stock_it_is_assumed_to_hold()
    {
        var catalog = ExploreCatalog.FromOptions(["A"], null, "X");
        var moves = Enumerable.Repeat(Move(MoveKind.Add, 0), 6).Append(Move(MoveKind.SetQuantity, 0, QuantityChange.PastStock));

        var steps = IntegrationModel.Steps(moves, catalog, readsNativeCart: false, hydrates: false).Select(x => x.Step).ToList();

        Assert.That(steps, Has.Count.EqualTo(ExploreCatalog.AssumedStock));
        Assert.That(steps.Select(s => s.Expect.Outcome), Is.All.EqualTo(CallbackOutcome.Success));
    }

    [Test]
    public void The_same_seed_generates_the_same_sessions_and_another_seed_others()
    {
        var first = Enumerable.Range(0, 20).Select(run => MoveGenerator.Session(42, run, 12)).ToList();
        var again = Enumerable.Range(0, 20).Select(run => MoveGenerator.Session(42, run, 12)).ToList();
        var other = Enumerable.Range(0, 20).Select(run => MoveGenerator.Session(43, run, 12)).ToList();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Select(s => s.Length), Is.All.InRange(6, 12));
    }

    private static List<ScenarioStep> Steps(params AgentMove[] moves) =>
        IntegrationModel.Steps(moves, Catalog, readsNativeCart: true, hydrates: false).Select(x => x.Step).ToList();

    private static AgentMove Move(MoveKind kind, int sku, QuantityChange change = QuantityChange.Up, BackendCondition backend = BackendCondition.Ok) =>
        new(kind, sku, change, backend);
}

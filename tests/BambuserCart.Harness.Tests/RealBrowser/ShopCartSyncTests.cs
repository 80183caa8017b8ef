using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// The sample shop's reference integration mirrors every agent action into the native cart
/// (Cart integration page: "Handle Add to Cart Event", "Handle Update Cart Event").
/// </summary>
public sealed class ShopCartSyncTests : BrowserTest
{
    [SetUp]
    public Task OpenShop() => OpenShopAsync();

    [Test]
    public async Task Agent_add_emits_add_event_and_puts_the_sku_in_widget_and_native_cart()
    {
        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Event, Is.EqualTo(WidgetContract.Events.AddItem));
            Assert.That(outcome.Payload, Is.EqualTo(new BambuserCart.Contract.CartEventPayload("SHIRT-BLUE-M", null, null)));
            Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Success));
            Assert.That(outcome.CallbackCalls, Is.EqualTo(1));
        });
        var state = await Widget.StateAsync();
        Assert.That(state.WidgetCart.Select(l => (l.Sku, l.Quantity)), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 1) }), await TraceTextAsync());
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 1) }), await TraceTextAsync());
        await Expect(Page.GetByLabel("Native cart count")).ToHaveTextAsync("1");
    }

    [Test]
    public async Task Agent_action_after_the_page_reloaded_is_not_played_and_names_the_reload()
    {
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        // The shop reloads itself between two events: the widget the call lived in is gone.
        await Page.ReloadAsync();
        await Page.WaitForFunctionAsync("() => window.bambuserSimulator && window.bambuserSimulator.state().instances > 0");

        var refused = Assert.ThrowsAsync<PageNavigatedException>(() => Widget.AddToCartAsync("SNEAKER-42"));

        Assert.That((refused!.Message, refused.Reload), Is.EqualTo(($"the page reloaded ({Page.Url})", true)));
        Assert.That(await Widget.TraceAsync(), Is.Empty, "no event was played to the new page's widget");
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 1) }), "nor did its cart change");
    }

    [Test]
    public async Task Re_adding_a_sku_already_in_the_widget_cart_emits_update_with_previous_quantity()
    {
        await Widget.AddToCartAsync("SNEAKER-42");

        var outcome = await Widget.AddToCartAsync("SNEAKER-42");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Event, Is.EqualTo(WidgetContract.Events.UpdateItem));
            Assert.That(outcome.Payload, Is.EqualTo(new BambuserCart.Contract.CartEventPayload("SNEAKER-42", 2, 1)));
            Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Success));
        });
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("SNEAKER-42", 2) }), await TraceTextAsync());
    }

    [Test]
    public async Task Agent_quantity_change_emits_update_and_the_native_quantity_follows()
    {
        await Widget.AddToCartAsync("SHIRT-WHITE-L");

        var outcome = await Widget.SetQuantityAsync("SHIRT-WHITE-L", 4);

        Assert.That(outcome.Payload, Is.EqualTo(new BambuserCart.Contract.CartEventPayload("SHIRT-WHITE-L", 4, 1)));
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("SHIRT-WHITE-L", 4) }), await TraceTextAsync());
        Assert.That((await Widget.StateAsync()).WidgetCart.Single().Quantity, Is.EqualTo(4));
    }

    [Test]
    public async Task Agent_remove_emits_update_with_quantity_zero_and_empties_both_carts()
    {
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.AddToCartAsync("SNEAKER-42");

        var outcome = await Widget.RemoveFromCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Payload, Is.EqualTo(new BambuserCart.Contract.CartEventPayload("SHIRT-BLUE-M", 0, 1)));
        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Success));
        Assert.That((await Widget.StateAsync()).WidgetCart.Select(l => l.Sku), Is.EqualTo(new[] { "SNEAKER-42" }));
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("SNEAKER-42", 1) }), await TraceTextAsync());
    }

    [Test]
    public async Task Out_of_stock_sku_is_answered_out_of_stock_and_stays_out_of_both_carts()
    {
        var outcome = await Widget.AddToCartAsync("BAG-LEATHER");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.OutOfStock), await TraceTextAsync());
        var state = await Widget.StateAsync();
        Assert.That(state.WidgetCart, Is.Empty);
        Assert.That(state.Message?.Kind, Is.EqualTo(MessageKind.OutOfStock));
        Assert.That(await NativeCartAsync(), Is.Empty);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(WidgetContract.Messages.OutOfStockText);
    }

    [Test]
    public async Task Raising_a_low_stock_line_past_its_stock_is_out_of_stock_and_keeps_the_quantity()
    {
        await Widget.AddToCartAsync("WATCH-STEEL");
        await Widget.SetQuantityAsync("WATCH-STEEL", 2);

        var outcome = await Widget.SetQuantityAsync("WATCH-STEEL", 3);

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.OutOfStock), await TraceTextAsync());
        Assert.That((await Widget.StateAsync()).WidgetCart.Single().Quantity, Is.EqualTo(2));
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { ("WATCH-STEEL", 2) }));
    }

    [Test]
    public async Task Agent_console_adds_the_picked_product_by_hand()
    {
        var console = Page.GetByRole(AriaRole.Region, new() { Name = "Agent console" });

        await console.GetByLabel("Product", new() { Exact = true }).SelectOptionAsync("SNEAKER-42");
        await console.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Expect(Page.GetByLabel("Native cart count")).ToHaveTextAsync("1");
        await console.GetByRole(AriaRole.Button, new() { Name = "Increase SNEAKER-42" }).ClickAsync();

        await Expect(Page.GetByLabel("Native cart count")).ToHaveTextAsync("2");
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Widget cart" })).ToHaveTextAsync("Canvas sneaker, size 42 × 2");
    }

    [Test]
    public async Task Agent_action_on_a_sku_not_in_the_widget_cart_is_refused_with_a_clear_error()
    {
        var error = Assert.ThrowsAsync<Driver.SimulatorException>(() => Widget.SetQuantityAsync("SHIRT-BLUE-M", 2));

        Assert.That(error!.Message, Is.EqualTo("'SHIRT-BLUE-M' is not in the widget cart; the agent adds it with addToCart first"));
    }
}

using BambuserCart.Harness.Driver;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// "If goto-checkout event is missing from your integration code, then checkout button will not
/// appear within the call" (Cart integration page); nor is there one while the widget cart is empty.
/// </summary>
public sealed class CheckoutButtonTests : BrowserTest
{
    private ILocator CheckoutButton => Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" }).GetByRole(AriaRole.Button, new() { Name = "Checkout" });

    [Test]
    public async Task Checkout_button_is_absent_without_goto_checkout_handler()
    {
        await OpenShopAsync("none");
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That((await Widget.StateAsync()).CheckoutButtonVisible, Is.False);
        await Expect(CheckoutButton).ToBeHiddenAsync();
        var error = Assert.ThrowsAsync<SimulatorException>(() => Widget.CheckoutAsync());
        Assert.That(error!.Message, Is.EqualTo("The widget shows no Checkout button: no 'goto-checkout' handler is registered"));
    }

    [Test]
    public async Task Checkout_button_is_absent_while_the_widget_cart_is_empty()
    {
        await OpenShopAsync("miniplayer");
        await Page.EvaluateAsync("() => window.oneToOneEmbed.show()");

        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToBeVisibleAsync();
        await Expect(CheckoutButton).ToBeHiddenAsync();
        var error = Assert.ThrowsAsync<SimulatorException>(() => Widget.CheckoutAsync());
        Assert.That(error!.Message, Does.EndWith("the widget cart is empty"));
    }

    [Test]
    public async Task Checkout_button_shows_with_a_handler_and_items_and_hides_when_the_cart_empties()
    {
        await OpenShopAsync("miniplayer");

        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Expect(CheckoutButton).ToBeVisibleAsync();
        Assert.That((await Widget.StateAsync()).CheckoutButtonVisible, Is.True);

        await Widget.RemoveFromCartAsync("SHIRT-BLUE-M");
        await Expect(CheckoutButton).ToBeHiddenAsync();
    }
}

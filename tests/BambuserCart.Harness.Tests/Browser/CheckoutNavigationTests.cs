using BambuserCart.Harness.Browsers;
using BambuserCart.Simulator.Contract;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Navigations = BambuserCart.Simulator.Contract.WidgetContract.Navigations;

namespace BambuserCart.Harness.Tests.Browser;

/// <summary>
/// goto-checkout either floats the call as a miniplayer above the checkout page or opens the
/// checkout in a new tab; navigating the current tab would end the call.
/// </summary>
public sealed class CheckoutNavigationTests : BrowserTest
{
    [Test]
    public async Task Miniplayer_checkout_floats_the_widget_above_the_checkout_page_with_the_native_cart()
    {
        await OpenShopAsync("miniplayer");
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.AddToCartAsync("SNEAKER-42");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(Navigations.Miniplayer), await TraceTextAsync());
        Assert.That(checkout.Url, Is.EqualTo(Server.Url("checkout").ToString()));
        Assert.That(
            checkout.Payload.GetProperty("cart").GetProperty("items").GetRawText(),
            Is.EqualTo("""[{"sku":"SHIRT-BLUE-M","name":"Oxford shirt, blue, M","count":2},{"sku":"SNEAKER-42","name":"Canvas sneaker, size 42","count":1}]"""));
        var state = await Widget.StateAsync();
        Assert.That((state.Mode, state.FloatAboveUrl), Is.EqualTo(("miniplayer", checkout.Url)));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToHaveAttributeAsync("data-mode", "miniplayer");
        var checkoutPage = Page.FrameLocator("iframe[title='Miniplayer page']");
        await Expect(checkoutPage.GetByRole(AriaRole.Heading, new() { Name = "Checkout" })).ToBeVisibleAsync();
        await Expect(checkoutPage.GetByRole(AriaRole.List, new() { Name = "Native cart" }).GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(["Oxford shirt, blue, M × 2 — 118.00 EUR", "Canvas sneaker, size 42 × 1 — 89.00 EUR"]);
        Assert.That(Page.Url, Does.StartWith(Server.BaseUrl.ToString()).And.Not.Contains("/checkout"), "the page holding the call must not navigate");
    }

    [Test]
    public async Task New_tab_checkout_opens_the_checkout_page_and_keeps_the_widget_full_size()
    {
        await OpenShopAsync("new-tab");
        await Widget.AddToCartAsync("SNEAKER-42");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(Navigations.NewTab), await TraceTextAsync());
        Assert.That(checkout.NewTab, Is.Not.Null);
        Assert.That(checkout.NewTab!.Url, Is.EqualTo(Server.Url("checkout").ToString()));
        await Expect(checkout.NewTab.GetByRole(AriaRole.List, new() { Name = "Native cart" })).ToHaveTextAsync("Canvas sneaker, size 42 × 1 — 89.00 EUR");
        Assert.That((await Widget.StateAsync()).Mode, Is.EqualTo("open"));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToHaveAttributeAsync("data-mode", "open");
    }

    [Test]
    public async Task Navigating_the_current_tab_is_reported_as_same_tab()
    {
        await OpenIntegrationAsync(CheckoutHandler("window.location.href = '/checkout';"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(Navigations.SameTab));
        Assert.That(checkout.Url, Is.EqualTo(Server.Url("checkout").ToString()));
    }

    [Test]
    public async Task Handler_that_goes_nowhere_is_reported_as_none()
    {
        await OpenIntegrationAsync(CheckoutHandler("/* forgot to navigate */"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.Url), Is.EqualTo((Navigations.None, (string?)null)));
    }

    [Test]
    public async Task Cross_origin_float_above_is_recorded_as_a_diagnostic()
    {
        // localhost and 127.0.0.1 are different origins for the browser, and both stay on this machine.
        var crossOrigin = $"http://localhost:{Server.BaseUrl.Port}/checkout";
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{crossOrigin}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(Navigations.Miniplayer));
        Assert.That((await Widget.StateAsync()).Diagnostics.Select(d => d.Code), Does.Contain(WidgetContract.Diagnostics.FloatAboveCrossOrigin));
    }

    [TestCase("X-Frame-Options", "DENY")]
    [TestCase("Content-Security-Policy", "frame-ancestors 'none'")]
    public async Task Float_above_a_page_that_refuses_framing_is_recorded_as_a_diagnostic(string header, string value)
    {
        var refusing = Server.Url("__merchant/refuses-framing").ToString();
        await Page.ServeHtmlAsync(refusing, "<h1>Checkout</h1>", new Dictionary<string, string> { [header] = value });
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{refusing}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        await Widget.CheckoutAsync();

        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == WidgetContract.Diagnostics.FloatAboveFramingRefused);
        Assert.That(diagnostic.Detail, Does.Contain(value));
    }

    [Test]
    public async Task Float_above_a_page_that_answers_an_error_is_still_a_miniplayer_with_a_diagnostic_naming_the_status()
    {
        await OpenIntegrationAsync(CheckoutHandler("embed.floatAbove('/no-such-page');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(Navigations.Miniplayer));
        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == WidgetContract.Diagnostics.FloatAboveTargetError);
        Assert.That(diagnostic.Detail, Does.Contain("/no-such-page'): the page answered HTTP 404"));
    }

    private static string CheckoutHandler(string body) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          embed.on('should-add-item-to-cart', (item, callback) => callback(true));
          embed.on('goto-checkout', (event) => { {{body}} });
        };
        """;
}

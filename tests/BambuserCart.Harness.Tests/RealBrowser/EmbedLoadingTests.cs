using BambuserCart.Contract;
using BambuserCart.Harness.Browsers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>How the fake loads and is constructed, as the real embed.js (docs/fake-widget.md).</summary>
public sealed class EmbedLoadingTests : BrowserTest
{
    private const string MinimalIntegration = "window.onBambuserOneToOneReady = (Embed) => { window.embed = new Embed({ orgId: 'test-org', locale: 'sv-SE' }); };";

    [Test]
    public async Task Ready_handler_receives_the_class_and_the_instance_keeps_its_options()
    {
        await OpenIntegrationAsync(MinimalIntegration);

        var state = await Widget.StateAsync();
        Assert.That((state.OrgId, state.Instances, state.Mode), Is.EqualTo(("test-org", 1, WidgetMode.Closed)));
        Assert.That(await Page.EvaluateAsync<string>("() => window.embed.config.locale"), Is.EqualTo("sv-SE"));
    }

    [Test]
    public async Task Wait_for_handlers_counts_from_the_widget_start_so_a_page_up_for_the_whole_bound_is_not_waited_on_again()
    {
        // A page opened ahead of its turn has had its time already: the wait must not start over.
        await OpenIntegrationAsync(MinimalIntegration);
        var bound = TimeSpan.FromSeconds(2);
        await Page.WaitForFunctionAsync($"() => window.bambuserSimulator.sinceStart() >= {bound.TotalMilliseconds}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var registered = await Widget.CartHandlersRegisteredAsync(bound);

        Assert.That(registered, Is.False, "the page has no cart handler");
        Assert.That(clock.Elapsed, Is.LessThan(bound / 2), "the bound had gone by since the widget started");
    }

    [Test]
    public async Task Eu_region_address_is_served_the_fake_too()
    {
        var url = Server.Url("__merchant/eu.html").ToString();
        await Page.ServeHtmlAsync(url, $"<script>{MinimalIntegration}</script><script src=\"https://one-to-one.bambuser.com/eu/embed.js\"></script>");

        var embed = await Page.RunAndWaitForResponseAsync(() => Page.GotoAsync(url), "https://one-to-one.bambuser.com/eu/embed.js");
        await Widget.ReadyAsync();

        var state = await Widget.StateAsync();
        Assert.Multiple(() =>
        {
            Assert.That(embed.Status, Is.EqualTo(200), "the EU address answers with the fake");
            Assert.That((state.OrgId, state.Instances), Is.EqualTo(("test-org", 1)), "the EU script is the fake: it ran the ready handler and holds its instance");
        });
    }

    [Test]
    public async Task Old_boilerplate_that_ignores_the_argument_finds_the_global_class()
    {
        await OpenIntegrationAsync("function onBambuserOneToOneReady() { new BambuserOneToOneEmbed({ orgId: 'old-org' }); }");

        Assert.That((await Widget.StateAsync()).OrgId, Is.EqualTo("old-org"));
    }

    [Test]
    public async Task Missing_ready_handler_is_recorded_and_the_widget_never_starts()
    {
        await OpenIntegrationAsync("/* the merchant defines the handler too late, or not at all */", waitForWidget: false);
        await Page.WaitForFunctionAsync("() => !!window.bambuserSimulator");

        var state = await Widget.StateAsync();
        Assert.That(state.Instances, Is.Zero);
        Assert.That(state.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCode.ReadyHandlerMissing }));
        var error = Assert.ThrowsAsync<Driver.SimulatorException>(() => Widget.ReadyAsync(timeoutMs: 200));
        Assert.That(error!.Message, Does.Contain(DiagnosticCode.ReadyHandlerMissing.Wire()));
    }

    [Test]
    public async Task Constructor_without_org_id_throws_a_clear_error()
    {
        await OpenIntegrationAsync(
            "window.onBambuserOneToOneReady = (Embed) => { try { new Embed({ queue: 'q' }); } catch (e) { window.constructorError = e.message; } };",
            waitForWidget: false);

        var message = await Page.EvaluateAsync<string>("() => window.constructorError");

        Assert.That(message, Does.StartWith("BambuserOneToOneEmbed: option 'orgId' is required"));
    }

    [Test]
    public async Task Second_instance_is_recorded_as_multiple_instances()
    {
        await OpenIntegrationAsync("window.onBambuserOneToOneReady = (Embed) => { new Embed({ orgId: 'a' }); new Embed({ orgId: 'b' }); };");

        var state = await Widget.StateAsync();
        Assert.That((state.Instances, state.OrgId), Is.EqualTo((2, "a")));
        Assert.That(state.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCode.MultipleInstances));
    }

    [Test]
    public async Task Misspelt_event_name_is_recorded_as_unknown_event_with_the_name_it_resembles()
    {
        await OpenIntegrationAsync("window.onBambuserOneToOneReady = (Embed) => { new Embed({ orgId: 'a' }).on('should-add-item-to-card', () => {}); };");

        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single();
        Assert.That((diagnostic.Code, diagnostic.Detail), Is.EqualTo((DiagnosticCode.UnknownEvent, "on('should-add-item-to-card'): not an event the Calls Widget emits; it will never fire; did you mean 'should-add-item-to-cart'?")));
    }

    [Test]
    public async Task Widget_is_isolated_from_the_page_css()
    {
        // shop.css uppercases every button and colours every list item: the widget must not care.
        await OpenShopAsync();
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" }).GetByRole(AriaRole.Button, new() { Name = "Checkout" });
        var pageButton = await Page.EvaluateAsync<string>("() => { const b = document.createElement('button'); document.body.append(b); return getComputedStyle(b).textTransform; }");

        Assert.That(pageButton, Is.EqualTo("uppercase"), "the page's own buttons are styled");
        await Expect(checkout).ToHaveCSSAsync("text-transform", "none");
    }

    [Test]
    public async Task Product_names_are_rendered_as_text_never_as_html()
    {
        await OpenShopAsync();

        await Widget.AddToCartAsync("SCARF-WOOL");

        var cart = Page.GetByRole(AriaRole.List, new() { Name = "Widget cart" });
        await Expect(cart).ToHaveTextAsync("Wool scarf <b>limited</b> × 1");
        await Expect(cart.Locator("b")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Checkout_payload_contract_names_are_the_documented_ones()
    {
        await OpenShopAsync();
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        await Widget.CheckoutAsync();

        var entry = (await Widget.TraceAsync())[^1];
        Assert.That(entry.Event, Is.EqualTo(WidgetContract.Events.GotoCheckout));
        Assert.That(entry.Payload.GetProperty("cart").GetProperty("items")[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "sku", "name", "count" }));
    }
}

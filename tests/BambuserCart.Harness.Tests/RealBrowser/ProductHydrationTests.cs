using System.Text.Json;
using BambuserCart.Contract;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// Product hydration (Bambuser's "Provide product data"): the agent looks a product up, the widget
/// emits provide-product-data, the merchant answers updateProduct(id, factory => chain).
/// </summary>
public sealed class ProductHydrationTests : BrowserTest
{
    [Test]
    public async Task Lookup_by_sku_emits_provide_product_data_with_the_documented_payload()
    {
        await OpenIntegrationAsync(Hydrating("window.asked = event; embed.updateProduct(event.products[0].id, (f) => Complete(f, 'A-1'));"));

        await Widget.LookupProductAsync("A-1");

        var asked = JsonDocument.Parse(await Page.EvaluateAsync<string>("() => JSON.stringify(window.asked)")).RootElement.GetProperty("products").EnumerateArray().Single();
        Assert.That(asked.GetProperty("ref").GetString(), Is.EqualTo("A-1"));
        Assert.That(asked.GetProperty("type").GetString(), Is.EqualTo(WidgetContract.LookupTypes.ProductReference));
        Assert.That(asked.GetProperty("id").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Reference_integration_hydrates_a_catalog_product_by_sku_and_the_agent_console_shows_it()
    {
        await OpenShopAsync();

        var lookup = await Widget.LookupProductAsync("SNEAKER-42");

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.Hydrated), lookup.Message);
        Assert.That((lookup.Product!.Name, lookup.Product.Currency, lookup.Product.Variations.Single().Sku, lookup.Product.Variations.Single().Price!.Current), Is.EqualTo(("Canvas sneaker, size 42", "EUR", "SNEAKER-42", 89.0m)));
        var found = Page.GetByRole(AriaRole.Region, new() { Name = "Looked-up product" });
        await Expect(found.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Canvas sneaker, size 42");
        await Expect(found.GetByRole(AriaRole.List, new() { Name = "Variations" })).ToContainTextAsync("89.00 EUR — In stock");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Product in the call" })).ToContainTextAsync("Canvas sneaker, size 42");
    }

    [Test]
    public async Task Lookup_by_a_product_pages_url_hydrates_that_product()
    {
        await OpenShopAsync();

        var lookup = await Widget.LookupProductAsync(Server.Url("product/WATCH-STEEL").ToString());

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.Hydrated), lookup.Message);
        Assert.That(lookup.Product!.Sku, Is.EqualTo("WATCH-STEEL"));
        Assert.That(JsonDocument.Parse(lookup.Payload.GetRawText()).RootElement.GetProperty("products")[0].GetProperty("type").GetString(), Is.EqualTo(WidgetContract.LookupTypes.Url));
    }

    [Test]
    public async Task Unknown_sku_is_answered_with_the_merchants_error_which_the_agent_reads()
    {
        await OpenShopAsync();

        var lookup = await Widget.LookupProductAsync("NO-SUCH-SKU");

        Assert.That((lookup.Outcome, lookup.Message), Is.EqualTo((LookupResult.Error, "We don't sell NO-SUCH-SKU")));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Looked-up product" })).ToContainTextAsync("The merchant answered: We don't sell NO-SUCH-SKU");
    }

    [Test]
    public async Task Product_without_a_mandatory_field_is_invalid_and_the_diagnostic_names_each_missing_one()
    {
        await OpenIntegrationAsync(Hydrating("""
            embed.updateProduct(event.products[0].id, (f) => f.currency('EUR').product((d) => d.name('Shirt')
              .variations((variation) => [variation().name('Blue').sku('A-1').price((p) => p.current(10))])));
            """));

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That((lookup.Outcome, lookup.Message), Is.EqualTo((LookupResult.Invalid, "missing locale, product.description, product.attributes, variations[0].imageUrls")));
        Assert.That((await Widget.StateAsync()).Diagnostics.Single().Code, Is.EqualTo(DiagnosticCode.ProductFieldMissing));
    }

    [Test]
    public async Task Several_variations_each_need_their_attributes()
    {
        await OpenIntegrationAsync(Hydrating("""
            embed.updateProduct(event.products[0].id, (f) => f.currency('EUR').locale('en-US').product((d) => d.name('Shirt').description('A shirt')
              .attributes((attribute) => [attribute('size').name('Size').options((option) => [option('m').name('M'), option('l').name('L')])])
              .variations((variation) => [
                variation().name('M').sku('A-M').imageUrls(['/a.png']).price((p) => p.current(10)).attributes((a) => [a('size', 'm')]),
                variation().name('L').sku('A-L').imageUrls(['/a.png']).price((p) => p.current(10)),
              ])));
            """));

        var lookup = await Widget.LookupProductAsync("A-M");

        Assert.That(lookup.Message, Is.EqualTo("missing variations[1].attributes (needed with more than one variation)"));
    }

    [Test]
    public async Task Lookup_without_an_answer_times_out_like_the_cart_events()
    {
        await OpenIntegrationAsync(Hydrating("/* never answers */"));
        await Widget.ConfigureAsync(callbackTimeoutMs: 300);

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.Timeout));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Looked-up product" })).ToContainTextAsync("the product lookup took too long");
    }

    [Test]
    public async Task Lookup_without_a_handler_is_no_handler()
    {
        await OpenIntegrationAsync("window.onBambuserOneToOneReady = (Embed) => { new Embed({ orgId: 'test-org' }); };");

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.NoHandler));
    }

    [Test]
    public async Task Hydrated_names_name_the_widget_cart_lines_and_the_checkout_payload()
    {
        await OpenIntegrationAsync(Hydrating("embed.updateProduct(event.products[0].id, (f) => Complete(f, 'SHIRT-BLUE-M', 'Merchant shirt'));") + """
            window.onBambuserOneToOneReady = ((ready) => (Embed) => {
              ready(Embed);
              window.embed.on('should-add-item-to-cart', (item, callback) => callback(true));
              window.embed.on('goto-checkout', (event) => { window.checkoutPayload = event; window.open('/checkout', '_blank'); });
            })(window.onBambuserOneToOneReady);
            """);
        await Widget.LookupProductAsync("SHIRT-BLUE-M");

        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        var checkout = await Widget.CheckoutAsync();
        await checkout.NewTab!.CloseAsync();

        Assert.That((await Widget.StateAsync()).WidgetCart.Single().Name, Is.EqualTo("Merchant shirt M"));
        Assert.That(await Page.EvaluateAsync<string>("() => window.checkoutPayload.cart.items[0].name"), Is.EqualTo("Merchant shirt M"));
    }

    [Test]
    public async Task Sold_out_variation_cannot_be_added_by_the_agent()
    {
        await OpenIntegrationAsync(Hydrating("embed.updateProduct(event.products[0].id, (f) => Complete(f, 'A-1', 'Shirt', false));") + """
            window.onBambuserOneToOneReady = ((ready) => (Embed) => { ready(Embed); window.embed.on('should-add-item-to-cart', (item, callback) => callback(true)); })(window.onBambuserOneToOneReady);
            """);

        await Widget.LookupProductAsync("A-1");

        var error = Assert.ThrowsAsync<Driver.SimulatorException>(() => Widget.AddToCartAsync("A-1"));
        Assert.That(error!.Message, Does.StartWith("'A-1' is sold out in the product the merchant hydrated (inStock(false))"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Add A-1" })).ToBeDisabledAsync();
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Variations" })).ToContainTextAsync("Sold out");
    }

    [Test]
    public async Task Builder_method_outside_the_documented_chain_is_noted_not_thrown()
    {
        await OpenIntegrationAsync(Hydrating("embed.updateProduct(event.products[0].id, (f) => Complete(f.brand('Acme'), 'A-1'));"));

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.Hydrated));
        Assert.That((await Widget.StateAsync()).Diagnostics.Single().Detail, Does.EndWith("productFactory.brand is not part of the documented product builder; it is ignored"));
    }

    [Test]
    public async Task Answers_to_an_unknown_or_already_answered_lookup_are_diagnosed()
    {
        await OpenIntegrationAsync(Hydrating("""
            const id = event.products[0].id;
            embed.updateProduct(id, (f) => Complete(f, 'A-1'));
            embed.updateProduct(id, (f) => Complete(f, 'A-2'));
            embed.updateProduct('made-up', (f) => Complete(f, 'A-3'));
            """));

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That(lookup.Product!.Sku, Is.EqualTo("A-1"), "the first answer counts");
        Assert.That((await Widget.StateAsync()).Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCode.ProductAnsweredTwice, DiagnosticCode.UnknownLookupId }));
    }

    // A page whose provide-product-data handler runs `body` (with `event` and `embed` in scope).
    // Complete(factory, sku, name, inStock) builds a product with every mandatory field.
    /// <summary>An integration whose provide-product-data handler is <paramref name="body"/>, with <c>Complete(factory, sku)</c> to build a full product.</summary>
    internal static string Hydrating(string body) => $$"""
        function Complete(factory, sku, name = 'Shirt', inStock = true) {
          return factory.currency('EUR').locale('en-US').product((detail) => detail.name(name).sku(sku).description('A shirt')
            .attributes(() => [])
            .variations((variation) => [variation().name(`${name} M`).sku(sku).inStock(inStock).imageUrls(['/shirt.png']).price((price) => price.current(59))]));
        }
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          window.embed = embed;
          embed.on('provide-product-data', (event) => { {{body}} });
        };
        """;
}

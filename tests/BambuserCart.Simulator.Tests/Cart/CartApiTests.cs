using System.Net;
using System.Text.Json;

namespace BambuserCart.Simulator.Tests.Cart;

/// <summary>The native cart API of docs/fake-widget.md, over HTTP, success and every error path.</summary>
public sealed class CartApiTests
{
    private ShopClient shop = null!;

    [SetUp]
    public async Task StartShopAsync()
    {
        shop = await ShopClient.StartAsync();
        // A shopper's first visit hands out the session that owns the cart.
        (await shop.GetAsync("/")).EnsureSuccessStatusCode();
    }

    [TearDown]
    public async Task StopShopAsync() => await shop.DisposeAsync();

    [Test]
    public async Task Add_without_content_type_adds_one_line_with_name_and_price()
    {
        var response = await shop.PostRawAsync("/cart/add", """{ "sku": "SHIRT-BLUE-M" }""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var line = (await ShopClient.ReadJsonAsync(response)).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(line.GetProperty("sku").GetString(), Is.EqualTo("SHIRT-BLUE-M"));
            Assert.That(line.GetProperty("name").GetString(), Is.EqualTo("Oxford shirt, blue, M"));
            Assert.That(line.GetProperty("quantity").GetInt32(), Is.EqualTo(1), "quantity defaults to 1");
            Assert.That(line.GetProperty("price").GetDecimal(), Is.EqualTo(59.0m));
        });
    }

    [Test]
    public async Task Add_posted_as_a_classic_form_reads_its_fields_and_refuses_a_quantity_that_is_no_number()
    {
        var added = await shop.PostFormAsync("/cart/add", ("sku", "SNEAKER-42"), ("quantity", "2"));
        var refused = await shop.PostFormAsync("/cart/add", ("sku", "SNEAKER-42"), ("quantity", "two"));

        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), await added.Content.ReadAsStringAsync());
        Assert.That(ShopClient.Lines(await ShopClient.ReadJsonAsync(added)), Is.EqualTo(new[] { ("SNEAKER-42", 2) }));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ShopClient.ReadJsonAsync(refused)).GetProperty("detail").GetString(), Is.EqualTo("quantity: expected a whole number, got 'two'"));
        Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.EqualTo(new[] { ("SNEAKER-42", 2) }), "the refused form changed nothing");
    }

    [Test]
    public async Task Add_of_json_labelled_as_a_form_is_read_as_json_as_jquery_posts_it()
    {
        var response = await shop.PostAsync("/cart/add", new StringContent("""{ "sku": "SNEAKER-42", "quantity": 3 }""", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(ShopClient.Lines(await ShopClient.ReadJsonAsync(response)), Is.EqualTo(new[] { ("SNEAKER-42", 3) }));
    }

    [Test]
    public async Task Add_posted_as_a_multipart_form_reads_its_fields()
    {
        using var form = new MultipartFormDataContent { { new StringContent("SHIRT-BLUE-M"), "sku" }, { new StringContent("2"), "quantity" } };

        var response = await shop.PostAsync("/cart/add", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(ShopClient.Lines(await ShopClient.ReadJsonAsync(response)), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 2) }));
    }

    [Test]
    public async Task Huge_quantity_onto_an_existing_line_is_refused_as_out_of_stock_not_wrapped_around()
    {
        await shop.PostRawAsync("/cart/add", """{ "sku": "SHIRT-BLUE-M", "quantity": 4 }""");

        var response = await shop.PostRawAsync("/cart/add", """{ "sku": "SHIRT-BLUE-M", "quantity": 2147483647 }""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var cart = await ShopClient.ReadJsonAsync(await shop.GetAsync("/cart"));
        Assert.That(cart.GetProperty("items")[0].GetProperty("quantity").GetInt32(), Is.EqualTo(4), "the line keeps its quantity");
    }

    [Test]
    public async Task Product_api_describes_a_catalog_product_for_hydration_and_404s_one_the_shop_does_not_sell()
    {
        var known = await shop.GetAsync("/products/SNEAKER-42.json");
        var unknown = await shop.GetAsync("/products/NO-SUCH.json");
        var page = await shop.GetAsync("/product/SNEAKER-42");

        var product = await ShopClient.ReadJsonAsync(known);
        Assert.Multiple(() =>
        {
            Assert.That((product.GetProperty("sku").GetString(), product.GetProperty("price").GetDecimal(), product.GetProperty("stock").GetInt32()), Is.EqualTo(("SNEAKER-42", 89.0m, 10)));
            Assert.That((product.GetProperty("url").GetString(), product.GetProperty("imageUrl").GetString()), Is.EqualTo(("/product/SNEAKER-42", "/products/SNEAKER-42.svg")));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the product URL an agent hydrates by exists");
        });
    }

    [Test]
    public async Task Add_of_a_sku_already_in_the_cart_increases_its_quantity()
    {
        await shop.PostJsonAsync("/cart/add", new { sku = "SNEAKER-42", quantity = 2 });
        await shop.PostJsonAsync("/cart/add", new { sku = "SNEAKER-42", quantity = 1 });

        Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.EqualTo(new[] { ("SNEAKER-42", 3) }));
    }

    [Test]
    public async Task Update_sets_an_absolute_quantity_and_zero_removes_the_line()
    {
        await shop.PostJsonAsync("/cart/add", new { sku = "SHIRT-BLUE-M" });
        await shop.PostJsonAsync("/cart/add", new { sku = "SNEAKER-42" });

        await shop.PostJsonAsync("/cart/update", new { sku = "SHIRT-BLUE-M", quantity = 4 });
        Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 4), ("SNEAKER-42", 1) }));

        var removed = await shop.PostJsonAsync("/cart/update", new { sku = "SHIRT-BLUE-M", quantity = 0 });
        Assert.That(ShopClient.Lines(await ShopClient.ReadJsonAsync(removed)), Is.EqualTo(new[] { ("SNEAKER-42", 1) }));
    }

    [Test]
    public async Task Remove_deletes_the_line_and_removing_an_absent_line_still_succeeds()
    {
        await shop.PostJsonAsync("/cart/add", new { sku = "SHIRT-BLUE-M" });

        var first = await shop.PostJsonAsync("/cart/remove", new { sku = "SHIRT-BLUE-M" });
        var again = await shop.PostJsonAsync("/cart/remove", new { sku = "SHIRT-BLUE-M" });

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cart already holds none: nothing to refuse");
            Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.Empty);
        });
    }

    [Test]
    public async Task Adding_an_out_of_stock_sku_is_refused_with_409_out_of_stock()
    {
        var response = await shop.PostJsonAsync("/cart/add", new { sku = "BAG-LEATHER" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "out-of-stock", sku: "BAG-LEATHER");
        Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.Empty);
    }

    [Test]
    public async Task Raising_a_low_stock_line_past_its_stock_is_refused_and_keeps_the_old_quantity()
    {
        await shop.PostJsonAsync("/cart/update", new { sku = "WATCH-STEEL", quantity = 2 });

        var response = await shop.PostJsonAsync("/cart/update", new { sku = "WATCH-STEEL", quantity = 3 });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "out-of-stock", sku: "WATCH-STEEL");
        Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.EqualTo(new[] { ("WATCH-STEEL", 2) }));
    }

    [TestCase("/cart/add")]
    [TestCase("/cart/update")]
    [TestCase("/cart/remove")]
    public async Task Unknown_sku_is_refused_with_404_unknown_sku(string path)
    {
        var response = await shop.PostJsonAsync(path, new { sku = "NO-SUCH-SKU", quantity = 1 });

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "unknown-sku", sku: "NO-SUCH-SKU");
    }

    [TestCase("{ not json", "not valid JSON")]
    [TestCase("", "empty body")]
    [TestCase("[1, 2]", "expected a JSON object")]
    [TestCase("""{ "quantity": 1 }""", "sku")]
    [TestCase("""{ "sku": "" }""", "sku")]
    [TestCase("""{ "sku": "SHIRT-BLUE-M", "quantity": -1 }""", "must not be negative")]
    [TestCase("""{ "sku": "SHIRT-BLUE-M", "quantity": 1.5 }""", "whole number")]
    [TestCase("""{ "sku": "SHIRT-BLUE-M", "quantity": "2" }""", "whole number")]
    [TestCase("""{ "sku": "SHIRT-BLUE-M", "quantity": 0 }""", "at least 1")]
    public async Task Bad_add_body_is_refused_with_400_naming_the_problem(string body, string detailMentions)
    {
        var response = await shop.PostRawAsync("/cart/add", body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.That(error.GetProperty("detail").GetString(), Does.Contain(detailMentions));
    }

    [Test]
    public async Task Update_without_quantity_is_refused_with_400()
    {
        var response = await shop.PostJsonAsync("/cart/update", new { sku = "SHIRT-BLUE-M" });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.That(error.GetProperty("detail").GetString(), Does.StartWith("quantity: required"));
    }

    [Test]
    public async Task Cart_change_without_a_session_cookie_is_refused_with_400()
    {
        await using var stranger = shop.OtherShopper();

        var response = await stranger.PostJsonAsync("/cart/add", new { sku = "SHIRT-BLUE-M" });

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.That(error.GetProperty("detail").GetString(), Does.StartWith("session:"));
    }

    [Test]
    public async Task Each_session_has_its_own_cart()
    {
        await using var other = shop.OtherShopper();
        await other.GetAsync("/");

        await shop.PostJsonAsync("/cart/add", new { sku = "SHIRT-BLUE-M" });
        await other.PostJsonAsync("/cart/add", new { sku = "SNEAKER-42" });

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(ShopClient.Lines(await shop.CartAsync()), Is.EqualTo(new[] { ("SHIRT-BLUE-M", 1) }));
            Assert.That(ShopClient.Lines(await other.CartAsync()), Is.EqualTo(new[] { ("SNEAKER-42", 1) }));
        });
    }

    [Test]
    public async Task Checkout_page_renders_the_native_cart_as_text()
    {
        await shop.PostJsonAsync("/cart/add", new { sku = "SCARF-WOOL", quantity = 2 });

        var html = await (await shop.GetAsync("/checkout")).Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain("Wool scarf &lt;b&gt;limited&lt;/b&gt; × 2 — 78.00 EUR"));
    }

    [Test]
    public async Task Product_page_refuses_an_unknown_checkout_mode_naming_the_valid_ones()
    {
        var response = await shop.GetAsync("/?checkout=popup");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("miniplayer, new-tab, none"));
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? sku = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"body: {text}");
        var body = await ShopClient.ReadJsonAsync(response);
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(code), $"body: {text}");
        if (sku is not null)
        {
            Assert.That(body.GetProperty("sku").GetString(), Is.EqualTo(sku), $"body: {text}");
        }

        return body;
    }
}

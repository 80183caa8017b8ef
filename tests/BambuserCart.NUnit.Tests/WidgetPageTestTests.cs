using BambuserCart.Contract;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.NUnit.Tests;

/// <summary>A merchant's test written on <see cref="WidgetPageTest"/>: a few lines per behaviour, failures that explain themselves.</summary>
public sealed class WidgetPageTestTests : WidgetPageTest
{
    private static string Shop => SampleShop.Server.BaseUrl.ToString();

    [Test]
    public async Task Agent_cart_actions_on_the_merchant_page_are_asserted_in_a_few_lines()
    {
        await Page.GotoAsync(Shop);
        await Widget.ReadyAsync();

        await Widget.AddToCartAsync("SNEAKER-42");
        await Widget.AddToCartAsync("SHIRT-WHITE-L");
        await Widget.SetQuantityAsync("SNEAKER-42", 3);

        await Expect(Widget).ToHaveCartAsync(("SHIRT-WHITE-L", 1), ("SNEAKER-42", 3));
        await Expect(Widget).ToShowCheckoutButtonAsync();
        await Expect(Widget).ToShowMessageAsync(null);
    }

    [Test]
    public async Task Agent_action_after_ReadyForAgentAsync_meets_handlers_the_page_registers_a_while_after_the_widget_starts()
    {
        // The instance is created at once, its handler only after 1.2 s of timers (a page loading
        // its settings first): an add played as soon as the widget started would meet no handler.
        var page = new Uri(SampleShop.Server.BaseUrl, "late-handlers.html").ToString();
        await Page.RouteAsync(page, route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late handlers</title>
                <script>
                window.onBambuserOneToOneReady = async (Embed) => {
                  const embed = new Embed({ orgId: 'test-org' });
                  await new Promise((resolve) => setTimeout(resolve, 600));
                  await new Promise((resolve) => setTimeout(resolve, 600));
                  embed.on('should-add-item-to-cart', (item, callback) => callback(true));
                };
                </script>
                <script src="https://one-to-one.bambuser.com/embed.js"></script>
                </head><body><h1>Late handlers</h1></body></html>
                """,
        }));
        await Page.GotoAsync(page);
        await Widget.ReadyForAgentAsync();

        var added = await Widget.AddToCartAsync("SNEAKER-42");

        Assert.That(added.Outcome, Is.EqualTo(CallbackOutcome.Success));
    }

    [Test]
    public async Task Out_of_stock_add_is_asserted_by_the_message_the_widget_shows()
    {
        await Page.GotoAsync(Shop);
        await Widget.ReadyAsync();

        await Widget.AddToCartAsync("BAG-LEATHER");

        await Expect(Widget).ToShowMessageAsync(MessageKind.OutOfStock);
        await Expect(Widget).ToHaveCartAsync();
        await Expect(Widget).ToShowCheckoutButtonAsync(shown: false);
    }

    [Test]
    public async Task Cart_expectation_retries_until_a_slow_handler_has_answered()
    {
        // The shop's cart API answers 1.5 s late: a state read once, at once, would be early.
        await Page.RouteAsync("**/cart/**", async route =>
        {
            await Task.Delay(1500);
            await route.FallbackAsync();
        });
        await Page.GotoAsync(Shop);
        await Widget.ReadyAsync();

        var adding = Widget.AddToCartAsync("SNEAKER-42");
        Assert.That((await Widget.StateAsync()).WidgetCart, Is.Empty, "the answer is still on its way");

        await Expect(Widget).ToHaveCartAsync(("SNEAKER-42", 1));
        Assert.That((await adding).Outcome, Is.EqualTo(CallbackOutcome.Success));
    }

    [Test]
    public async Task Failed_expectation_says_what_was_expected_what_the_widget_showed_and_the_event_trace()
    {
        await Page.GotoAsync(Shop);
        await Widget.ReadyAsync();
        await Widget.AddToCartAsync("SNEAKER-42");

        var failure = Assert.ThrowsAsync<AssertionException>(() => Expect(Widget, timeoutMs: 300).ToHaveCartAsync(("SNEAKER-42", 2)));

        Assert.That(failure!.Message, Does.StartWith("Expected widget cart [SNEAKER-42 × 2] within 300 ms, but the widget showed widget cart [SNEAKER-42 × 1]."));
        Assert.That(failure.Message, Does.Contain("event trace:").And.Contain("should-add-item-to-cart"));
    }

    [Test]
    public async Task Expectation_on_a_page_without_the_widget_fails_saying_so()
    {
        await Page.SetContentAsync("<h1>A page that never loads embed.js</h1>");

        var failure = Assert.ThrowsAsync<AssertionException>(() => Expect(Widget, timeoutMs: 300).ToShowCheckoutButtonAsync());

        Assert.That(failure!.Message, Does.StartWith("Expected the Checkout button shown within 300 ms, but the widget showed no widget on the page."));
    }

    [Test]
    public async Task Validate_from_a_merchant_test_passes_the_sample_shop_by_url()
    {
        var report = await ValidateAsync(Shop, new ValidationSettings
        {
            Skus = ["SNEAKER-42", "SHIRT-WHITE-L"],
            OutOfStockSku = "BAG-LEATHER",
            CartProbe = NativeCartProbe.SampleBackend,
            ProductUrl = "/product/SNEAKER-42",
        });

        Expect(report).ToPass(strict: true);
        Assert.That(report.Checks.Select(c => c.Id), Is.EqualTo(CheckCatalog.All.Select(c => c.Id)), "every check was judged");
    }

    [Test]
    public void Failed_validation_lists_each_failing_check_with_what_happened_and_the_fix()
    {
        var addSuccess = CheckCatalog.Get(CheckId.AddSuccess);
        var report = new ValidationReport(ValidationTarget.Parse("http://127.0.0.1:9/shop"), "http://127.0.0.1:9/shop",
            [new CheckResult(addSuccess, CheckStatus.Failed, "#1 should-add-item-to-cart { sku: 'A' }: no callback within 5000 ms")]);

        var failure = Assert.Throws<AssertionException>(() => Expect(report).ToPass());

        Assert.That(failure!.Message, Does.Contain("- add.success: #1 should-add-item-to-cart { sku: 'A' }: no callback within 5000 ms").And.Contain($"fix: {addSuccess.Fix}"));
    }
}

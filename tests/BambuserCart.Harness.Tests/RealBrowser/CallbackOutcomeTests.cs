using BambuserCart.Contract;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Messages = BambuserCart.Contract.WidgetContract.Messages;
using Outcomes = BambuserCart.Contract.WidgetContract.Outcomes;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// Every row of the callback table in docs/fake-widget.md: what the merchant's handler does, what the
/// widget cart does and what message the widget shows.
/// </summary>
public sealed class CallbackOutcomeTests : BrowserTest
{
    private static readonly object[] Handlers =
    [
        new object[] { "callback(true);", Outcomes.Success, null!, 1 },
        new object[] { "callback(false);", Outcomes.Failure, Messages.ErrorText, 0 },
        new object[] { "callback({ success: false, reason: 'out-of-stock' });", Outcomes.OutOfStock, Messages.OutOfStockText, 0 },
        new object[] { "callback('ok');", Outcomes.Invalid, Messages.ErrorText, 0 },
        new object[] { "callback(1);", Outcomes.Invalid, Messages.ErrorText, 0 },
        new object[] { "callback({ success: true });", Outcomes.Invalid, Messages.ErrorText, 0 },
        new object[] { "callback({ success: false, reason: 'sold-out' });", Outcomes.Invalid, Messages.ErrorText, 0 },
        new object[] { "/* never calls back */", Outcomes.Timeout, Messages.TimeoutText, 0 },
        new object[] { "throw new Error('backend down');", Outcomes.Threw, Messages.ErrorText, 0 },
        new object[] { "return Promise.reject(new Error('backend down'));", Outcomes.Threw, Messages.ErrorText, 0 },
    ];

    [TestCaseSource(nameof(Handlers))]
    public async Task Add_handler_answer_decides_outcome_widget_cart_and_message(string handlerBody, string expectedOutcome, string? expectedMessage, int expectedLines)
    {
        await OpenIntegrationAsync(AddHandler(handlerBody));
        await Widget.ConfigureAsync(callbackTimeoutMs: 300);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var state = await Widget.StateAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome.Wire(), Is.EqualTo(expectedOutcome), handlerBody);
            Assert.That(state.WidgetCart, Has.Count.EqualTo(expectedLines), "widget cart lines");
            Assert.That(state.Message?.Text, Is.EqualTo(expectedMessage), "widget message");
        });
        if (expectedMessage is null)
        {
            await Expect(Page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        }
        else
        {
            await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(expectedMessage);
        }
    }

    [Test]
    public async Task Invalid_callback_value_is_named_in_a_diagnostic()
    {
        await OpenIntegrationAsync(AddHandler("callback({ success: true });"));

        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == DiagnosticCode.InvalidCallbackValue);
        Assert.That(diagnostic.Detail, Does.Contain("""callback({"success":true})"""));
    }

    [Test]
    public async Task Throwing_handler_message_and_location_are_kept_in_a_diagnostic()
    {
        await OpenIntegrationAsync(AddHandler("throw new Error('backend down');"));

        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == DiagnosticCode.HandlerThrew);
        Assert.That(diagnostic.Detail, Does.Match(@"handler threw: Error: backend down \(at http://127\.0\.0\.1:\d+/\S+:\d+:\d+\)$"));
    }

    [Test]
    public async Task Missing_handler_is_outcome_no_handler_with_a_generic_error()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => { new Embed({ orgId: 'test-org' }); };
            """);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.NoHandler));
        Assert.That((await Widget.StateAsync()).Message?.Kind, Is.EqualTo(MessageKind.Error));
    }

    [Test]
    public async Task Second_callback_is_ignored_and_recorded_as_a_diagnostic()
    {
        await OpenIntegrationAsync(AddHandler("callback(true); callback(false);"));

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var state = await Widget.StateAsync();
        var trace = await Widget.TraceAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Success), "the first call counts");
            Assert.That(state.WidgetCart, Has.Count.EqualTo(1));
            Assert.That(trace.Single().CallbackCalls, Is.EqualTo(2));
            Assert.That(state.Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCode.CallbackCalledTwice));
        });
    }

    [Test]
    public async Task Callback_after_the_timeout_changes_nothing_and_is_recorded()
    {
        await OpenIntegrationAsync(AddHandler("setTimeout(() => callback(true), 400);"));
        await Widget.ConfigureAsync(callbackTimeoutMs: 100);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Page.WaitForFunctionAsync(
            $"() => window.bambuserSimulator.state().diagnostics.some(d => d.code === '{DiagnosticCode.CallbackAfterTimeout.Wire()}')");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Timeout));
        Assert.That((await Widget.StateAsync()).WidgetCart, Is.Empty, "a late true must not add the item");
    }

    [Test]
    public async Task Update_handler_answer_decides_the_update_outcome()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
              embed.on('should-update-item-in-cart', (item, callback) => callback(item.quantity <= 2 ? true : { success: false, reason: 'out-of-stock' }));
            };
            """);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var allowed = await Widget.SetQuantityAsync("SHIRT-BLUE-M", 2);
        var refused = await Widget.SetQuantityAsync("SHIRT-BLUE-M", 3);

        Assert.That((allowed.Outcome, refused.Outcome), Is.EqualTo((CallbackOutcome.Success, CallbackOutcome.OutOfStock)));
        Assert.That((await Widget.StateAsync()).WidgetCart.Single().Quantity, Is.EqualTo(2));
    }

    /// <summary>An integration whose add handler is <paramref name="body"/>; update answers true, checkout does nothing.</summary>
    internal static string AddHandler(string body) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          embed.on('should-add-item-to-cart', (item, callback) => { {{body}} });
          embed.on('should-update-item-in-cart', (item, callback) => callback(true));
          embed.on('goto-checkout', () => {});
        };
        """;
}

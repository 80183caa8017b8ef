using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Scenarios;

/// <summary>A scenario step is judged on what the handler did with its cart answers, not on how fast they came.</summary>
public sealed class ScenarioBackendSpeedTests : BrowserTest
{
    [Test]
    public async Task Step_answered_once_a_backend_slower_than_the_callback_timeout_answered_meets_its_expected_success()
    {
        var scenario = new Scenario(
            "slow backend",
            null,
            ScenarioTarget.Shop(),
            ScenarioSetup.None with { CallbackTimeoutMs = 300 },
            [new ScenarioStep(ScenarioAction.Add, "SNEAKER-42", null, null, null, StepExpectations.None with { Outcome = CallbackOutcome.Success, WidgetCart = [new CartItem("SNEAKER-42", 1)] })]);
        // Every cart answer three times the callback timeout late: a slow backend is the case under test.
        var faults = await CartFaults.InstallAsync(Page.Context, scenario.Target.CartApiPattern, latency: TimeSpan.FromMilliseconds(900));
        await OpenShopAsync();
        var steps = new StepExecutor(scenario, Server, Page, faults);

        Assert.That(await steps.StartAsync(), Is.Null, "the widget started");
        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Is.Empty, result.Evidence);
        Assert.That(result.Happened, Is.EqualTo("should-add-item-to-cart → success"));
    }

    [Test]
    public async Task Native_cart_is_compared_once_the_steps_request_answered_however_late()
    {
        var steps = await AnswerThenSendAsync(latency: TimeSpan.FromMilliseconds(600), requestWaitLimit: TimeSpan.FromSeconds(30));

        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Is.Empty, result.Evidence);
    }

    [Test]
    public async Task Native_cart_is_not_judged_while_the_steps_request_is_unanswered()
    {
        var steps = await AnswerThenSendAsync(latency: TimeSpan.FromMilliseconds(1_500), requestWaitLimit: TimeSpan.FromMilliseconds(400));

        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Has.Count.EqualTo(1), result.Evidence);
        Assert.That(
            result.Failures[0],
            Does.StartWith("nativeCart: not judged: the run waited 0.4 s for the step's requests in vain (POST /cart/add sent at ").And.Contain("still unanswered"),
            result.Evidence);
    }

    // A step adding SNEAKER-42 and expecting it in both carts, on a page whose handler answers
    // callback(true) first and sends the cart request after; every cart answer comes late, and the
    // step stops waiting for quiet after 100 ms.
    private async Task<StepExecutor> AnswerThenSendAsync(TimeSpan latency, TimeSpan requestWaitLimit)
    {
        var line = new CartItem("SNEAKER-42", 1);
        var scenario = new Scenario(
            "answer then send",
            null,
            ScenarioTarget.Shop(),
            ScenarioSetup.None,
            [new ScenarioStep(ScenarioAction.Add, line.Sku, null, null, null, StepExpectations.None with { Outcome = CallbackOutcome.Success, WidgetCart = [line], NativeCart = [line] })]);
        var faults = await CartFaults.InstallAsync(Page.Context, scenario.Target.CartApiPattern, latency: latency);
        await Page.Context.APIRequest.GetAsync(Server.Url("cart").ToString());
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.on('should-add-item-to-cart', (item, callback) => {
                callback(true);
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) });
              });
            };
            """);
        var steps = new StepExecutor(scenario, Server, Page, faults) { EventEndBound = TimeSpan.FromMilliseconds(100), RequestWaitLimit = requestWaitLimit };
        Assert.That(await steps.StartAsync(), Is.Null, "the widget started");
        return steps;
    }
}

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
            [new ScenarioStep(ScenarioAction.Add, "SNEAKER-42", null, null, null, StepExpectations.None with { Outcome = "success", WidgetCart = [new CartLineSpec("SNEAKER-42", 1)] })]);
        // Every cart answer three times the callback timeout late: a slow backend is the case under test.
        var faults = await CartFaults.InstallAsync(Page.Context, scenario.Target.CartApiPattern, latency: TimeSpan.FromMilliseconds(900));
        await OpenShopAsync();
        var steps = new StepExecutor(scenario, Server, Page, faults);

        Assert.That(await steps.StartAsync(), Is.Null, "the widget started");
        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Is.Empty, result.Evidence);
        Assert.That(result.Happened, Is.EqualTo("should-add-item-to-cart → success"));
    }
}

using System.Diagnostics;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Scenarios;

/// <summary>A scenario's first step is played once the page has wired the widget, however long after its start that was.</summary>
public sealed class ScenarioStartTests : BrowserTest
{
    private static readonly CartItem Line = new("SNEAKER-42", 1);

    [Test]
    public async Task First_step_meets_handlers_the_page_registers_a_while_after_the_widget_starts()
    {
        // The instance is created at once; its handler only after 1.2 s of timers (a page loading
        // its settings first). Played as soon as the widget started, the add would meet no handler.
        var steps = await StartAsync(
            """
            window.onBambuserOneToOneReady = async (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              await new Promise((resolve) => setTimeout(resolve, 600));
              await new Promise((resolve) => setTimeout(resolve, 600));
              embed.on('should-add-item-to-cart', (item, callback) => {
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku, quantity: 1 }) }).then((r) => callback(r.ok));
              });
            };
            """,
            expected: CallbackOutcome.Success,
            handlersBound: null);

        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Is.Empty, result.Evidence);
        Assert.That(result.Happened, Is.EqualTo("should-add-item-to-cart → success"));
    }

    [Test]
    public async Task A_page_that_never_registers_a_cart_handler_is_played_once_the_wait_is_over_and_meets_no_handler()
    {
        var steps = await StartAsync(
            """
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.on('goto-checkout', () => embed.floatAbove('/checkout'));
            };
            """,
            expected: CallbackOutcome.NoHandler,
            handlersBound: TimeSpan.FromMilliseconds(200));

        var result = await steps.RunAsync(0);

        Assert.That(result.Failures, Is.Empty, result.Evidence);
        Assert.That(result.Happened, Is.EqualTo("should-add-item-to-cart → no-handler"));
    }

    [Test]
    public async Task The_wait_for_cart_handlers_ends_with_the_runs_max_time_not_after_its_own_bound()
    {
        // 0.2 s of --max-time left and a page that never registers a cart handler: the wait must
        // not outlast the run (it used to take its whole 5 s, past --max-time).
        var clock = Stopwatch.StartNew();
        var steps = await StartAsync(
            """
            window.onBambuserOneToOneReady = (Embed) => {
              new Embed({ orgId: 'test-org' });
            };
            """,
            expected: CallbackOutcome.NoHandler,
            handlersBound: null,
            runRemaining: TimeSpan.FromMilliseconds(200));

        Assert.That(clock.Elapsed, Is.LessThan(WidgetDriver.CartHandlersBound), "the page was started well within the handler bound");
        Assert.That((await steps.RunAsync(0)).Happened, Is.EqualTo("should-add-item-to-cart → no-handler"));
    }

    // A one-step scenario (add SNEAKER-42, expecting `expected`) on a page running `integration`,
    // started with `runRemaining` of the run's --max-time left (null: no bound).
    private async Task<StepExecutor> StartAsync(string integration, CallbackOutcome expected, TimeSpan? handlersBound, TimeSpan? runRemaining = null)
    {
        var scenario = new Scenario(
            "late handlers",
            null,
            ScenarioTarget.Shop(),
            ScenarioSetup.None,
            [new ScenarioStep(ScenarioAction.Add, Line.Sku, null, null, null, StepExpectations.None with { Outcome = expected })]);
        var faults = CartFaults.Untouched(scenario.Target.CartApiPattern);
        // The shop's cart cookie, as the sample shop's own page would have set it.
        await Page.Context.APIRequest.GetAsync(Server.Url("cart").ToString());
        await OpenIntegrationAsync(integration);
        var steps = new StepExecutor(scenario, Server, Page, faults) { CartHandlersBound = handlersBound ?? WidgetDriver.CartHandlersBound };
        Assert.That(await steps.StartAsync(runRemaining), Is.Null, "the widget started");
        return steps;
    }
}

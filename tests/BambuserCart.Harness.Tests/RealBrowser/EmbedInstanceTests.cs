using System.Text.Json;
using BambuserCart.Contract;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// The embed instance's whole public surface (Bambuser's API reference, boilerplate and Android
/// wrapper): every method exists and is recorded, the documented events are accepted, the queue
/// can be scripted, and each instance keeps its own handlers.
/// </summary>
public sealed class EmbedInstanceTests : BrowserTest
{
    [Test]
    public async Task Every_documented_instance_method_exists_and_is_recorded_so_the_handlers_after_them_are_registered()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = async (Embed) => {
              const embed = new Embed({ orgId: 'test-org', data: { firstName: 'Ada' } });
              window.answers = {
                open: await embed.areQueuesOpen(),
                agents: await embed.getNumberOfOnlineAgents('vip'),
                waiting: await embed.getEstimatedWaitingTime(),
              };
              embed.updateData();
              embed.setQueue('vip');
              embed.setTrackingTags([{ key: 'market', value: 'se' }, { key: 'market', value: 'no' }]);
              embed.updateElement('drop-in-card', { disableCTA: true, content: { title: 'Talk to us' } });
              embed.notifyProductNavigation({ externalId: 'SHIRT-BLUE-M' });
              embed.notifyCustomerEvent(Embed.CUSTOMER_EVENTS.ADDED_TO_CART, { sku: 'A', name: 'A', price: 1, currency: 'EUR', quantity: 1 });
              embed.show();
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
              embed.on('goto-checkout', () => embed.floatAbove('/checkout'));
            };
            """);
        await Page.WaitForFunctionAsync("() => window.bambuserSimulator.state().handlers.length === 2");

        var state = await Widget.StateAsync();
        var calls = await Page.EvaluateAsync<string[]>("() => window.bambuserSimulator.state().calls.map(c => c.method)");
        // Serialised in the page: Playwright's own JsonElement results carry "$id" markers.
        using var document = JsonDocument.Parse(await Page.EvaluateAsync<string>("() => JSON.stringify({ state: window.bambuserSimulator.state(), answers: window.answers })"));
        var snapshot = document.RootElement;
        Assert.That(state.Diagnostics, Is.Empty, "no method is missing or misused");
        Assert.That(calls, Is.EqualTo(new[]
        {
            "areQueuesOpen", "getNumberOfOnlineAgents", "getEstimatedWaitingTime", "updateData", "setQueue", "setTrackingTags",
            "updateElement", "notifyProductNavigation", "notifyCustomerEvent", "show",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetProperty("state").GetProperty("customerData").GetProperty("firstName").GetString(), Is.EqualTo("Ada"));
            Assert.That(snapshot.GetProperty("state").GetProperty("queue").GetProperty("name").GetString(), Is.EqualTo("vip"));
            Assert.That(snapshot.GetProperty("state").GetProperty("trackingTags").GetRawText(), Is.EqualTo("""[{"key":"market","value":"no"}]"""), "a repeated key: the last one wins");
            Assert.That(snapshot.GetProperty("answers").GetProperty("open").GetRawText(), Is.EqualTo("""{"isOpen":true,"nextCloseTime":null}"""));
            Assert.That(snapshot.GetProperty("answers").GetProperty("agents").GetRawText(), Is.EqualTo("""{"numberOfAgentsOnline":1,"queueId":"vip"}"""));
            Assert.That(state.Mode, Is.EqualTo(WidgetMode.Open));
        });
    }

    [Test]
    public async Task Update_data_calls_a_data_function_again_and_keeps_what_it_resolves_to()
    {
        await OpenIntegrationAsync("""
            window.calls = 0;
            window.onBambuserOneToOneReady = (Embed) => {
              window.embed = new Embed({ orgId: 'test-org', data: () => Promise.resolve({ visits: ++window.calls }) });
            };
            """);

        await Page.EvaluateAsync("() => window.embed.updateData()");
        await Page.EvaluateAsync("() => window.embed.updateData()");

        Assert.That(await Page.EvaluateAsync<int>("() => window.bambuserSimulator.state().customerData.visits"), Is.EqualTo(2));
    }

    [Test]
    public async Task Misused_methods_are_diagnosed_naming_the_problem_instead_of_throwing()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.setTrackingTags(Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })));
              embed.updateElement('chat-card', null);
              embed.notifyCustomerEvent(Embed.CUSTOMER_EVENTS.ADDED_TO_CART, { sku: 'A' });
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
            };
            """);

        var details = (await Widget.StateAsync()).Diagnostics.Where(d => d.Code == DiagnosticCode.InvalidArgument).Select(d => d.Detail).ToList();
        Assert.That(details, Is.EqualTo(new[]
        {
            "setTrackingTags: at most 20 tags per session, got 21; the first 20 are kept",
            "updateElement: element id must be one of drop-in-card, book-meeting-card, got \"chat-card\"",
            "notifyCustomerEvent: 'ADDED_TO_CART' needs a payload with a name ({ sku, name, price, currency, quantity }), got {\"sku\":\"A\"}; the event is rejected",
        }));
    }

    [Test]
    public async Task Show_from_the_miniplayer_brings_the_call_back_to_full_size()
    {
        await OpenIntegrationAsync(Integration("embed.on('goto-checkout', () => embed.floatAbove('/checkout'));"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.CheckoutAsync();

        await Page.EvaluateAsync("() => window.embed.show()");

        var state = await Widget.StateAsync();
        Assert.That(state.Mode, Is.EqualTo(WidgetMode.Open));
        await Expect(Page.GetByTitle("Miniplayer page")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Shopper_ends_the_call_from_the_widget_and_the_merchant_hears_close()
    {
        await OpenIntegrationAsync(Integration("embed.on('close', () => { window.heardClose = (window.heardClose || 0) + 1; });"));
        await Page.EvaluateAsync("() => window.embed.show()");

        await Page.GetByRole(AriaRole.Button, new() { Name = "End call" }).ClickAsync();

        Assert.That(await Page.EvaluateAsync<int>("() => window.heardClose"), Is.EqualTo(1));
        Assert.That((await Widget.StateAsync()).Mode, Is.EqualTo(WidgetMode.Closed));
        Assert.That((await Widget.TraceAsync())[^1].Event, Is.EqualTo(WidgetContract.Events.Close));
    }

    [Test]
    public async Task Scripted_shopper_close_ends_the_call_too()
    {
        await OpenIntegrationAsync(Integration("embed.on('close', () => { window.heardClose = true; });"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        await Page.EvaluateAsync("() => window.bambuserSimulator.shopper.close()");

        Assert.That(await Page.EvaluateAsync<bool>("() => window.heardClose === true"), Is.True);
    }

    [Test]
    public async Task Destroy_removes_the_widget_and_the_agent_can_no_longer_act()
    {
        await OpenIntegrationAsync(Integration(string.Empty));

        await Page.EvaluateAsync("() => window.embed.destroy()");

        var error = Assert.ThrowsAsync<Driver.SimulatorException>(() => Widget.AddToCartAsync("SHIRT-BLUE-M"));
        Assert.That(error!.Message, Does.StartWith("The widget was destroyed (destroy() was called on the embed instance)"));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToHaveCountAsync(0);
        Assert.That((await Widget.StateAsync()).Handlers, Is.Empty);
    }

    [Test]
    public async Task Close_method_is_flagged_as_undocumented_and_still_ends_the_call()
    {
        await OpenIntegrationAsync(Integration(string.Empty));
        await Page.EvaluateAsync("() => window.embed.show()");

        await Page.EvaluateAsync("() => window.embed.close()");

        var state = await Widget.StateAsync();
        Assert.That(state.Mode, Is.EqualTo(WidgetMode.Closed));
        Assert.That(state.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCode.UndocumentedMethod }));
    }

    [Test]
    public async Task Documented_events_are_accepted_and_guessed_lifecycle_names_are_flagged_as_unverified()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              ['queue-is-open', 'queue-is-closed', 'agents-online', 'queue-estimated-waiting-time', 'goto-chat', 'close',
               'surf-behind-to', 'tracking-event', 'provide-product-data', 'provide-search-data', 'call-started', 'cart-updated']
                .forEach((name) => embed.on(name, () => {}));
            };
            """);

        var diagnostics = (await Widget.StateAsync()).Diagnostics.Select(d => (d.Code, d.Detail)).ToList();
        Assert.That(diagnostics, Is.EqualTo(new[]
        {
            (DiagnosticCode.UnverifiedEvent, (string?)"on('call-started'): Bambuser documents no such event (its own wrapper only guesses call-lifecycle names); it may never fire"),
            (DiagnosticCode.UnknownEvent, "on('cart-updated'): not an event the Calls Widget emits; it will never fire"),
        }));
    }

    [Test]
    public async Task Queue_is_open_fires_once_after_the_ready_handler_to_those_listening()
    {
        await OpenIntegrationAsync(Integration("embed.on('queue-is-open', (status) => { (window.opened = window.opened || []).push(status); });"));
        await Page.WaitForFunctionAsync("() => window.opened");

        Assert.That(await Page.EvaluateAsync<string>("() => JSON.stringify(window.opened)"), Is.EqualTo("""[{"isOpen":true,"nextCloseTime":null}]"""));
    }

    [Test]
    public async Task Scripted_queue_events_reach_handlers_with_the_documented_payloads_and_the_queue_methods_follow()
    {
        await OpenIntegrationAsync(Integration("""
            window.heard = [];
            ['queue-is-closed', 'agents-online', 'queue-estimated-waiting-time'].forEach((name) => embed.on(name, (payload) => window.heard.push([name, payload])));
            """));

        await Page.EvaluateAsync("""
            async () => {
              await window.bambuserSimulator.queue.close({ nextOpenTime: '2026-12-01T08:00:00Z' });
              await window.bambuserSimulator.queue.agentsOnline(0, 'vip');
              await window.bambuserSimulator.queue.waitingTime({ estimatedWaitingTime: 420, agents: 2, place: 3 });
            }
            """);

        Assert.That(await Page.EvaluateAsync<string>("() => JSON.stringify(window.heard)"), Is.EqualTo(
            """[["queue-is-closed",{"isOpen":false,"nextOpenTime":"2026-12-01T08:00:00Z"}],["agents-online",{"numberOfAgentsOnline":0,"queueId":"vip"}],["queue-estimated-waiting-time",{"estimatedWaitingTime":420,"agents":2,"place":3}]]"""));
        Assert.That(await Page.EvaluateAsync<string>("async () => JSON.stringify(await window.embed.areQueuesOpen())"), Is.EqualTo("""{"isOpen":false,"nextOpenTime":"2026-12-01T08:00:00Z"}"""));
    }

    [Test]
    public async Task Each_instance_keeps_its_own_handlers_and_the_widget_follows_the_first()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const first = new Embed({ orgId: 'test-org' });
              first.on('should-add-item-to-cart', (item, callback) => { window.answeredBy = 'first'; callback(true); });
              const second = new Embed({ orgId: 'test-org' });
              second.on('should-add-item-to-cart', (item, callback) => { window.answeredBy = 'second'; callback(true); });
              second.on('goto-checkout', () => second.floatAbove('/checkout'));
            };
            """);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var state = await Widget.StateAsync();
        Assert.That((outcome.Outcome, outcome.CallbackCalls), Is.EqualTo((CallbackOutcome.Success, 1)), "the second instance's handler is not the widget's");
        Assert.That(await Page.EvaluateAsync<string>("() => window.answeredBy"), Is.EqualTo("first"));
        Assert.That(state.CheckoutButtonVisible, Is.False, "the second instance's checkout handler does not give the first's widget a Checkout button");
        Assert.That(state.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCode.MultipleInstances }));
    }

    [Test]
    public async Task Two_handlers_each_answering_once_are_told_apart_from_one_handler_answering_twice()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
              embed.on('should-add-item-to-cart', (item, callback) => { callback(true); callback(false); });
            };
            """);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var details = (await Widget.StateAsync()).Diagnostics.Select(d => (d.Code, d.Detail)).ToList();
        Assert.That(outcome.CallbackCalls, Is.EqualTo(3));
        Assert.That(details, Is.EqualTo(new[]
        {
            (DiagnosticCode.AnsweredBySeveralHandlers, (string?)"'should-add-item-to-cart' #1: handler #2 also answered true; the first answer, from handler #1, counts (2 handlers are registered for this event)"),
            (DiagnosticCode.CallbackCalledTwice, "'should-add-item-to-cart' #1: handler #2 called its callback 2 times; ignored false, the first call counts"),
        }));
    }

    [Test]
    public async Task Every_emission_goes_through_the_instances_events_emit_so_a_patch_sees_it()
    {
        await OpenIntegrationAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              const emit = embed.events.emit;
              embed.events.emit = (name, ...args) => { (window.seen = window.seen || []).push(name); return emit(name, ...args); };
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
            };
            """);

        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(await Page.EvaluateAsync<string[]>("() => window.seen"), Is.EqualTo(new[] { WidgetContract.Events.AddItem }));
    }

    [Test]
    public async Task Merchant_button_driven_by_queue_events_appears_hides_and_opens_the_widget()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(TestFixtures.Directory, "integrations", "full-featured.js"));
        await OpenIntegrationAsync(script);
        var talk = Page.GetByRole(AriaRole.Button, new() { Name = "Talk to an expert" });

        await Expect(talk).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => window.bambuserSimulator.queue.close({ nextOpenTime: null })");
        await Expect(talk).ToBeHiddenAsync();
        await Page.EvaluateAsync("() => window.bambuserSimulator.queue.open()");
        await talk.ClickAsync();

        Assert.That((await Widget.StateAsync()).Mode, Is.EqualTo(WidgetMode.Open));
        Assert.That(await Page.EvaluateAsync<string>("() => window.bambuserSimulator.state().customerData.membership"), Is.EqualTo("gold"), "its data function reached the agent");
    }

    private static string Integration(string more) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          window.embed = embed;
          embed.on('should-add-item-to-cart', (item, callback) => callback(true));
          {{more}}
        };
        """;
}

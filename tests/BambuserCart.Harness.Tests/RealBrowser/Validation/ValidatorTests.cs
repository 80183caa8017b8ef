using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>validate on passing integrations, on every TARGET kind, and on bad input.</summary>
public sealed class ValidatorTests
{
    private static readonly string Integrations = Path.Combine(TestFixtures.Directory, "integrations");

    [Test]
    public async Task Sample_shop_passes_every_check()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings());

        AssertAllPassed(report);
    }

    [Test]
    public async Task Reference_script_with_the_sample_backend_passes_every_check()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "reference.js")), new ValidationSettings { SampleBackend = true });

        AssertAllPassed(report);
    }

    [Test]
    public async Task Reference_html_page_with_the_sample_backend_passes_every_check()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "reference.html")), new ValidationSettings { SampleBackend = true });

        AssertAllPassed(report);
    }

    [Test]
    public async Task Url_target_with_skus_and_a_cart_probe_passes_every_check()
    {
        var url = BrowserTestEnvironment.Server.BaseUrl.ToString();
        var settings = new ValidationSettings
        {
            Skus = ["SNEAKER-42", "SHIRT-WHITE-L"],
            OutOfStockSku = "BAG-LEATHER",
            CartProbe = NativeCartProbe.SampleBackend,
            ProductUrl = "/product/SNEAKER-42",
        };

        var report = await RunAsync(ValidationTarget.Parse(url), settings);

        AssertAllPassed(report);
    }

    [Test]
    public async Task Full_merchant_integration_with_hydration_customer_data_and_queue_events_passes_every_check_unchanged()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "full-featured.js")), new ValidationSettings { SampleBackend = true });

        AssertAllPassed(report);
        Assert.That(report.Diagnostics, Is.Empty, "nothing it calls is missing or misused");
        Assert.That(report.Checks.Single(c => c.Id == CheckId.ProductHydration).Required, Is.True, "it hydrates, so the check counts");
    }

    [Test]
    public async Task Reference_script_passes_every_check_with_every_cart_answer_delayed()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "reference.js")), new ValidationSettings { SampleBackend = true, CartLatencyMs = 400 });

        AssertAllPassed(report);
    }

    [Test]
    public async Task Handlers_registered_once_the_page_has_loaded_its_settings_pass_on_every_page()
    {
        // The ready handler creates the instance at once but registers its handlers only after a
        // settings request and 1.2 s of timers, as a page mounting a framework component might.
        // An agent acts seconds into a call, so this is correct on the first page and on fresh ones.
        var script = """
            async function settingsLoaded() {
              await fetch('/products/settings.json').catch(() => null);
              await new Promise((resolve) => setTimeout(resolve, 600));
              await new Promise((resolve) => setTimeout(resolve, 600));
            }
            """ + "\n" + ReferenceScript.Text()
            .Replacing("window.onBambuserOneToOneReady = function (BambuserOneToOneEmbed) {", "window.onBambuserOneToOneReady = async function (BambuserOneToOneEmbed) {")
            .Replacing("    oneToOneEmbed.on('should-add-item-to-cart'", "    await settingsLoaded();\n    oneToOneEmbed.on('should-add-item-to-cart'");
        CheckId[] checks = [CheckId.AddHandler, CheckId.UpdateHandler, CheckId.CheckoutHandler, CheckId.AddSuccess, CheckId.UpdateQuantity, CheckId.AddOutOfStock, CheckId.AddBackendFailure];

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = checks.ToHashSet() });

        Assert.That(
            report.Checks.Where(c => c.Status != CheckStatus.Passed).Select(c => $"{c.Name}: {c.Status}: {c.Message}"),
            Is.Empty,
            "every check should pass on the first page and on the fresh pages alike");
        Assert.That(report.Checks.Select(c => c.Id), Is.EquivalentTo(checks));
    }

    [Test]
    public async Task Checkout_handler_registered_after_the_cart_handlers_passes_the_checkout_checks()
    {
        // The cart handlers come at once; goto-checkout only once the page has fetched its checkout
        // settings and 0.8 s of timers have passed.
        var script = ReferenceScript.Text()
            .Replacing("window.onBambuserOneToOneReady = function (BambuserOneToOneEmbed) {", "window.onBambuserOneToOneReady = async function (BambuserOneToOneEmbed) {")
            .Replacing("    if (checkoutMode !== 'none') {", """
                    await fetch('/products/checkout-settings.json').catch(() => null);
                    await new Promise((resolve) => setTimeout(resolve, 800));
                    if (checkoutMode !== 'none') {
                """);
        CheckId[] checks = [CheckId.CheckoutHandler, CheckId.CheckoutNavigation];

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = checks.ToHashSet() });

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(checks.Select(c => (c, CheckStatus.Passed))),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Product_data_handler_registered_after_the_others_is_judged_not_taken_for_missing()
    {
        // Every other handler comes at once; provide-product-data only once 1.2 s of timers have
        // passed (a component that mounts later). The hydration page's turn comes sooner than that.
        var script = ReferenceScript.Text()
            .Replacing("    oneToOneEmbed.on('provide-product-data', (event) => {", "    setTimeout(() => setTimeout(() => oneToOneEmbed.on('provide-product-data', (event) => {")
            .Replacing("    });\n\n    // Without this handler the widget shows no Checkout button", "    }), 600), 600);\n\n    // Without this handler the widget shows no Checkout button");

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.ProductHydration } });

        var hydration = report.Checks.Single(c => c.Id == CheckId.ProductHydration);
        Assert.That((hydration.Status, hydration.Message), Is.EqualTo((CheckStatus.Passed, hydration.Message)));
    }

    [Test]
    public async Task A_page_that_never_registers_a_cart_handler_fails_the_handler_checks_once_the_wait_for_them_is_over()
    {
        var script = """
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              embed.on('goto-checkout', () => embed.floatAbove('/checkout'));
            };
            """;
        var settings = new ValidationSettings { SampleBackend = true, HandlersBound = TimeSpan.FromMilliseconds(300), OnlyChecks = new HashSet<CheckId> { CheckId.AddHandler, CheckId.UpdateHandler } };

        var report = await RunScriptAsync(script, settings);

        var byId = report.Checks.ToDictionary(c => c.Id);
        Assert.That(byId[CheckId.AddHandler].Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(byId[CheckId.AddHandler].Message, Is.EqualTo("expected a 'should-add-item-to-cart' handler within 0.3 s of the widget starting (and of the page's own requests being answered), found handlers for [goto-checkout]"));
        Assert.That(byId[CheckId.UpdateHandler].Message, Does.StartWith("expected a 'should-update-item-in-cart' handler within 0.3 s of the widget starting (and of the page's own requests being answered)"));
    }

    [Test]
    public async Task A_page_that_registers_its_handlers_once_its_slow_settings_have_come_passes_the_handler_checks()
    {
        // The page asks for its settings through the cart API, which the run makes answer 1 s late:
        // later than the 0.3 s the page is given, so it passes only by the wait on its own request.
        var script = """
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'test-org' });
              fetch('/cart').then((r) => r.json()).then(() => {
                embed.on('should-add-item-to-cart', (item, callback) => callback(true));
                embed.on('should-update-item-in-cart', (item, callback) => callback(true));
                embed.on('goto-checkout', () => embed.floatAbove('/checkout'));
              });
            };
            """;
        HashSet<CheckId> checks = [CheckId.AddHandler, CheckId.UpdateHandler, CheckId.CheckoutHandler];
        var settings = new ValidationSettings { SampleBackend = true, CartApi = "**/cart**", CartLatencyMs = 1_000, HandlersBound = TimeSpan.FromMilliseconds(300), OnlyChecks = checks };

        var report = await RunScriptAsync(script, settings);

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(checks.Select(id => (id, CheckStatus.Passed))),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Cart_requests_sent_as_synchronous_xhr_prove_the_backend_failure_checks()
    {
        // A synchronous request that fails at the network fires no event; the run must still see it end.
        var script = ReferenceScript.Text().ReplacingFromTo(
            "    const response = await fetch(path,",
            "    if (!response.ok) {",
            """
                const xhr = new XMLHttpRequest();
                xhr.open('POST', path, false);
                try {
                  xhr.send(JSON.stringify(body));
                } catch (_) {
                  throw new Error('network error');
                }
                const response = { ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status };
                const data = JSON.parse(xhr.responseText || '{}');
                if (!response.ok) {
            """);

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddBackendFailure, CheckId.UpdateBackendFailure } });

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(new[] { (CheckId.AddBackendFailure, CheckStatus.Passed), (CheckId.UpdateBackendFailure, CheckStatus.Passed) }),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Cart_latency_delays_the_cart_requests_of_every_family_not_only_those_that_fault_the_backend()
    {
        // Only the backend-failure families need the cart API routed for their faults; the latency
        // must still reach every family's page, or the other verdicts would be taken on a fast backend.
        const int latencyMs = 300;
        var settings = new ValidationSettings { CartLatencyMs = latencyMs, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.UpdateRemove, CheckId.AddBackendFailure } };

        var report = await RunAsync(ValidationTarget.SampleShop, settings);

        var cartRequests = report.Events
            .SelectMany(e => e.Evidence.CartRequests(CartApiPattern.Default).Select(r => (e.Page, e.Step, r)))
            .ToList();
        Assert.That(cartRequests.Select(c => c.Page).Distinct(), Is.EquivalentTo(new[] { "embed and add", "update.remove", "add.backend-failure" }), "every family played sent cart requests");
        Assert.That(
            cartRequests.Where(c => c.r.EndAt - c.r.At < latencyMs - 5).Select(c => $"{c.Page} / {c.Step}: {c.r.Method} {c.r.Url} took {c.r.EndAt - c.r.At:0} ms"),
            Is.Empty,
            $"every cart request should take at least the {latencyMs} ms latency");
    }

    [Test]
    public async Task Backend_delay_the_run_adds_does_not_count_against_the_callback_timeout()
    {
        // Every cart answer comes 700 ms late, the slow-backend one 825 ms: longer than the 500 ms the
        // integration is given. Time its requests wait for their answers does not count, so the
        // answers are on time.
        var settings = new ValidationSettings { SampleBackend = true, CallbackTimeoutMs = 500, CartLatencyMs = 700, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.AddBackendFailure, CheckId.CallbackTimely } };

        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "reference.js")), settings);

        Assert.That(report.Checks.Select(c => (c.Id, c.Status)), Is.EquivalentTo(new[]
        {
            (CheckId.AddSuccess, CheckStatus.Passed),
            (CheckId.AddBackendFailure, CheckStatus.Passed),
            (CheckId.CallbackTimely, CheckStatus.Passed),
        }), () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Every_event_of_a_run_carries_the_evidence_of_its_cart_requests()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings());

        var faulted = report.Events.Where(e => e.Fault is BackendCondition.Http500).ToList();
        Assert.That(report.Events.Where(e => e.IsCartEvent), Has.All.Matches<ObservedEvent>(e => e.Evidence.Requests.Count > 0 && e.Evidence.FirstAnswer is not null));
        Assert.That(faulted.Select(e => e.Step), Is.EqualTo(new[] { "add.backend-failure (http-500)", "update.backend-failure (http-500)", "update.backend-failure (removal, http-500)" }));
        Assert.That(faulted.SelectMany(e => e.Evidence.Requests).Select(r => r.Status), Is.All.EqualTo(500));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed).Events, Is.Not.Empty, "the check links the events it judged");
    }

    [Test]
    public async Task Only_the_pages_the_selected_checks_need_are_played()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings { OnlyChecks = new HashSet<CheckId> { CheckId.CheckoutNavigation } });

        Assert.That(report.Events.Select(e => e.Step), Is.EqualTo(new[] { "checkout (setup: add)", "checkout" }));
    }

    [Test]
    public async Task Ready_handler_that_throws_is_reported_at_once_with_the_error_and_where_it_was_thrown()
    {
        var report = await RunScriptAsync("window.onBambuserOneToOneReady = () => { throw new Error('config missing'); };\n");

        var ready = report.Checks.Single(c => c.Id == CheckId.EmbedReadyHandler);
        Assert.That(ready.Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(ready.Message, Does.Contain("onBambuserOneToOneReady threw: Error: config missing (at http://127.0.0.1:").And.Not.Contain("was not ready within"), "stopped on the error, not on the wait's bound");
    }

    [Test]
    public async Task Missing_ready_handler_names_the_error_that_stopped_the_script()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "broken", "embed.ready-handler--top-level-error.js")), new ValidationSettings { SampleBackend = true });

        var ready = report.Checks.Single(c => c.Id == CheckId.EmbedReadyHandler);
        Assert.That(ready.Message, Does.Contain("the page threw while loading: TypeError: Cannot read properties of undefined (reading 'checkoutUrl') (at http://127.0.0.1:"));
        Assert.That(report.PageErrors.Select(e => e.Message), Has.Some.StartsWith("TypeError: Cannot read properties of undefined"));
    }

    [Test]
    public async Task A_page_opened_ahead_for_a_family_that_never_plays_adds_nothing_to_the_report()
    {
        // The next family's page loads while the first page proves the embed. Here the widget never
        // starts, so that page is closed unplayed: its own copy of the load error must not be reported.
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "broken", "embed.ready-handler--top-level-error.js")), new ValidationSettings { SampleBackend = true });

        Assert.That(report.PageErrors.Select(e => (e.Page, e.Kind)).ToArray(), Is.EqualTo(new[] { ("embed and add", "error") }), string.Join("\n", report.PageErrors));
        Assert.That(report.Events, Is.Empty);
    }

    [Test]
    public async Task A_failure_keeps_the_trace_of_its_own_page_only_though_the_next_page_was_opened_during_it()
    {
        // add.unknown-sku's page is opened while add.out-of-stock plays and fails: the failure is not its.
        var report = await RunAsync(
            ValidationTarget.Parse(Path.Combine(Integrations, "broken", "add.out-of-stock.js")),
            new ValidationSettings { SampleBackend = true, RecordTrace = true });
        try
        {
            var failed = report.Checks.Where(c => c.Status == CheckStatus.Failed).ToArray();
            Assert.That(failed.Select(c => c.Id).ToArray(), Is.EqualTo(new[] { CheckId.AddOutOfStock }), string.Join("\n", failed.Select(c => $"{c.Name}: {c.Message}")));
            Assert.That(report.Traces.Select(t => t.Session).ToArray(), Is.EqualTo(new[] { CheckId.AddOutOfStock.Wire() }), "traces kept");
        }
        finally
        {
            foreach (var trace in report.Traces)
            {
                File.Delete(trace.Path);
            }
        }
    }

    [Test]
    public async Task Timeout_names_the_error_that_kept_the_callback_from_coming()
    {
        var report = await RunAsync(
            ValidationTarget.Parse(Path.Combine(Integrations, "broken", "handler.no-throw--promise-chain.js")),
            new ValidationSettings { SampleBackend = true, CallbackTimeoutMs = 1_000, OnlyChecks = new HashSet<CheckId> { CheckId.AddOutOfStock, CheckId.CallbackTimely, CheckId.HandlerNoThrow } });

        var timely = report.Checks.Single(c => c.Id == CheckId.CallbackTimely);
        var thrown = report.Checks.Single(c => c.Id == CheckId.HandlerNoThrow);
        Assert.That(timely.Message, Does.Contain("the callback never came; while it waited the page threw ReferenceError: OUT_OF_STOCK is not defined (at http://127.0.0.1:"));
        Assert.That(thrown.Message, Does.Contain("an unhandled rejection ReferenceError: OUT_OF_STOCK is not defined (at http://127.0.0.1:").And.Contain("handler.no-throw--promise-chain.js:"));
    }

    [Test]
    public async Task Rejection_a_handler_catches_only_after_its_cart_request_answered_does_not_fail_handler_no_throw()
    {
        // Recommendations are asked for beside the cart request, and their failure is caught once
        // the cart request has settled. They fail at once, so the browser reports them unhandled
        // for a moment, until the handler catches them: on every path, so nothing stays unhandled.
        var script = ReferenceScript.Text().Replacing(
            "      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })\n        .then(() => {",
            "      const recommendations = (async () => { throw new Error('no recommendations for this shopper'); })();\n      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })\n        .finally(() => recommendations.catch(() => []))\n        .then(() => {");

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.HandlerNoThrow } });

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(new[] { (CheckId.AddSuccess, CheckStatus.Passed), (CheckId.HandlerNoThrow, CheckStatus.Passed) }),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Work_a_handler_leaves_for_later_that_answers_nothing_twice_and_throws_nothing_passes()
    {
        // What a careful handler leaves for later: a guard timer it clears once the cart has
        // answered, a toast hidden 3 s later, and a mini cart refreshed every 2 s from then on.
        // The run runs what is still pending when each page is done: none of it may fail a check.
        var script = ReferenceScript.Text().Replacing(
            "      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })\n        .then(() => {\n          track('add_to_cart', addedItem.sku, 1);\n          callback(true);\n        })\n        .catch(answer(callback));",
            """
                  let answered = false;
                  const once = (value) => { if (!answered) { answered = true; clearTimeout(guard); callback(value); } };
                  const guard = setTimeout(() => once(false), 8000);
                  setTimeout(() => { document.title = 'Added to your cart'; }, 3000);
                  window.refresher = window.refresher || setInterval(() => fetch('/cart').then((r) => r.json()).then((cart) => { window.lines = cart.items.length; }), 2000);
                  postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })
                    .then(() => {
                      track('add_to_cart', addedItem.sku, 1);
                      once(true);
                    })
                    .catch(answer(once));
            """);

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.AddBackendFailure, CheckId.CallbackOnce, CheckId.HandlerNoThrow, CheckId.PageNoErrors } });

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(new[] { (CheckId.AddSuccess, CheckStatus.Passed), (CheckId.AddBackendFailure, CheckStatus.Passed), (CheckId.CallbackOnce, CheckStatus.Passed), (CheckId.HandlerNoThrow, CheckStatus.Passed), (CheckId.PageNoErrors, CheckStatus.Passed) }),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Guard_timer_never_cleared_fails_callback_once_however_long_the_run_keeps_the_page()
    {
        // Its second answer comes 8 s after each add, when no page of the run is open any more
        // unless the run runs it: the verdict must not depend on how long the run kept the page.
        var path = Path.Combine(Integrations, "broken", "callback.once--guard-timer-never-cleared.js");

        var report = await RunAsync(ValidationTarget.Parse(path), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.CallbackOnce } });

        var once = report.Checks.Single(c => c.Id == CheckId.CallbackOnce);
        Assert.That(once.Status, Is.EqualTo(CheckStatus.Failed), once.Message);
        Assert.That(once.Message, Does.Contain("should-add-item-to-cart { sku: 'SHIRT-BLUE-M' }: called back 2 times (1 of them after the event was over, from a timer (of more than a second) or an interval its handler set"));
    }

    [TestCase(1_200, TestName = "Redirect_from_a_timer_fails_handler_stays_on_page_naming_the_add_when_it_fires_during_a_later_event")]
    [TestCase(60_000, TestName = "Redirect_from_a_timer_fails_handler_stays_on_page_naming_the_add_when_it_runs_only_once_the_page_is_done")]
    public async Task Redirect_from_a_timer_fails_handler_stays_on_page_and_blames_no_other_step_whenever_it_fires(int afterMs)
    {
        // "Added! Taking you to your cart…": the redirect ends the call whenever it fires. At 1.2 s
        // it fires while a later step is handled, at 60 s only when the run runs what is pending
        // once the page is done: the same verdict either way, on the add that set it, and the step
        // it happened to fire in is not blamed.
        var script = ReferenceScript.Text().Replacing(
            "          track('add_to_cart', addedItem.sku, 1);\n          callback(true);",
            $"          track('add_to_cart', addedItem.sku, 1);\n          callback(true);\n          setTimeout(() => {{ window.location.href = '/cart-page'; }}, {afterMs});");

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.AddNativeCart, CheckId.UpdateQuantity, CheckId.HandlerStaysOnPage } });

        var stays = report.Checks.Single(c => c.Id == CheckId.HandlerStaysOnPage);
        Assert.Multiple(() =>
        {
            Assert.That(report.Checks.Where(c => c.Id != CheckId.HandlerStaysOnPage).Select(c => (c.Id, c.Status, c.Message)), Has.All.Matches<(CheckId, CheckStatus Status, string)>(c => c.Status == CheckStatus.Passed), "no step is blamed for a redirect it did not start");
            Assert.That(stays.Status, Is.EqualTo(CheckStatus.Failed), stays.Message);
            Assert.That(stays.Message, Does.Contain("should-add-item-to-cart { sku: 'SHIRT-BLUE-M' }: navigated to http://127.0.0.1:").And.Contain("/cart-page after the event was over"));
            Assert.That(stays.Message, Does.Contain("The recorder stopped it so the run could go on; in a real call the call would end, since the widget goes with the page"));
            Assert.That(stays.Message, Does.Not.Contain("should-update-item-in-cart"), "the quantity change left nothing for later");
        });
    }

    [Test]
    public async Task Checkout_that_floats_above_from_a_timer_is_not_stopped_and_passes()
    {
        // A checkout handler that says "Taking you to checkout…" and floats the call above the
        // checkout page 1.5 s later: leaving is its job, so its timer is not stopped.
        var script = ReferenceScript.Text().Replacing(
            "          oneToOneEmbed.floatAbove(checkoutUrl);",
            "          setTimeout(() => oneToOneEmbed.floatAbove(checkoutUrl), 1500);");

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.CheckoutNavigation, CheckId.HandlerStaysOnPage } });

        Assert.That(report.Checks.Select(c => (c.Id, c.Status)), Is.EquivalentTo(new[] { (CheckId.AddSuccess, CheckStatus.Passed), (CheckId.CheckoutNavigation, CheckStatus.Passed), (CheckId.HandlerStaysOnPage, CheckStatus.Passed) }), string.Join("\n", report.Checks.Select(c => c.Message)));
    }

    [Test]
    public async Task Removal_of_a_line_the_native_cart_never_held_is_not_proven_rather_than_passed()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "broken", "add.native-cart.js")), new ValidationSettings { SampleBackend = true });

        var remove = report.Checks.Single(c => c.Id == CheckId.UpdateRemove);
        Assert.That((remove.Status, remove.NotProven), Is.EqualTo((CheckStatus.Skipped, true)));
        Assert.That(remove.Message, Does.StartWith("not proven: after callback(true) for 'SHIRT-BLUE-M' the probe shows an empty native cart, so its removal would prove nothing"));
    }

    [Test]
    public async Task Handler_that_navigates_the_page_away_fails_its_check_naming_where_it_went()
    {
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', () => { location.href = '/checkout'; });
            };
            """);

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That((add.Status, add.Message), Is.EqualTo((CheckStatus.Failed, $"while add.success was handled the page navigated to {new Uri(new Uri(report.PageUrl), "/checkout")}: {NavigationConsequence}")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddNativeCart).NotProven, Is.True);
    }

    [Test]
    public async Task Handler_that_reloads_the_page_after_answering_fails_its_check_though_the_url_stays_the_same()
    {
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', (item, callback) => {
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then(() => { callback(true); location.reload(); });
              });
            };
            """);

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That((add.Status, add.Message), Is.EqualTo((CheckStatus.Failed, $"while add.success was handled the page reloaded ({report.PageUrl}): {NavigationConsequence}")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddNativeCart).Message, Is.EqualTo($"not proven: the page reloaded ({report.PageUrl}) during add.success"));
    }

    [Test]
    public async Task Handlers_that_change_the_url_within_the_page_pass_since_the_widget_stays()
    {
        // A pushState, and a router that intercepts the navigation it starts (the Navigation API),
        // keep the document, and the widget in it: neither ends the call.
        var report = await RunScriptAsync(ReferenceWith(
            afterAdd: "history.pushState({}, '', '?added=' + encodeURIComponent(addedItem.sku));",
            afterUpdate: "navigation.navigate('/cart-view');",
            before: "navigation.addEventListener('navigate', (event) => { if (event.canIntercept && new URL(event.destination.url).pathname === '/cart-view') event.intercept({ handler: async () => {} }); });"));

        AssertAllPassed(report);
    }

    [Test]
    public async Task Handlers_that_begin_a_navigation_the_browser_gives_up_pass_since_the_widget_stays()
    {
        // An app link (handed to the system) and a download begin a navigation that never replaces
        // the page: the recorder hears each begin, and the page, the widget and the call stay.
        var report = await RunScriptAsync(ReferenceWith(
            afterAdd: "location.href = 'shopapp://cart?sku=' + encodeURIComponent(addedItem.sku);",
            afterUpdate: "location.href = URL.createObjectURL(new Blob(['receipt'], { type: 'application/octet-stream' }));",
            before: ""));

        AssertAllPassed(report);
    }

    [Test]
    public async Task Run_past_its_max_time_fails_the_check_in_progress_by_name_and_ends_with_a_report()
    {
        // A callback timeout of 10 minutes and a handler that never answers: without an overall
        // bound every event would wait its 10 minutes. (The page has no other handler: a short
        // wait for them leaves the run's time to the add.)
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', () => { /* never answers */ });
            };
            """, new ValidationSettings { SampleBackend = true, CallbackTimeoutMs = 600_000, MaxRunSeconds = 5, HandlersBound = TimeSpan.FromMilliseconds(300) });

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That((add.Status, add.Message), Is.EqualTo((CheckStatus.Failed, add.Message)));
        Assert.That(add.Message, Does.StartWith("the run reached its MaxRunSeconds of 5 s while "));
        Assert.That(
            report.Checks.Where(c => c.Id is CheckId.UpdateQuantity or CheckId.AddOutOfStock or CheckId.CheckoutNavigation).Select(c => (c.Status, c.Message)),
            Is.All.EqualTo((CheckStatus.Skipped, "not proven: not run, the run reached its MaxRunSeconds of 5 s")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.CallbackTimely).Message, Is.EqualTo("not proven: the run reached its MaxRunSeconds of 5 s before any cart event was settled"));
        Assert.That(report.Duration, Is.LessThan(TimeSpan.FromMinutes(1)), "the run ended soon after its bound");
    }

    [Test]
    public async Task Max_time_that_ends_while_the_page_is_given_time_for_its_handlers_fails_the_missing_one_by_name()
    {
        // No goto-checkout handler: the page would be given 5 s for it, but the run has 2 s in all.
        var script = ReferenceScript.Text().Replacing("    if (checkoutMode !== 'none') {", "    if (false) {");

        var report = await RunScriptAsync(script, new ValidationSettings { SampleBackend = true, MaxRunSeconds = 2 });

        var checkout = report.Checks.Single(c => c.Id == CheckId.CheckoutHandler);
        Assert.That(
            (checkout.Status, checkout.Message),
            Is.EqualTo((CheckStatus.Failed, "expected a 'goto-checkout' handler before the run reached its MaxRunSeconds of 2 s, found handlers for [should-add-item-to-cart, should-update-item-in-cart, provide-product-data]; the shopper never sees a Checkout button")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddHandler).Status, Is.EqualTo(CheckStatus.Passed));
        Assert.That(
            report.Checks.Where(c => c.Id is CheckId.AddSuccess or CheckId.UpdateRemove or CheckId.CheckoutNavigation).Select(c => (c.Status, c.Message)),
            Is.All.EqualTo((CheckStatus.Skipped, "not proven: not run, the run reached its MaxRunSeconds of 2 s")));
    }

    [Test]
    public async Task Cart_probe_read_cut_off_by_max_time_fails_the_check_in_progress_instead_of_calling_the_probe_bad_input()
    {
        // The first read (before any event) answers; every later one never settles, so the run's
        // bound falls in the middle of the read before add.success.
        var settings = new ValidationSettings
        {
            SampleBackend = true,
            MaxRunSeconds = 5,
            CartProbe = "(window.__probeReads = (window.__probeReads || 0) + 1) === 1 ? [] : new Promise(() => {})",
        };

        var report = await RunScriptAsync(ReferenceScript.Text(), settings);

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That((add.Status, add.Message), Is.EqualTo((CheckStatus.Failed, "the run reached its MaxRunSeconds of 5 s while the embed and add page was handled")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddHandler).Status, Is.EqualTo(CheckStatus.Passed));
    }

    [Test]
    public async Task Page_that_overwrites_the_simulator_handle_cannot_take_the_run_away_from_the_harness()
    {
        // The harness drives the fake through window.bambuserSimulator; a page that replaces it (by
        // mistake or on purpose) must not blind the run or end it in a stack trace.
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              window.bambuserSimulator = { emit() { return 'hijacked'; } };
              delete window.bambuserSimulator;
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', (item, callback) => {
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
              });
            };
            """);

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That((add.Status, add.Message), Is.EqualTo((CheckStatus.Passed, add.Message)), add.Message);
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddNativeCart).Status, Is.EqualTo(CheckStatus.Passed));
    }

    [Test]
    public async Task New_tab_checkout_on_a_host_the_run_may_not_reach_is_not_proven_and_says_how_to_allow_it()
    {
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', (item, callback) => {
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
              });
              embed.on('goto-checkout', () => window.open('https://checkout.example.com/cart', '_blank'));
            };
            """);

        var navigation = report.Checks.Single(c => c.Id == CheckId.CheckoutNavigation);
        Assert.That((navigation.Status, navigation.Message), Is.EqualTo((CheckStatus.Skipped, "not proven: goto-checkout opened https://checkout.example.com/cart in a new tab, on checkout.example.com, which this run may not reach; pass --allow-host checkout.example.com to let it load")));
        Assert.That(report.BlockedRequests, Is.EqualTo(new[] { "GET https://checkout.example.com/cart" }), "and it was not fetched");
    }

    [Test]
    public async Task Hydration_check_is_advisory_and_skipped_when_the_page_has_no_hydration_handler()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "broken", "add.out-of-stock.js")), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.ProductHydration } });

        var hydration = report.Checks.Single();
        Assert.That((hydration.Status, hydration.Required, hydration.NotProven), Is.EqualTo((CheckStatus.Skipped, false, false)));
        Assert.That(hydration.Message, Does.StartWith("advisory: the page registers no provide-product-data handler"));
    }

    [Test]
    public async Task Url_target_whose_page_is_not_a_product_page_leaves_hydration_by_url_not_proven_asking_for_a_product_url()
    {
        var url = BrowserTestEnvironment.Server.BaseUrl.ToString();

        var report = await RunAsync(ValidationTarget.Parse(url), new ValidationSettings { Skus = ["SNEAKER-42"], OnlyChecks = new HashSet<CheckId> { CheckId.ProductHydration } });

        var hydration = report.Checks.Single();
        Assert.That((hydration.Status, hydration.NotProven), Is.EqualTo((CheckStatus.Skipped, true)));
        Assert.That(hydration.Message, Does.StartWith("not proven: 'SNEAKER-42' hydrated as 'Canvas sneaker, size 42', but the target page ").And.EndWith("if it is not a product page, pass ProductUrl with one"));
    }

    [Test]
    public async Task Checkout_that_only_routes_within_the_page_fails_navigation_saying_so()
    {
        var report = await RunScriptAsync("""
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', (item, callback) => {
                fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
              });
              embed.on('goto-checkout', () => history.pushState({}, '', '/checkout'));
            };
            """);

        var navigation = report.Checks.Single(c => c.Id == CheckId.CheckoutNavigation);
        Assert.That(navigation.Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(navigation.Message, Does.Contain("the handler routed within the page to ").And.Contain("use floatAbove(url) to show the checkout beneath a miniplayer"));
    }

    [Test]
    public async Task Handler_stuck_in_an_endless_loop_fails_its_check_instead_of_hanging_the_run()
    {
        var report = await RunScriptAsync(
            """
            window.onBambuserOneToOneReady = (Embed) => {
              const embed = new Embed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', () => { while (true) { } });
            };
            """,
            new ValidationSettings { SampleBackend = true, CallbackTimeoutMs = 500, OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.AddNativeCart } });

        var add = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That(add.Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(add.Message, Is.EqualTo("while add.success was handled the page stopped responding: nothing came back within 10 s (is a handler stuck in an endless loop?)"));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddNativeCart).NotProven, Is.True);
        // Found by the page leaving a trivial question unanswered, not at the end of the call's bound
        // (the real widget's 30 s that a slow backend's requests may take, plus a margin).
        Assert.That(report.Duration, Is.LessThan(TimeSpan.FromSeconds(30)), "found before a request could have timed out");
    }

    [Test]
    public async Task Miniplayer_page_slower_than_the_callback_timeout_still_passes_same_origin_once_the_frame_shows_it()
    {
        // The run's latency slows the checkout page itself, past the 300 ms callback timeout: the
        // verdict waits for the browser's frame, as long as for the merchant's requests.
        var settings = SlowCheckoutPage(latencyMs: 1_200, requestWaitLimit: TimeSpan.FromSeconds(30));

        var report = await RunScriptAsync(FloatsAboveCheckout, settings);

        var sameOrigin = report.Checks.Single(c => c.Id == CheckId.CheckoutSameOrigin);
        Assert.That((sameOrigin.Status, sameOrigin.Message), Is.EqualTo((CheckStatus.Passed, sameOrigin.Message)), sameOrigin.Message);
        Assert.That(sameOrigin.Message, Does.EndWith("answered 2xx and the browser showed it in the miniplayer's frame"));
    }

    [Test]
    public async Task Miniplayer_page_that_does_not_load_within_the_wait_limit_leaves_same_origin_not_proven()
    {
        var settings = SlowCheckoutPage(latencyMs: 3_000, requestWaitLimit: TimeSpan.FromSeconds(1));

        var report = await RunScriptAsync(FloatsAboveCheckout, settings);

        var sameOrigin = report.Checks.Single(c => c.Id == CheckId.CheckoutSameOrigin);
        Assert.That((sameOrigin.Status, sameOrigin.NotProven), Is.EqualTo((CheckStatus.Skipped, true)), sameOrigin.Message);
        Assert.That(sameOrigin.Message, Does.StartWith("not proven: ").And.EndWith("the miniplayer's frame did not finish loading it within 1 s, so the browser gave no framing verdict"));
    }

    [Test]
    public async Task Float_above_without_a_url_passes_same_origin_since_no_other_page_is_framed()
    {
        var report = await RunScriptAsync(
            FloatsAboveCheckout.Replace("embed.floatAbove('/checkout')", "embed.floatAbove()", StringComparison.Ordinal),
            new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.CheckoutNavigation, CheckId.CheckoutSameOrigin } });

        var sameOrigin = report.Checks.Single(c => c.Id == CheckId.CheckoutSameOrigin);
        Assert.That((sameOrigin.Status, sameOrigin.Message), Is.EqualTo((CheckStatus.Passed, "floatAbove() without a URL: the miniplayer floats above this page itself, so there is no other page to frame")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.CheckoutNavigation).Message, Is.EqualTo("goto-checkout floated the call as a miniplayer above this page (floatAbove() without a URL)"));
    }

    private const string FloatsAboveCheckout = """
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'sample-org' });
          embed.on('should-add-item-to-cart', (item, callback) => {
            fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
          });
          embed.on('goto-checkout', () => embed.floatAbove('/checkout'));
        };
        """;

    // The checkout page stands in for the cart API, so the run's injected latency delays it.
    private static ValidationSettings SlowCheckoutPage(int latencyMs, TimeSpan requestWaitLimit) => new()
    {
        SampleBackend = true,
        CartApi = "**/checkout",
        CartLatencyMs = latencyMs,
        CallbackTimeoutMs = 300,
        RequestWaitLimit = requestWaitLimit,
        OnlyChecks = new HashSet<CheckId> { CheckId.CheckoutSameOrigin },
    };

    [Test]
    public async Task Json_report_of_a_real_failing_run_is_valid_against_the_published_schema()
    {
        var report = await RunAsync(ValidationTarget.Parse(Path.Combine(Integrations, "broken", "checkout.same-origin.js")), new ValidationSettings { SampleBackend = true });

        var result = Reports.ReportSchema.Evaluate(CtrfReport.ToJson(report));

        Assert.That(result.IsValid, Is.True, System.Text.Json.JsonSerializer.Serialize(result));
        Assert.That(report.BlockedRequests, Is.EqualTo(new[] { "GET https://checkout.example.com/cart" }), "the cross-origin miniplayer page was refused, not fetched");
    }

    [Test]
    public async Task Url_target_without_a_cart_probe_skips_the_native_cart_check_with_the_reason()
    {
        var url = BrowserTestEnvironment.Server.BaseUrl.ToString();

        var report = await RunAsync(ValidationTarget.Parse(url), new ValidationSettings { Skus = ["SNEAKER-42"] });

        var nativeCart = report.Checks.Single(c => c.Id == CheckId.AddNativeCart);
        Assert.That((nativeCart.Status, nativeCart.Message), Is.EqualTo((CheckStatus.Skipped, "not proven: no cart probe, so the native cart cannot be read; pass CartProbe '<js expression giving [{sku, quantity}]>' (built in with SampleBackend)")));
        Assert.That(report.Checks.Single(c => c.Id == CheckId.AddOutOfStock).Status, Is.EqualTo(CheckStatus.Skipped));
        Assert.That(report.ExitCode, Is.Zero);
        Assert.That(report.NotProven.Select(c => c.Id), Is.SupersetOf(new[] { CheckId.AddNativeCart, CheckId.UpdateQuantity, CheckId.UpdateRemove }), "without a probe nothing about the native cart is proven");
    }

    [Test]
    public void Url_target_without_skus_is_an_input_error_naming_the_option()
    {
        var error = Assert.ThrowsAsync<ValidationInputException>(() => RunAsync(ValidationTarget.Parse(BrowserTestEnvironment.Server.BaseUrl.ToString()), new ValidationSettings()));

        Assert.That(error!.Message, Does.StartWith("Skus:"));
    }

    [Test]
    public void Unreachable_url_is_an_input_error_naming_the_url()
    {
        var error = Assert.ThrowsAsync<ValidationInputException>(() =>
            RunAsync(ValidationTarget.Parse("http://127.0.0.1:9/shop"), new ValidationSettings { Skus = ["A"] }));

        Assert.That(error!.Message, Does.StartWith("TARGET: http://127.0.0.1:9/shop is unreachable"));
    }

    [Test]
    public async Task Org_id_option_sets_the_affiliation_the_pushes_must_name()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings
        {
            OrgId = "other-org",
            OnlyChecks = new HashSet<CheckId> { CheckId.TrackingAffiliation },
        });

        var check = report.Checks.Single();
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Failed));
        Assert.That(check.Message, Does.StartWith("expected affiliation 'Bambuser Calls other-org' on every item; add_to_cart item SHIRT-BLUE-M: affiliation \"Bambuser Calls sample-org\""));
        Assert.That(report.ExitCode, Is.Zero, "tracking.affiliation is advisory");
    }

    [Test]
    public async Task Cart_api_glob_that_matches_nothing_skips_the_backend_failure_checks_saying_why()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings { CartApi = "**/api/basket/**" });

        var skipped = report.Checks.Where(c => c.Id is CheckId.AddBackendFailure or CheckId.UpdateBackendFailure).ToList();
        Assert.That(skipped.Select(c => c.Status), Is.All.EqualTo(CheckStatus.Skipped));
        Assert.That(skipped.Select(c => c.Message), Is.All.Contains("no request matched CartApi '**/api/basket/**'"));
        Assert.That(skipped[0].Message, Does.Contain("the requests it made: POST /cart/add → 200; set CartApi to the URL pattern of your cart backend"));
        Assert.That(report.ExitCode, Is.Zero, "not proven is not failed");
        Assert.That(report.NotProven.Select(c => c.Id), Is.EquivalentTo(new[] { CheckId.AddBackendFailure, CheckId.UpdateBackendFailure, CheckId.CallbackConfirmed }));
        Assert.That((report with { Strict = true }).ExitCode, Is.EqualTo(1), "--strict fails on it");
    }

    [Test]
    public async Task Only_selected_checks_are_reported()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings
        {
            OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.CheckoutNavigation },
        });

        Assert.That(report.Checks.Select(c => c.Id), Is.EqualTo(new[] { CheckId.AddSuccess, CheckId.CheckoutNavigation }));
    }

    [Test]
    public async Task Each_check_carries_the_time_spent_reaching_its_verdict_and_the_times_add_up_to_the_run()
    {
        var report = await RunAsync(ValidationTarget.SampleShop, new ValidationSettings
        {
            OnlyChecks = new HashSet<CheckId> { CheckId.AddSuccess, CheckId.CheckoutNavigation },
        });

        var times = report.Checks.Select(c => c.Duration).ToList();
        Assert.Multiple(() =>
        {
            // Each of these two needed a page of its own and a real event: that takes time.
            Assert.That(times, Has.All.GreaterThan(TimeSpan.Zero), $"check times: {string.Join(", ", times)}");
            Assert.That(times.Aggregate(TimeSpan.Zero, (sum, t) => sum + t), Is.LessThanOrEqualTo(report.Duration), "the checks' times are parts of the run's time");
        });
    }

    [Test]
    public async Task Zero_checks_run_is_exit_code_2()
    {
        // The script pushes no GTM events, so the only selected check is skipped: nothing was proven.
        var report = await RunAsync(
            ValidationTarget.Parse(Path.Combine(Integrations, "broken", "callback.once.js")),
            new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.TrackingAffiliation } });

        Assert.That(report.Checks.Single().Status, Is.EqualTo(CheckStatus.Skipped));
        Assert.That(report.ExitCode, Is.EqualTo(2));
    }

    [TestCase(0)]
    [TestCase(int.MaxValue)]
    public void Callback_timeout_outside_its_bounds_is_an_input_error_naming_them(int timeout)
    {
        var error = Assert.ThrowsAsync<ValidationInputException>(() => RunAsync(ValidationTarget.SampleShop, new ValidationSettings { CallbackTimeoutMs = timeout }));

        Assert.That(error!.Message, Is.EqualTo($"CallbackTimeoutMs: must be from 1 to 600000 ms (the real widget waits 30000), got {timeout}"));
    }

    [Test]
    public void Sample_backend_with_a_url_target_is_an_input_error()
    {
        var error = Assert.ThrowsAsync<ValidationInputException>(() =>
            RunAsync(ValidationTarget.Parse("http://127.0.0.1:9/"), new ValidationSettings { SampleBackend = true }));

        Assert.That(error!.Message, Does.StartWith("SampleBackend: only for a local .html or .js target"));
    }

    internal static Task<ValidationReport> RunAsync(ValidationTarget target, ValidationSettings settings) =>
        Validator.RunAsync(target, settings, BrowserTestEnvironment.Browser);

    // A bare integration script in a folder of its own, validated with the sample backend.
    internal static async Task<ValidationReport> RunScriptAsync(string script, ValidationSettings? settings = null)
    {
        using var file = await ScriptFile.WriteAsync(script);
        return await RunAsync(ValidationTarget.Parse(file.Path), settings ?? new ValidationSettings { SampleBackend = true });
    }

    private const string NavigationConsequence = "the call would end, since the widget goes with the page (change the cart in place, and refresh what shows it from the answer instead of reloading)";

    // The reference integration with a line run after each add's and each quantity change's
    // callback(true), and one run before it.
    private static string ReferenceWith(string afterAdd, string afterUpdate, string before) =>
        before + "\n" + ReferenceScript.Text()
            .WithLineAfter("track('add_to_cart', addedItem.sku, 1);\n          callback(true);", afterAdd)
            .WithLineAfter("track(change > 0 ? 'add_to_cart' : 'remove_from_cart', updatedItem.sku, Math.abs(change));\n            callback(true);", afterUpdate);

    private static void AssertAllPassed(ValidationReport report)
    {
        var notPassed = report.Checks.Where(c => c.Status != CheckStatus.Passed).Select(c => $"{c.Name}: {c.Status}: {c.Message}").ToList();
        Assert.That(notPassed, Is.Empty, "every check should pass");
        Assert.That(report.Checks.Select(c => c.Id), Is.EqualTo(CheckCatalog.All.Select(c => c.Id)), "all checks, in catalogue order");
        Assert.That(report.ExitCode, Is.Zero);
        Assert.That(report.BlockedRequests, Is.Empty);
    }
}

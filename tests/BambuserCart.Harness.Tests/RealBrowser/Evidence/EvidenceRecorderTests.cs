using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;
using BambuserCart.Harness.Validation.Checks;

namespace BambuserCart.Harness.Tests.RealBrowser.Evidence;

/// <summary>
/// The evidence recorder in a real page: what it records, which event it ties each record to, the
/// order it puts them in (the basis of callback.confirmed), and when it says an event is over.
/// </summary>
public sealed class EvidenceRecorderTests : BrowserTest
{
    private const string Sku = "SHIRT-BLUE-M";

    [Test]
    public async Task Fetch_is_recorded_with_its_body_and_status_and_answers_before_a_callback_that_awaits_it()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
            """));

        var (outcome, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That((request.Via, request.Method, request.Url), Is.EqualTo(("fetch", "POST", Server.Url("cart/add").ToString())));
            Assert.That((request.Body, request.Status, request.Seq), Is.EqualTo(($$"""{"sku":"{{Sku}}"}""", 200, outcome.Seq)));
            Assert.That(request.Response, Does.StartWith("{\"items\":["));
            Assert.That(request.EndOrder, Is.LessThan(evidence.FirstAnswer!.Order), "the answer is recorded before the page sees it");
        });
    }

    [Test]
    public async Task Evidence_read_names_its_document_and_the_recorder_hears_it_begin_to_leave_but_not_a_push_state()
    {
        await OpenShopAsync();
        var shop = Page.Url;
        var read = (await PageEvidenceReader.ReadAsync(Page)).Document;
        // Asked in the same task as the URL change, after the recorder's own microtask: Playwright
        // holds a later call back until the next document commits, and the checkout page is held.
        const string LeavingFor = "() => Promise.resolve().then(() => window.__bambuserCartEvidence.leavingFor())";
        var afterPushState = await Page.EvaluateAsync<string?>($"() => {{ history.pushState({{}}, '', '?pushed=1'); return ({LeavingFor})(); }}");
        using var held = new SemaphoreSlim(0);
        await Page.RouteAsync("**/held-checkout", async route =>
        {
            await held.WaitAsync();
            await route.FulfillAsync(new() { ContentType = "text/html", Body = "<p>checkout</p>" });
        });
        var afterHref = await Page.EvaluateAsync<string?>($"() => {{ location.href = '/held-checkout'; return ({LeavingFor})(); }}");
        held.Release();
        await Page.WaitForURLAsync("**/held-checkout");

        Assert.That(read, Is.EqualTo(new PageDocument(shop, read!.Origin, null)));
        Assert.That(read.Origin, Is.GreaterThan(0));
        Assert.That(afterPushState, Is.Null, "a pushState keeps the document");
        Assert.That(afterHref, Is.EqualTo(Server.Url("held-checkout").ToString()));
        Assert.That((await Widget.LeftDocumentAsync(read with { LeavingFor = afterHref }))?.Message, Is.EqualTo($"the page navigated to {Server.Url("held-checkout")}"));
        Assert.That((await PageEvidenceReader.ReadAsync(Page)).Document!.Origin, Is.Not.EqualTo(read.Origin), "the checkout page is a document of its own");
    }

    [TestCase("'/no-content'", TestName = "Navigation_answered_204_is_heard_begin_but_is_not_leaving_once_the_browser_gives_it_up")]
    [TestCase("URL.createObjectURL(new Blob(['receipt'], { type: 'application/octet-stream' }))", TestName = "Navigation_that_downloads_is_heard_begin_but_is_not_leaving_once_the_browser_gives_it_up")]
    [TestCase("'shopapp://cart'", TestName = "App_link_is_heard_begin_but_is_not_leaving_once_the_browser_gives_it_up")]
    public async Task Navigation_the_browser_gives_up_is_not_leaving(string destination)
    {
        await OpenShopAsync();
        await Page.RouteAsync("**/no-content", route => route.FulfillAsync(new() { Status = 204 }));
        var started = (await PageEvidenceReader.ReadAsync(Page)).Document!;

        await Page.EvaluateAsync($"() => {{ location.href = {destination}; }}");
        var read = (await PageEvidenceReader.ReadAsync(Page)).Document!;
        var left = await Widget.LeftDocumentAsync(read);

        Assert.Multiple(() =>
        {
            Assert.That(read.LeavingFor, Is.Not.Null, "the recorder heard the navigation begin");
            Assert.That(read.Origin, Is.EqualTo(started.Origin), "in the widget's document");
            Assert.That(left, Is.Null, $"the page stayed, so the widget did; but: {left?.Message}");
            Assert.That(Page.Url, Is.EqualTo(started.Href));
        });
        Assert.That((await PageEvidenceReader.ReadAsync(Page)).Document!.LeavingFor, Is.Null, "the recorder forgot the navigation the browser gave up");
    }

    [Test]
    public async Task Xhr_answer_is_recorded_before_a_readystatechange_handler_set_before_open_calls_back()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            const xhr = new XMLHttpRequest();
            xhr.onreadystatechange = () => { if (xhr.readyState === 4) callback(xhr.status === 200); };
            xhr.open('POST', '/cart/add');
            xhr.send(JSON.stringify({ sku: item.sku }));
            """));

        var (outcome, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That((outcome.Outcome, request.Via, request.Status), Is.EqualTo((CallbackOutcome.Success, "xhr", 200)));
        Assert.That(request.EndOrder, Is.LessThan(evidence.FirstAnswer!.Order));
    }

    [Test]
    public async Task Synchronous_xhr_that_fails_at_the_network_is_recorded_as_answered_with_a_network_error()
    {
        // A failing synchronous request fires no event (send throws): it must still end, or the
        // event would look busy until the request bound and its native cart would go unjudged.
        await StartCartSessionAsync();
        await Page.RouteAsync("**/cart/add", route => route.AbortAsync("failed"));
        await OpenIntegrationAsync(AddHandler("""
            const xhr = new XMLHttpRequest();
            xhr.open('POST', '/cart/add', false);
            try {
              xhr.send(JSON.stringify({ sku: item.sku, quantity: 1 }));
              callback(xhr.status === 200);
            } catch (_) {
              callback(false);
            }
            """));

        var (outcome, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That((outcome.Outcome, request.Via, request.Status, request.Error, request.Done), Is.EqualTo((CallbackOutcome.Failure, "xhr", (int?)null, "network error", true)));
        Assert.That(evidence.StillBusy, Is.Null, "the event ended once send threw, not at the request bound");
        Assert.That(request.EndOrder, Is.LessThan(evidence.FirstAnswer!.Order), "the failure is recorded before the page answers");
    }

    [Test]
    public async Task Synchronous_xhr_answer_is_recorded_with_its_status()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            const xhr = new XMLHttpRequest();
            xhr.open('POST', '/cart/add', false);
            xhr.send(JSON.stringify({ sku: item.sku, quantity: 1 }));
            callback(xhr.status === 200);
            """));

        var (outcome, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That((outcome.Outcome, request.Via, request.Status, request.Done), Is.EqualTo((CallbackOutcome.Success, "xhr", (int?)200, true)));
        Assert.That(request.EndOrder, Is.LessThan(evidence.FirstAnswer!.Order));
    }

    [Test]
    public async Task Request_sent_from_a_timer_after_the_answer_is_waited_for_and_belongs_to_the_event()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            callback(true);
            setTimeout(() => fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }), 300);
            """));

        var (outcome, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That(request.Order, Is.GreaterThan(evidence.FirstAnswer!.Order), "sent after the answer");
        Assert.That((request.Seq, request.Status, evidence.StillBusy), Is.EqualTo((outcome.Seq, 200, (string?)null)), "the event ended only once it was answered");
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { (Sku, 1) }));
    }

    [Test]
    public async Task Error_thrown_in_a_promise_chain_is_recorded_with_its_source_and_event()
    {
        await OpenIntegrationAsync(AddHandler("""
            Promise.resolve().then(() => answr(true));
            callback(true);
            """));

        var (outcome, evidence) = await AddAsync();

        var error = evidence.Errors.Single();
        Assert.That((error.Kind, error.Seq), Is.EqualTo(("unhandled-rejection", (int?)outcome.Seq)));
        Assert.That(error.Message, Is.EqualTo("ReferenceError: answr is not defined"));
        Assert.That(error.Source, Does.Match(@"^http://127\.0\.0\.1:\d+/__merchant/\w+\.html:\d+:\d+$"));
    }

    [Test]
    public async Task Rejection_the_handler_handles_a_moment_later_is_taken_back()
    {
        // The browser reports the rejection as unhandled before the timer catches it: the page
        // counts both announcements, so the test proves the recorder heard one and took it back.
        await OpenIntegrationAsync($$"""
            window.announced = [];
            addEventListener('unhandledrejection', () => window.announced.push('unhandled'));
            addEventListener('rejectionhandled', () => window.announced.push('handled'));
            {{AddHandler("""
                const recommendations = Promise.reject(new Error('no recommendations'));
                setTimeout(() => recommendations.catch(() => callback(true)), 20);
                """)}}
            """);

        var (_, evidence) = await AddAsync();

        Assert.That(await Page.EvaluateAsync<string[]>("() => window.announced"), Is.EqualTo(new[] { "unhandled", "handled" }));
        Assert.That(evidence.Errors, Is.Empty, evidence.Timeline(null, null));
    }

    [Test]
    public async Task Uncaught_error_in_a_timer_and_console_error_lines_are_recorded_for_the_event()
    {
        await OpenIntegrationAsync(AddHandler("""
            setTimeout(() => { throw new TypeError('boom'); }, 0);
            console.error('cart failed', { code: 7 });
            callback(false);
            """));

        var (_, evidence) = await AddAsync();

        Assert.That(evidence.Errors.Select(e => (e.Kind, e.Message)), Is.EqualTo(new[] { ("error", "TypeError: boom") }));
        Assert.That(evidence.ConsoleErrors.Select(c => c.Message), Is.EqualTo(new[] { "cart failed {\"code\":7}" }));
    }

    [Test]
    public async Task Beacon_is_recorded_as_a_request_that_is_never_answered()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            navigator.sendBeacon('/cart/add', JSON.stringify({ sku: item.sku }));
            callback(true);
            """));

        var (_, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That((request.Via, request.Method, request.Status, request.Error), Is.EqualTo(("beacon", "POST", (int?)null, "sent as a beacon, never answered")));
        Assert.That(EventChecks.Confirm(new ObservedEvent(1, "add.success", (await Widget.TraceAsync())[0], evidence), CartApiPattern.Default).WhyNot, Does.StartWith("callback(true) although the cart request failed"));
    }

    [Test]
    public async Task Errors_while_the_page_loads_belong_to_no_event()
    {
        await OpenIntegrationAsync("window.shopSettings.checkoutUrl;", waitForWidget: false);

        var evidence = await PageEvidenceReader.ReadAsync(Page);

        var error = evidence.ErrorsOutsideEvents.Single();
        Assert.That(error.Message, Does.StartWith("TypeError: Cannot read properties of undefined"));
        Assert.That(error.Source, Does.Contain("/__merchant/"));
    }

    [Test]
    public async Task Requests_of_a_cart_probe_are_the_harness_own_and_belong_to_no_event()
    {
        await OpenIntegrationAsync(AddHandler("callback(true);"));
        var (outcome, _) = await AddAsync();

        await NativeCartProbe.ReadAsync(Page, NativeCartProbe.SampleBackend);

        var evidence = await PageEvidenceReader.ReadAsync(Page);
        Assert.That(evidence.Requests.Single().ByHarness, Is.True);
        Assert.That(evidence.ForEvent(outcome.Seq).Requests, Is.Empty);
    }

    [Test]
    public async Task Page_cannot_replace_the_recorder()
    {
        await OpenIntegrationAsync(AddHandler("callback(true);"));

        var replaced = await Page.EvaluateAsync<bool>("() => { try { window.__bambuserCartEvidence = null; } catch (_) { } return window.__bambuserCartEvidence === null; }");

        Assert.That(replaced, Is.False);
    }

    [Test]
    public async Task Event_that_never_ends_is_described_when_the_bounded_wait_gives_up()
    {
        await Page.RouteAsync("**/hangs", _ => Task.CompletedTask);
        await OpenIntegrationAsync(AddHandler("fetch('/hangs'); callback(true);"));
        var outcome = await Widget.AddToCartAsync(Sku);

        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));

        Assert.That(busy, Is.EqualTo($"GET {Server.Url("hangs")} in flight"));
        var evidence = (await PageEvidenceReader.ReadAsync(Page)).ForEvent(outcome.Seq, busy);
        Assert.That(evidence.Unanswered.Select(r => r.Url), Is.EqualTo(new[] { Server.Url("hangs").ToString() }), evidence.Timeline(null, null));
    }

    [Test]
    public async Task Request_answering_after_the_quiet_bound_is_waited_for_up_to_the_request_bound()
    {
        // A cart backend slower than the quiet bound (a starved machine, a slow cart API): 400 ms at
        // the least, against a bound of 100 ms, so the wait can only succeed by waiting for requests.
        await CartFaults.InstallAsync(Page.Context, CartApiPattern.Default, latency: TimeSpan.FromMilliseconds(400));
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("callback(true); const add = () => fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }); add().then(add);"));
        var outcome = await Widget.AddToCartAsync(Sku);

        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

        var evidence = (await PageEvidenceReader.ReadAsync(Page)).ForEvent(outcome.Seq, busy);
        Assert.That(busy, Is.Null, "the event's requests were answered within the request bound, and the follow-up request was waited for too");
        Assert.That(evidence.Requests, Has.Count.EqualTo(2).And.All.Matches<RequestRecord>(r => r.Answered), evidence.Timeline(null, null));
    }

    // Three generations of 900 ms timers keep the event busy for 2.7 s; an animation for 1.5 s. Neither is a request.
    [TestCase("const tick = (n) => n && setTimeout(() => tick(n - 1), 900); tick(3);", "1 timer(s) pending", TestName = "Short_timers_do_not_get_the_request_bound")]
    [TestCase("document.body.animate([{ opacity: 1 }, { opacity: 0.5 }], { duration: 1500 });", "1 animation(s) running", TestName = "Event_still_animating_at_the_bound_is_described_as_such_and_not_given_the_request_bound")]
    public async Task Short_work_of_an_event_gets_the_quiet_bound_only(string work, string described)
    {
        await OpenIntegrationAsync(AddHandler($"callback(true); {work}"));
        await Widget.AddToCartAsync(Sku);

        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));

        Assert.That(busy, Is.EqualTo(described), "only requests are waited for past the quiet bound");
    }

    [Test]
    public async Task Endless_long_and_earlier_animations_and_a_cancelled_idle_callback_do_not_hold_an_event_open()
    {
        // A spinner running since the page loaded, a short fade started just before the event, and,
        // started by the event, an endless pulse, a 10 s banner and an idle callback it cancels: none
        // of them is the event's work still to end, so the event is over at once.
        await OpenIntegrationAsync($$"""
            addEventListener('DOMContentLoaded', () => {
              const spinner = document.createElement('div');
              document.body.append(spinner);
              spinner.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 300, iterations: Infinity });
            });
            {{AddHandler("""
                callback(true);
                document.body.animate([{ opacity: 1 }, { opacity: 0.9 }], { duration: 300, iterations: Infinity });
                document.body.animate([{ color: 'red' }, { color: 'blue' }], { duration: 10000 });
                cancelIdleCallback(requestIdleCallback(() => {}));
                """)}}
            """);
        await Page.EvaluateAsync("() => document.body.animate([{ opacity: 1 }, { opacity: 0.8 }], { duration: 1900 })");
        await Widget.AddToCartAsync(Sku);

        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));

        Assert.That(busy, Is.Null);
    }

    [Test]
    public async Task Request_sent_from_an_idle_callback_is_waited_for_and_belongs_to_the_event()
    {
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            callback(true);
            requestIdleCallback(() => requestIdleCallback(() => requestIdleCallback(() => fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }))));
            """));

        var (outcome, evidence) = await AddAsync();

        Assert.That(evidence.Requests.Select(r => (r.Seq, r.Status)), Is.EqualTo(new[] { (outcome.Seq, (int?)200) }), evidence.Timeline(null, null));
        Assert.That(await NativeCartAsync(), Is.EqualTo(new[] { (Sku, 1) }));
    }

    [Test]
    public async Task Background_requests_and_errors_during_an_event_are_no_events_and_do_not_hold_it_open()
    {
        // An interval set up as the page loaded runs every 4 ms, more often than the animation
        // frames the wait polls on; it throws each time, and every tenth time sends a long poll
        // that is never answered. The handler answers once it has run a dozen times in its window.
        await Page.RouteAsync("**/live", _ => Task.CompletedTask);
        await OpenIntegrationAsync($$"""
            window.runs = 0;
            setInterval(() => { window.runs += 1; if (window.runs % 10 === 1) fetch('/live'); throw new TypeError('no slide to show'); }, 4);
            {{AddHandler("const seen = window.runs; const answer = () => (window.runs >= seen + 12 ? callback(true) : setTimeout(answer, 10)); answer();")}}
            """);
        var outcome = await Widget.AddToCartAsync(Sku);

        // Asked on three animation frames in a row, with the interval's runs between each two: were
        // they taken for the event's work, the page would never look quiet.
        var quietByTheThirdFrame = await Page.EvaluateAsync<bool>("""
            () => new Promise((resolve) => {
              const ask = (frames) => requestAnimationFrame(() => {
                const quiet = window.__bambuserCartEvidence.quiet();
                if (frames === 1) resolve(quiet); else ask(frames - 1);
              });
              ask(3);
            })
            """);
        Assert.That(quietByTheThirdFrame, Is.True, "the event is quiet once answered, while the page's own interval keeps running");
        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(600));

        var page = await PageEvidenceReader.ReadAsync(Page);
        var evidence = page.ForEvent(outcome.Seq, busy);
        Assert.Multiple(() =>
        {
            Assert.That(busy, Is.Null, "neither the poll in flight nor the interval's runs hold the event open");
            Assert.That((evidence.Requests.Count, evidence.Errors.Count), Is.EqualTo((0, 0)), evidence.Timeline(null, null));
            Assert.That(evidence.BackgroundRequests.Select(r => (r.Url, r.During)), Has.Some.EqualTo((Server.Url("live").ToString(), (int?)outcome.Seq)));
            Assert.That(page.ErrorsOutsideEvents.Select(e => e.Message), Has.Some.EqualTo("TypeError: no slide to show"));
        });
    }

    [Test]
    public async Task Work_of_a_handler_emitted_from_a_background_timer_is_the_events()
    {
        // The emit itself comes from a timer scheduled while no event was open: what the handler
        // then does (a request, a timer that throws) is still the event's, never the background's.
        await StartCartSessionAsync();
        await OpenIntegrationAsync(AddHandler("""
            setTimeout(() => { throw new Error('thrown by the handler'); }, 0);
            fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku }) }).then((r) => callback(r.ok));
            """));

        var seq = await Page.EvaluateAsync<int>($"() => new Promise((resolve) => setTimeout(() => window.bambuserSimulator.agent.addToCart('{Sku}').then((o) => resolve(o.seq)), 0))");
        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

        var evidence = (await PageEvidenceReader.ReadAsync(Page)).ForEvent(seq, busy);
        Assert.That(evidence.Requests.Select(r => (r.Url, r.Status)), Is.EqualTo(new[] { (Server.Url("cart/add").ToString(), (int?)200) }), evidence.Timeline(null, null));
        Assert.That(evidence.Errors.Select(e => e.Message), Is.EqualTo(new[] { "Error: thrown by the handler" }), evidence.Timeline(null, null));
    }

    [Test]
    public async Task Work_a_handler_left_for_later_is_its_events_when_it_runs_and_holds_no_later_event_open()
    {
        // The first add leaves a timer of more than a second: nothing waits for it, so it runs
        // after its event was over. What it does then (a request never answered, an error) is
        // still that event's: not the page's between events, nor the second event's.
        await Page.RouteAsync("**/late", _ => Task.CompletedTask);
        await OpenIntegrationAsync(AddHandler("""
            if (!window.left) window.left = setTimeout(() => { window.fired = true; fetch('/late'); throw new Error('thrown after the event'); }, 1100);
            callback(true);
            """));

        var (first, firstEvidence) = await AddAsync();
        await Page.WaitForFunctionAsync("() => window.fired === true");
        var (second, secondEvidence) = await AddAsync();

        var page = await PageEvidenceReader.ReadAsync(Page);
        var later = page.ForEvent(first.Seq);
        Assert.Multiple(() =>
        {
            Assert.That((firstEvidence.Requests.Count, firstEvidence.Errors.Count), Is.EqualTo((0, 0)), "nothing of it had run when the first event ended");
            Assert.That(secondEvidence.StillBusy, Is.Null, "the first event's request in flight does not hold the second open");
            Assert.That((secondEvidence.Requests.Count, secondEvidence.Errors.Count), Is.EqualTo((0, 0)), secondEvidence.Timeline(null, null));
            Assert.That(later.Errors.Select(e => e.Message), Is.EqualTo(new[] { "Error: thrown after the event" }), later.Timeline(null, null));
            Assert.That(later.Requests.Select(r => (r.Url, r.Done)), Is.EqualTo(new[] { (Server.Url("late").ToString(), false) }));
            Assert.That(page.ErrorsOutsideEvents, Is.Empty);
        });
    }

    [Test]
    public async Task Running_later_work_runs_each_pending_timer_and_interval_of_a_handler_at_once_and_nothing_it_cleared()
    {
        // A guard timer that would answer a second time in 45 s, an async interval that rejects
        // every 30 s, and a timer and an interval the handler cleared: the harness runs the first
        // two at once when the page is done, each as the event's, and never the cleared ones.
        await OpenIntegrationAsync(AddHandler("""
            setTimeout(() => callback(false), 45000);
            setInterval(async () => { throw new Error('rejected by the interval'); }, 30000);
            clearTimeout(setTimeout(() => { throw new Error('cleared, never runs'); }, 20000));
            clearInterval(setInterval(() => { throw new Error('cleared interval, never runs'); }, 25000));
            callback(true);
            """));
        var (outcome, evidence) = await AddAsync();

        var ran = await PageEvidenceReader.RunLaterWorkAsync(Page, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

        var page = await PageEvidenceReader.ReadAsync(Page);
        var entry = (await Widget.TraceAsync()).Single(e => e.Seq == outcome.Seq);
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(2), "the guard timer and the interval");
            Assert.That(evidence.Errors, Is.Empty, "nothing of it had run when the event ended");
            Assert.That(page.ForEvent(outcome.Seq).Errors.Select(e => (e.Kind, e.Message)), Is.EqualTo(new[] { ("unhandled-rejection", "Error: rejected by the interval") }));
            Assert.That(page.Errors.Select(e => e.Message), Has.None.Contains("cleared"));
            Assert.That(entry.CallbackCalls, Is.EqualTo(2), "the guard timer answered a second time");
        });
    }

    [TestCase("location.reload()", true, null, TestName = "Reload_from_work_left_for_later_after_its_event_is_stopped_and_kept_under_that_event")]
    [TestCase("location.href = '/cart-page'", false, "cart-page", TestName = "New_url_from_work_left_for_later_after_its_event_is_stopped_and_kept_under_that_event")]
    [TestCase("const f = document.createElement('form'); f.method = 'post'; f.action = '/cart-page'; document.body.append(f); f.submit()", false, "cart-page", TestName = "Form_submitted_from_work_left_for_later_after_its_event_is_stopped_and_kept_under_that_event")]
    [TestCase("const f = document.createElement('form'); f.action = '/cart-page'; document.body.append(f); f.requestSubmit()", false, "cart-page?", TestName = "Form_request_submitted_from_work_left_for_later_after_its_event_is_stopped_and_kept_under_that_event")]
    public async Task Navigation_from_work_left_for_later_after_its_event_is_stopped_and_kept_under_that_event(string navigate, bool reload, string? path)
    {
        // The timer fires after the first event is over: the page must stay (the run goes on, and
        // the verdict does not depend on when it fired), with the navigation kept as that event's.
        await OpenIntegrationAsync(AddHandler($$"""
            if (!window.left) window.left = setTimeout(() => { {{navigate}}; window.fired = true; }, 1100);
            callback(true);
            """));
        var document = await PageEvidenceReader.ReadAsync(Page);

        var (first, _) = await AddAsync();
        await Page.WaitForFunctionAsync("() => window.fired === true");
        // Another product: an add of the same one would be a quantity change, with no handler here.
        var second = await Widget.AddToCartAsync("SHIRT-WHITE-L");

        var page = await PageEvidenceReader.ReadAsync(Page);
        Assert.Multiple(() =>
        {
            Assert.That(page.Document?.Origin, Is.EqualTo(document.Document?.Origin), "the same document: the navigation was stopped");
            Assert.That(page.Document?.LeavingFor, Is.Null);
            Assert.That(second.Outcome, Is.EqualTo(CallbackOutcome.Success), "the page still runs the call");
            Assert.That(
                page.Departures.Select(d => (d.Seq, d.Reload, d.Href)),
                Is.EqualTo(new[] { ((int?)first.Seq, reload, path is null ? Page.Url : Server.Url(path).ToString()) }));
        });
    }

    [Test]
    public async Task Navigation_from_work_left_for_later_that_a_router_keeps_in_the_document_is_no_departure()
    {
        // A single-page shop's router intercepts every same-origin navigation: the URL changes,
        // the document (and the call) stays. Such a navigation is not leaving the page.
        await OpenIntegrationAsync("""
            navigation.addEventListener('navigate', (event) => { if (event.canIntercept) event.intercept({ handler: async () => { window.routed = true; } }); });
            """ + AddHandler("""
            setTimeout(() => { location.href = '/cart-page'; window.fired = true; }, 1100);
            callback(true);
            """));

        var (first, _) = await AddAsync();
        await Page.WaitForFunctionAsync("() => window.fired === true");

        var page = await PageEvidenceReader.ReadAsync(Page);
        Assert.That((page.Departures.Count, page.Document?.LeavingFor), Is.EqualTo((0, (string?)null)), $"event #{first.Seq}'s navigation was kept in the document by the router");
    }

    // A hidden frame named 'cart-frame' that answers the event once it has loaded what it was sent.
    private const string CartFrame = "const frame = document.createElement('iframe'); frame.name = 'cart-frame'; frame.hidden = true; document.body.append(frame); frame.onload = () => callback(true);";

    [TestCase("a link clicked", "const a = document.createElement('a'); a.href = '/cart'; a.target = 'cart-frame'; document.body.append(a); a.click();")]
    [TestCase("form.requestSubmit()", "const f = document.createElement('form'); f.action = '/cart'; f.target = 'cart-frame'; document.body.append(f); f.requestSubmit();")]
    [TestCase("window.open", "window.open('/cart', 'cart-frame');")]
    public async Task Navigation_into_a_named_frame_is_recorded_as_a_request_answered_before_the_frames_onload(string how, string navigate)
    {
        await OpenIntegrationAsync(AddHandler($"{CartFrame} {navigate}"));

        var (_, evidence) = await AddAsync();

        var request = evidence.Requests.Single();
        Assert.That((request.Via, request.Method, request.Url, request.Status), Is.EqualTo(("frame", "GET", Server.Url("cart").ToString(), (int?)200)), $"{how}: {evidence.Timeline(null, null)}");
        Assert.That(request.EndOrder, Is.LessThan(evidence.FirstAnswer!.Order), "the frame's load is recorded before the page's onload calls back");
    }

    [Test]
    public async Task Submission_into_a_named_frame_that_a_listener_cancels_is_no_request()
    {
        await OpenIntegrationAsync(AddHandler("""
            const frame = document.createElement('iframe'); frame.name = 'cart-frame'; document.body.append(frame);
            const f = document.createElement('form'); f.action = '/cart'; f.target = 'cart-frame'; document.body.append(f);
            f.addEventListener('submit', (e) => e.preventDefault());
            f.requestSubmit();
            callback(true);
            """));

        var (_, evidence) = await AddAsync();

        Assert.That(evidence.Requests, Is.Empty, evidence.Timeline(null, null));
    }

    // The test page is served by a route, which sets no cookie; the native cart needs its session.
    private async Task StartCartSessionAsync() => await Page.Context.APIRequest.GetAsync(Server.Url("cart").ToString());

    private async Task<(BambuserCart.Contract.CartOutcome Outcome, EventEvidence Evidence)> AddAsync()
    {
        var outcome = await Widget.AddToCartAsync(Sku);
        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        return (outcome, (await PageEvidenceReader.ReadAsync(Page)).ForEvent(outcome.Seq, busy));
    }

    private static string AddHandler(string body) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          embed.on('should-add-item-to-cart', (item, callback) => { {{body}} });
        };
        """;
}

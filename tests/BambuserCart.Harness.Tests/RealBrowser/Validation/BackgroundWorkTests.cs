using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// A real shop page does things of its own while the agent works the cart: a carousel ticks, an
/// animation loop runs, the mini cart polls the cart API. None of it is the cart handler's doing,
/// so none of it may decide the handler's verdict, however its timing falls against the events'
/// windows: an error it throws is a page error (advisory), its requests neither hold an event open
/// nor meet the blame for an injected fault. The handler's own errors are still its own, and a
/// handler that hands its cart change to a queue the page flushes in the background is still judged
/// on that queue's request.
/// </summary>
public sealed class BackgroundWorkTests
{
    private static readonly HashSet<CheckId> FaultAndErrorChecks = [CheckId.AddBackendFailure, CheckId.UpdateBackendFailure, CheckId.HandlerNoThrow, CheckId.PageNoErrors];

    // Each throws every time it runs, or every time the injected faults reach it; none is set up by a handler.
    private const string CarouselInterval = "setInterval(function nextSlide() { document.querySelector('#carousel').dataset.slide = '2'; }, 50);";
    private const string AnimationFrameLoop = "requestAnimationFrame(function frame() { requestAnimationFrame(frame); document.querySelector('#hero').style.opacity = '1'; });";
    private const string TimerChain = "setTimeout(function tick() { setTimeout(tick, 40); document.querySelector('#ticker').textContent = 'sale'; }, 40);";
    private const string AsyncInterval = "setInterval(async () => { const response = await fetch('/cart'); const cart = await response.json(); if (!cart.total) throw new Error('no cart total'); }, 60);";
    // A mini cart poll through the cart API, without error handling: the run's faults reach it.
    private const string CartPoll = "setInterval(() => { fetch('/cart').then((r) => r.json()).then((cart) => { document.title = `Cart (${cart.items.length})`; }); }, 60);";

    [TestCase(CarouselInterval, "Cannot read properties of null (reading 'dataset')", TestName = "Carousel_interval_throwing_during_events_is_a_page_error_not_the_handlers")]
    [TestCase(AnimationFrameLoop, "Cannot read properties of null (reading 'style')", TestName = "Animation_frame_loop_throwing_during_events_is_a_page_error_not_the_handlers")]
    [TestCase(TimerChain, "Cannot set properties of null (setting 'textContent')", TestName = "Timer_chain_started_at_load_throwing_during_events_is_a_page_error_not_the_handlers")]
    [TestCase(AsyncInterval, "no cart total", TestName = "Async_interval_rejecting_during_events_is_a_page_error_not_the_handlers")]
    [TestCase(CartPoll, "Cannot read properties of undefined (reading 'length')", TestName = "Cart_poll_broken_by_injected_faults_is_a_page_error_and_holds_no_event_open")]
    public async Task Background_work_of_the_page_does_not_decide_the_handlers_verdict(string background, string thrown)
    {
        // The poll reads the cart API, so the injected faults (and the slow backend) reach it; the
        // slow backend keeps a poll in flight at all times, which once left every event unproven.
        var report = await RunAsync(background + "\n" + ReferenceScript.Text(), "**/cart**");

        Assert.Multiple(() =>
        {
            Assert.That(
                report.Checks.Where(c => c.Id != CheckId.PageNoErrors).Select(c => (c.Id, c.Status)),
                Is.EquivalentTo(FaultAndErrorChecks.Where(id => id != CheckId.PageNoErrors).Select(id => (id, CheckStatus.Passed))),
                () => Details(report));
            var pageErrors = report.Checks.Single(c => c.Id == CheckId.PageNoErrors);
            Assert.That(pageErrors.Status, Is.EqualTo(CheckStatus.Failed), () => Details(report));
            Assert.That(pageErrors.Message, Does.Contain(thrown), () => Details(report));
        });
    }

    [Test]
    public async Task Handler_that_throws_is_still_blamed_on_a_page_whose_background_throws_too()
    {
        var script = CarouselInterval + "\n" + ReferenceScript.Text().Replacing(
            "          callback(true);\n        })\n        .catch(answer(callback));\n    });\n\n    oneToOneEmbed.on('should-update-item-in-cart'",
            "          callback(true);\n          Promise.resolve().then(() => { throw new Error('handler bug after the answer'); });\n        })\n        .catch(answer(callback));\n    });\n\n    oneToOneEmbed.on('should-update-item-in-cart'");

        var report = await RunAsync(script, CartApiPattern.DefaultGlob);

        var check = report.Checks.Single(c => c.Id == CheckId.HandlerNoThrow);
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Failed), () => Details(report));
        Assert.That(check.Message, Does.Contain("handler bug after the answer").And.Not.Contain("dataset"), () => Details(report));
    }

    [Test]
    public async Task Cart_queue_that_an_interval_set_up_at_load_flushes_is_judged_on_its_requests()
    {
        // The handlers call postCart as always; postCart queues the request, and an interval the
        // page started as it loaded sends it. The answers rest on those requests, so they count.
        var script = ReferenceScript.Text().Replacing(
            "  async function postCart(path, body) {",
            """
              const pending = [];
              setInterval(() => { const send = pending.shift(); if (send) send(); }, 20);
              function postCart(path, body) {
                return new Promise((resolve, reject) => pending.push(() => postCartNow(path, body).then(resolve, reject)));
              }
              async function postCartNow(path, body) {
            """);
        HashSet<CheckId> checks = [CheckId.AddSuccess, CheckId.AddNativeCart, CheckId.UpdateQuantity, CheckId.UpdateRemove, CheckId.CallbackConfirmed, CheckId.AddBackendFailure];

        var report = await ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = checks });

        Assert.That(report.Checks.Select(c => (c.Id, c.Status)), Is.EquivalentTo(checks.Select(id => (id, CheckStatus.Passed))), () => Details(report));
    }

    [Test]
    public async Task Callback_true_resting_only_on_a_background_cart_poll_fails_callback_confirmed_naming_the_poll()
    {
        // The add handler sends nothing: it answers true once the page's mini cart poll (an
        // interval set up at load) has read the cart API in its window. That read is not the
        // handler's, and the merchant is told why it did not count.
        var script = "window.polls = 0;\nsetInterval(() => { window.polls += 1; fetch('/cart'); }, 20);\n" + ReferenceScript.Text().Replacing(
            "      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })\n        .then(() => {\n          track('add_to_cart', addedItem.sku, 1);\n          callback(true);\n        })\n        .catch(answer(callback));",
            "      const seen = window.polls;\n      const answerOncePolled = () => (window.polls > seen ? callback(true) : setTimeout(answerOncePolled, 15));\n      answerOncePolled();");
        HashSet<CheckId> checks = [CheckId.AddSuccess, CheckId.CallbackConfirmed];

        var report = await ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, CartApi = "**/cart**", OnlyChecks = checks });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Failed), () => Details(report));
        Assert.That(confirmed.Message, Does.Match(@"callback\(true\) with no cart request of its own: GET http://127\.0\.0\.1:\d+/cart went out meanwhile from the page's background work"), () => Details(report));
    }

    private static Task<ValidationReport> RunAsync(string script, string cartApi) =>
        ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, CartApi = cartApi, OnlyChecks = FaultAndErrorChecks });

    private static string Details(ValidationReport report) =>
        string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"));
}

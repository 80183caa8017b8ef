using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// The callback timeout, as the real widget runs it (the clock runs whatever the handler waits
/// for) and as validate runs it (time the event's own requests wait for their answers does not
/// count, up to a limit), so a slow backend or a loaded machine cannot turn a prompt answer into a timeout.
/// </summary>
public sealed class CallbackTimeoutTests : BrowserTest
{
    private const int TimeoutMs = 300;

    // The backend answers well after the timeout would have run out: a slow backend is the case
    // under test, so this delay is the fixture's behaviour, not a wait for a condition.
    private const int SlowAnswerMs = 3 * TimeoutMs;

    // One per test: NUnit shares the fixture's instance between its tests.
    private CancellationTokenSource releaseHeldRequest = null!;

    [SetUp]
    public async Task RouteTheBackendAsync()
    {
        releaseHeldRequest = new CancellationTokenSource();
        await Page.RouteAsync("**/slow-cart", async route =>
        {
            await Task.Delay(SlowAnswerMs);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, Body = "{}" });
        });
        await Page.RouteAsync("**/held-cart", async route =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, releaseHeldRequest.Token);
            }
            catch (OperationCanceledException)
            {
                // The test is over: its page is going away with the request.
            }
        });
    }

    [TearDown]
    public async Task ReleaseHeldRequestAsync()
    {
        await releaseHeldRequest.CancelAsync();
        releaseHeldRequest.Dispose();
    }

    [Test]
    public async Task Time_a_request_waits_for_its_answer_does_not_count_when_requests_may_hold_the_timeout()
    {
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("fetch('/slow-cart').then(() => callback(true));"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs, requestWaitLimitMs: 30_000);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Success), await TraceTextAsync());
        Assert.That(outcome.Ms, Is.GreaterThanOrEqualTo(SlowAnswerMs), "the answer came after the backend's, past the bare timeout");
    }

    [Test]
    public async Task Real_widget_timeout_runs_while_the_request_waits()
    {
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("fetch('/slow-cart').then(() => callback(true));"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Timeout), await TraceTextAsync());
        Assert.That(await TimeoutDiagnosticAsync(), Does.EndWith($"no callback within {TimeoutMs} ms"));
    }

    [Test]
    public async Task Handler_that_does_not_answer_after_its_request_answered_times_out_naming_the_answer()
    {
        // A timer longer than the evidence recorder follows: the handler's own time, which counts.
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("fetch('/slow-cart').then(() => setTimeout(() => callback(true), 5000));"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs, requestWaitLimitMs: 30_000);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Timeout), await TraceTextAsync());
        Assert.That(await TimeoutDiagnosticAsync(), Does.Match($@"no callback within {TimeoutMs} ms of its last request's answer \(\d+ ms after the event\)$"));
    }

    [Test]
    public async Task Handler_with_no_request_times_out_on_the_bare_timeout_when_requests_may_hold_it()
    {
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("/* never calls back */"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs, requestWaitLimitMs: 30_000);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Timeout), await TraceTextAsync());
        Assert.That(outcome.Ms, Is.LessThan(30_000), "no request held it");
        Assert.That(await TimeoutDiagnosticAsync(), Does.EndWith($"no callback within {TimeoutMs} ms"));
    }

    [Test]
    public async Task Request_that_never_answers_holds_the_timeout_only_up_to_the_limit()
    {
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("fetch('/held-cart').then(() => callback(true), () => callback(false));"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs, requestWaitLimitMs: 1_000);

        var outcome = await Widget.AddToCartAsync("SHIRT-BLUE-M");

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.Timeout), await TraceTextAsync());
        Assert.That(outcome.Ms, Is.GreaterThanOrEqualTo(1_000));
        Assert.That(await TimeoutDiagnosticAsync(), Does.EndWith("no callback within 1000 ms, its request still unanswered"));
    }

    [Test]
    public async Task Product_lookup_waiting_on_a_slow_request_hydrates_when_requests_may_hold_the_timeout()
    {
        await OpenIntegrationAsync(ProductHydrationTests.Hydrating("fetch('/slow-cart').then(() => embed.updateProduct(event.products[0].id, (f) => Complete(f, 'A-1')));"));
        await Widget.ConfigureAsync(callbackTimeoutMs: TimeoutMs, requestWaitLimitMs: 30_000);

        var lookup = await Widget.LookupProductAsync("A-1");

        Assert.That(lookup.Outcome, Is.EqualTo(LookupResult.Hydrated), await TraceTextAsync());
        Assert.That(lookup.Ms, Is.GreaterThanOrEqualTo(SlowAnswerMs), "the product came after the backend's answer, past the bare timeout");
    }

    [Test]
    public async Task Request_wait_limit_below_zero_is_refused_naming_the_option()
    {
        await OpenIntegrationAsync(CallbackOutcomeTests.AddHandler("callback(true);"));

        var error = Assert.ThrowsAsync<SimulatorException>(() => Widget.ConfigureAsync(requestWaitLimitMs: -1));

        Assert.That(error!.Message, Does.Contain("configure: requestWaitLimitMs must be a whole number of milliseconds (0 or more), got -1"));
    }

    private async Task<string> TimeoutDiagnosticAsync() =>
        (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == DiagnosticCode.CallbackTimeout).Detail!;
}

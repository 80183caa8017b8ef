using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Scenarios;
using Snapshooter.NUnit;

namespace BambuserCart.Harness.Tests.RealBrowser.Scenarios;

/// <summary>
/// Every scenario in fixtures/scenarios passes as its own test, and its normalised event trace
/// matches the snapshot beside this file: a change to the fake's behaviour shows up as a diff.
/// </summary>
public sealed class ScenarioReplayTests
{
    private static readonly string ScenarioDirectory = Path.Combine(TestFixtures.Directory, "scenarios");

    public static IEnumerable<TestCaseData> Scenarios() =>
        Directory.EnumerateFiles(ScenarioDirectory, "*.json")
            .Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(p)));

    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario_passes_and_its_event_trace_matches_the_snapshot(string fileName)
    {
        var result = await RunAsync(Load(fileName));

        Assert.That(result.Passed, Is.True, result.FailureMessage());
        // Snapshooter names the file after the test and its argument: one .snap per scenario.
        Snapshot.Match(TraceFormatter.Normalized(result.Trace));
    }

    [Test]
    public async Task Broken_expectation_fails_naming_the_step_the_expectation_and_the_trace()
    {
        var scenario = Load("happy-path-miniplayer.json", "steps[2].expect.outcome=failure");

        var result = await RunAsync(scenario);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Steps, Has.Count.EqualTo(3), "the run stops at the failing step");
        Assert.That(result.FailureMessage(), Does.StartWith(
            $"{scenario.Source}: step 3 of 5 (setQuantity SHIRT-BLUE-M 3) failed:\n  outcome: expected failure, got success\nwhat the page did during the event: POST /cart/update answered 200 at "));
        Assert.That(result.FailureMessage(), Does.Contain("callback(true) at ").And.Contain("\nevent trace up to here:\n  #1 add → should-add-item-to-cart"));
    }

    [Test]
    public async Task Wait_for_a_condition_that_never_comes_fails_after_its_timeout_naming_it()
    {
        var scenario = Load("wait-for-checkout-button.json", "steps[1].timeoutMs=200", "steps[1].expect.checkoutButton=false");

        var result = await RunAsync(scenario);

        Assert.That(result.Steps[1].Failures, Is.EqualTo(new[] { "waited 200 ms for nativeCart [SHIRT-BLUE-M × 1], checkoutButton hidden; still checkoutButton: expected hidden, got shown" }));
    }

    [Test]
    public async Task Failed_scenario_keeps_a_playwright_trace_a_screenshot_and_the_event_trace()
    {
        var artifacts = Directory.CreateTempSubdirectory("bambuser-cart-artifacts-").FullName;
        try
        {
            var result = await RunAsync(Load("out-of-stock-add.json", "steps[0].expect.outcome=success"), artifacts);

            var folder = Path.Combine(artifacts, "out-of-stock-add");
            Assert.That(result.Artifacts.Select(Path.GetFileName), Is.EquivalentTo(new[] { FailureArtifacts.TraceFile, FailureArtifacts.ScreenshotFile, FailureArtifacts.EventTraceFile }));
            Assert.That(result.Artifacts.All(f => Path.GetDirectoryName(f) == folder && new FileInfo(f).Length > 0), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(folder, FailureArtifacts.EventTraceFile)), Does.Contain("\"outcome\": \"out-of-stock\""));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Test]
    public async Task Passing_scenario_keeps_no_artifacts()
    {
        var artifacts = Directory.CreateTempSubdirectory("bambuser-cart-artifacts-").FullName;
        try
        {
            var result = await RunAsync(Load("out-of-stock-add.json"), artifacts);

            Assert.That(result.Passed, Is.True, result.FailureMessage());
            Assert.That(Directory.EnumerateFileSystemEntries(artifacts), Is.Empty);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Test]
    public void Unreachable_target_url_is_a_clear_error()
    {
        var scenario = Load("out-of-stock-add.json", "steps[0].expect={}") with { Target = new ScenarioTarget(null, "http://127.0.0.1:9/shop", null) };

        var error = Assert.ThrowsAsync<ScenarioException>(() => RunAsync(scenario));

        Assert.That(error!.Message, Does.Contain("$.target.url: http://127.0.0.1:9/shop is unreachable"));
    }

    [Test]
    public async Task Backend_fault_that_meets_no_request_fails_the_step_saying_it_was_never_injected()
    {
        var scenario = FromJson("""
            { "name": "fault on the wrong API", "target": { "url": "{{SHOP}}", "cartApi": "**/api/basket/**" },
              "steps": [ { "action": "add", "sku": "SHIRT-BLUE-M", "backend": "http-500", "expect": { "outcome": "failure" } } ] }
            """);

        var result = await RunAsync(scenario);

        Assert.That(result.Steps.Single().Failures, Is.EqualTo(new[]
        {
            "backend: 'http-500' was set for this step but no request matched the cart API '**/api/basket/**', so it was never injected (the requests it made: POST /cart/add → 200); set $.target.cartApi (or CartApi) to the cart backend's URL pattern",
            "outcome: expected failure, got success",
        }));
    }

    [Test]
    public async Task Backend_fault_on_a_checkout_that_makes_no_cart_request_fails_the_step_instead_of_passing_unproven()
    {
        var scenario = FromJson("""
            { "name": "fault on a checkout", "target": { "shop": { "checkout": "miniplayer" } },
              "steps": [
                { "action": "add", "sku": "SHIRT-BLUE-M" },
                { "action": "checkout", "backend": "http-500", "expect": { "navigation": "miniplayer" } } ] }
            """);

        var result = await RunAsync(scenario);

        Assert.That(result.Steps[1].Failures, Is.EqualTo(new[]
        {
            "backend: 'http-500' was set for this step but no request matched the cart API '**/cart/**', so it was never injected (the checkout made no cart request); set $.target.cartApi (or CartApi) to the cart backend's URL pattern",
        }), result.FailureMessage());
    }

    [Test]
    public async Task Cart_api_of_a_url_target_is_where_a_steps_fault_is_injected()
    {
        var scenario = FromJson("""
            { "name": "fault on the add endpoint only", "target": { "url": "{{SHOP}}", "cartApi": "**/cart/add" },
              "steps": [ { "action": "add", "sku": "SHIRT-BLUE-M", "backend": "network-error", "expect": { "outcome": "failure" } } ] }
            """);

        var result = await RunAsync(scenario);

        Assert.That(result.Passed, Is.True, result.FailureMessage());
    }

    [Test]
    public async Task Slow_backend_step_still_ends_in_success_with_the_native_cart_right()
    {
        var scenario = FromJson("""
            { "name": "slow add", "target": { "shop": {} },
              "steps": [ { "action": "add", "sku": "SHIRT-BLUE-M", "backend": "slow",
                           "expect": { "outcome": "success", "nativeCart": [ { "sku": "SHIRT-BLUE-M", "quantity": 1 } ] } } ] }
            """);

        var result = await RunAsync(scenario);

        Assert.That(result.Passed, Is.True, result.FailureMessage());
        Assert.That(result.Trace.Single().Ms, Is.GreaterThanOrEqualTo((int)ScenarioRunner.SlowBackend(scenario).TotalMilliseconds), "the answer waited for the late cart");
    }

    [TestCase("add.success--reloads-after-answering.js", "reloaded", TestName = "Handler_that_reloads_the_page_after_answering_fails_its_step_as_a_navigation_and_runs_no_more")]
    [TestCase("update.quantity--submits-a-cart-form.js", "navigated to", TestName = "Handler_that_navigates_instead_of_answering_fails_its_step_as_a_navigation_and_runs_no_more")]
    public async Task Handler_that_leaves_the_page_fails_its_step_as_a_navigation(string fixture, string how)
    {
        var path = Path.Combine(TestFixtures.Directory, "integrations", "broken", fixture).Replace("\\", "/", StringComparison.Ordinal);
        var scenario = FromJson($$"""
            { "name": "a handler that leaves the page", "target": { "file": "{{path}}", "backend": "sample" },
              "steps": [
                { "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success" } },
                { "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 2, "expect": { "outcome": "success" } },
                { "action": "add", "sku": "SNEAKER-42", "expect": { "outcome": "success" } } ] }
            """);

        var result = await RunAsync(scenario);

        var failed = result.Steps[^1];
        Assert.That(failed.Failures, Has.Count.EqualTo(1), result.FailureMessage());
        Assert.That(
            failed.Failures[0],
            Does.StartWith($"navigation: the page {how} ").And.EndWith(" while this step's event was handled: the call would end, since the widget goes with the page (change the cart in place, and refresh what shows it from the answer instead of reloading)"));
        Assert.That(result.Steps, Has.Count.EqualTo(fixture.StartsWith("add.", StringComparison.Ordinal) ? 1 : 2), "the steps after it are not run");
    }

    [TestCase("callback.once--guard-timer-never-cleared.js", 0, "followsContract: the callback was called 2 times (1 of them after the event was over, from a timer (of more than a second) or an interval its handler set", TestName = "Guard_timer_never_cleared_fails_the_step_that_set_it_once_every_step_has_passed")]
    [TestCase("handler.no-throw--timer-after-answering.js", 1, "followsContract: an uncaught error TypeError: Cannot set properties of null (setting 'hidden')", TestName = "Timer_that_throws_seconds_after_answering_fails_the_step_that_set_it_once_every_step_has_passed")]
    [TestCase("handler.stays-on-page.js", 0, "followsContract: navigated to http://127.0.0.1:", TestName = "Redirect_from_a_timer_seconds_after_answering_fails_the_step_that_set_it_once_every_step_has_passed")]
    public async Task Work_a_step_left_for_later_is_judged_once_every_step_has_passed(string fixture, int failingStep, string failure)
    {
        // The second answer comes 8 s after the add, the error 3 s after the quantity change: long
        // after the scenario's last step, unless the run runs what is still pending then.
        var path = Path.Combine(TestFixtures.Directory, "integrations", "broken", fixture).Replace("\\", "/", StringComparison.Ordinal);
        var scenario = FromJson($$"""
            { "name": "work left for later", "target": { "file": "{{path}}", "backend": "sample" },
              "steps": [
                { "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success", "followsContract": true } },
                { "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 2, "expect": { "outcome": "success", "followsContract": true } } ] }
            """);

        var result = await RunAsync(scenario);

        Assert.That(result.Passed, Is.False, "every step passed when its event ended; what it left for later did not");
        Assert.That(result.Steps.Select(s => s.Passed), Is.EqualTo(new[] { failingStep != 0, failingStep != 1 }), result.FailureMessage());
        Assert.That(result.Steps[failingStep].Failures.Single(), Does.StartWith(failure), result.FailureMessage());
    }

    private static Scenario FromJson(string json) =>
        ScenarioLoader.Parse(json.Replace("{{SHOP}}", BrowserTestEnvironment.Server.BaseUrl.ToString(), StringComparison.Ordinal), "inline.json", BrowserTestEnvironment.Server.Catalog);

    internal static Scenario Load(string fileName, params string[] overrides) =>
        ScenarioLoader.Load(Path.Combine(ScenarioDirectory, fileName), BrowserTestEnvironment.Server.Catalog, overrides);

    internal static Task<ScenarioResult> RunAsync(Scenario scenario, string? artifacts = null) =>
        new ScenarioRunner(BrowserTestEnvironment.Browser, BrowserTestEnvironment.Server)
            .RunAsync(scenario, new ScenarioRunOptions { ArtifactsDirectory = artifacts });
}

using BambuserCart.Contract;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// The native cart is judged only once the event's own requests are answered, however long past
/// the run's quiet bound that is (up to the real widget's 30 s): a backend slowed by a starved
/// machine must not fail a correct integration, and a request that never answers makes the
/// native-cart checks not proven, never judged on a cart read mid-request.
/// </summary>
public sealed class SlowRequestVerdictTests
{
    // callback(true) at once, then the cart request: the native cart changes only after the answer.
    private static readonly string AnswerThenSend = Path.Combine(TestFixtures.Directory, "integrations", "broken", "callback.confirmed--answer-then-send.js");

    private static readonly HashSet<CheckId> NativeCartChecks = [CheckId.AddNativeCart, CheckId.UpdateQuantity, CheckId.UpdateRemove];

    [Test]
    public async Task Native_cart_is_judged_after_a_request_that_outlasts_the_quiet_bound()
    {
        // Every cart answer comes 600 ms late; the run stops waiting for quiet after 100 ms.
        var settings = new ValidationSettings { SampleBackend = true, CartLatencyMs = 600, EventEndBound = TimeSpan.FromMilliseconds(100), OnlyChecks = NativeCartChecks };

        var report = await ValidatorTests.RunAsync(ValidationTarget.Parse(AnswerThenSend), settings);

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(NativeCartChecks.Select(id => (id, CheckStatus.Passed))),
            () => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
    }

    [Test]
    public async Task Native_cart_checks_are_not_proven_while_the_events_request_is_unanswered()
    {
        // The add's request answers after 1.5 s, but the run waits for requests only 400 ms.
        var settings = new ValidationSettings
        {
            SampleBackend = true,
            CartLatencyMs = 1_500,
            EventEndBound = TimeSpan.FromMilliseconds(100),
            RequestWaitLimit = TimeSpan.FromMilliseconds(400),
            OnlyChecks = NativeCartChecks,
        };

        var report = await ValidatorTests.RunAsync(ValidationTarget.Parse(AnswerThenSend), settings);

        var details = string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"));
        Assert.That(report.Checks.Select(c => (c.Id, c.Status)), Is.EquivalentTo(NativeCartChecks.Select(id => (id, CheckStatus.Skipped))), details);
        Assert.That(
            report.Checks.Select(c => c.Message),
            Has.All.StartWith("not proven: ").And.All.Contains("POST /cart/add sent at").And.All.Contains("still unanswered").And.All.Contains("waited 0.4 s"),
            details);
    }
}

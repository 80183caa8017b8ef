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

    // Gives up on a slow backend: the agent hears "no" after 200 ms, whatever the request does after.
    private const string GivesUpAfter200Ms = """
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'sample-org' });
          embed.on('should-add-item-to-cart', (item, callback) => {
            let answered = false;
            const answer = (value) => { if (!answered) { answered = true; callback(value); } };
            setTimeout(() => answer(false), 200);
            fetch('/cart/add', { method: 'POST', body: JSON.stringify({ sku: item.sku, quantity: 1 }) }).then((r) => answer(r.ok));
          });
        };
        """;

    [Test]
    public async Task Refused_add_whose_request_answers_after_the_callback_is_judged_left_alone()
    {
        // The handler says no at 200 ms; the backend refuses the unknown SKU at 1.5 s. The run waits for that answer and gives a verdict.
        var settings = new ValidationSettings { SampleBackend = true, CartLatencyMs = 1_500, EventEndBound = TimeSpan.FromMilliseconds(100), OnlyChecks = new HashSet<CheckId> { CheckId.AddUnknownSku } };

        var report = await ValidatorTests.RunScriptAsync(GivesUpAfter200Ms, settings);

        var check = report.Checks.Single();
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Passed), check.Message);
        Assert.That(check.Message, Does.EndWith(", the native cart left as it was"));
    }

    [Test]
    public async Task Refused_add_whose_request_is_unanswered_leaves_the_left_alone_check_not_proven()
    {
        // As above, but the run waits for requests only 400 ms: the cart is not read while the add may still land.
        var settings = new ValidationSettings
        {
            SampleBackend = true,
            CartLatencyMs = 1_500,
            EventEndBound = TimeSpan.FromMilliseconds(100),
            RequestWaitLimit = TimeSpan.FromMilliseconds(400),
            OnlyChecks = new HashSet<CheckId> { CheckId.AddUnknownSku },
        };

        var report = await ValidatorTests.RunScriptAsync(GivesUpAfter200Ms, settings);

        var check = report.Checks.Single();
        Assert.That((check.Status, check.NotProven), Is.EqualTo((CheckStatus.Skipped, true)), check.Message);
        Assert.That(check.Message, Does.StartWith("not proven: ").And.Contain("POST /cart/add sent at").And.Contain("still unanswered"));
    }
}

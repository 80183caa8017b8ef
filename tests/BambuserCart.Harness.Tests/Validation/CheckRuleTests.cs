using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;
using BambuserCart.Harness.Validation.Checks;

namespace BambuserCart.Harness.Tests.Validation;

/// <summary>
/// The rules behind callback.confirmed and update.quantity's message, on hand-made evidence: the
/// order of records decides, never their times.
/// </summary>
public sealed class CheckRuleTests
{
    private static readonly CartApiPattern Cart = CartApiPattern.Default;

    [Test]
    public void Callback_true_after_the_cart_answered_2xx_is_confirmed()
    {
        var observed = Add(answerOrder: 5, Request("POST", "/cart/add", order: 2, endOrder: 4, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart), Is.SameAs(Confirmation.Confirmed));
    }

    [Test]
    public void Callback_true_while_the_cart_request_is_in_flight_is_not_confirmed_even_when_it_succeeds_later()
    {
        var observed = Add(answerOrder: 3, Request("POST", "/cart/add", order: 2, endOrder: 4, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Is.EqualTo("callback(true) came before the cart answered (POST http://shop.test/cart/add still in flight)"));
    }

    [Test]
    public void Callback_true_before_the_request_is_sent_is_not_confirmed()
    {
        var observed = Add(answerOrder: 2, Request("POST", "/cart/add", order: 3, endOrder: 4, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Is.EqualTo("callback(true) came before any cart request was sent"));
    }

    [Test]
    public void Callback_true_without_any_cart_request_is_not_confirmed()
    {
        var observed = Add(answerOrder: 2, Request("GET", "/api/stock", order: 1, endOrder: 1, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Is.EqualTo("callback(true) with no cart request at all: the native cart was never asked"));
    }

    [Test]
    public void Callback_true_after_the_cart_refused_is_not_confirmed()
    {
        var observed = Add(answerOrder: 5, Request("POST", "/cart/add", order: 2, endOrder: 4, status: 404));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Is.EqualTo("callback(true) although the cart request failed (POST http://shop.test/cart/add → HTTP 404)"));
    }

    [Test]
    public void A_mini_cart_refresh_still_in_flight_does_not_unconfirm_a_change_that_was_answered()
    {
        var observed = Add(
            answerOrder: 6,
            Request("POST", "/cart/add", order: 2, endOrder: 4, status: 200),
            Request("GET", "/cart/mini", order: 5, endOrder: 8, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart), Is.SameAs(Confirmation.Confirmed));
    }

    [Test]
    public void A_second_change_still_in_flight_unconfirms_the_answer()
    {
        var observed = Add(
            answerOrder: 6,
            Request("POST", "/cart/add", order: 2, endOrder: 4, status: 200),
            Request("POST", "/cart/update", order: 5, endOrder: 8, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Does.StartWith("callback(true) came before the cart answered (POST http://shop.test/cart/update still in flight)"));
    }

    [Test]
    public void Without_evidence_nothing_is_confirmed()
    {
        var observed = new ObservedEvent(1, "add.success", Entry(), EventEvidence.None);

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Does.StartWith("no evidence was recorded"));
    }

    [Test]
    public void Callback_true_after_a_worker_message_without_a_cart_request_of_the_pages_own_cannot_be_told()
    {
        var observed = AddAfterWorkerMessage(workerOrder: 3, answerOrder: 4, Request("GET", "/api/stock", order: 1, endOrder: 2, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart), Is.SameAs(Confirmation.Unseen));
    }

    [Test]
    public void A_worker_message_does_not_excuse_a_cart_request_of_the_pages_own_still_in_flight()
    {
        var observed = AddAfterWorkerMessage(workerOrder: 3, answerOrder: 4, Request("POST", "/cart/add", order: 2, endOrder: 5, status: 200));

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Does.StartWith("callback(true) came before the cart answered"));
    }

    [Test]
    public void A_worker_message_after_the_answer_excuses_nothing()
    {
        var observed = AddAfterWorkerMessage(workerOrder: 5, answerOrder: 4);

        Assert.That(EventChecks.Confirm(observed, Cart).WhyNot, Is.EqualTo("callback(true) with no cart request at all: the native cart was never asked"));
    }

    [TestCase(1, 4, 2, "it added one instead of setting the quantity")]
    [TestCase(1, 4, 3, "it set the line to the change (quantity − previousQuantity) instead of the quantity")]
    [TestCase(1, 4, 5, "it added the new quantity to the line instead of setting it")]
    [TestCase(1, 4, 1, "the native quantity did not change")]
    [TestCase(4, 2, 5, "it added one instead of setting the quantity")]
    [TestCase(4, 2, 3, "it removed one instead of setting the quantity")]
    public void Wrong_native_quantity_is_read_as_what_the_handler_did(int previous, int quantity, int actual, string expected)
    {
        Assert.That(CartChecks.Interpret(previous, quantity, actual), Is.EqualTo(expected));
    }

    [Test]
    public void Update_quantity_steps_tell_each_wrong_reading_apart()
    {
        var first = CartChecks.QuantitySteps[0];
        int[] readings = [first, 1 + 1, first - 1, 1 + first];

        Assert.That(readings.Distinct().Count(), Is.EqualTo(readings.Length), "set, add one, send the change, add the quantity: all different after 1 → first step");
    }

    private static ObservedEvent Add(int answerOrder, params RequestRecord[] requests) =>
        new(1, "add.success", Entry(), new EventEvidence(0, 1, [new EventMark("answer", "true", answerOrder, answerOrder, 1)], requests, [], []));

    private static ObservedEvent AddAfterWorkerMessage(int workerOrder, int answerOrder, params RequestRecord[] requests) =>
        new(1, "add.success", Entry(), new EventEvidence(0, 1, [new EventMark(EventEvidence.WorkerMessage, null, workerOrder, workerOrder, 1), new EventMark("answer", "true", answerOrder, answerOrder, 1)], requests, [], []));

    private static TraceEntry Entry() =>
        new(1, "should-add-item-to-cart", "add", JsonDocument.Parse("""{"sku":"A"}""").RootElement, "success", JsonDocument.Parse("true").RootElement, 1, 3);

    // Times equal orders on purpose: the rule must read the orders.
    private static RequestRecord Request(string method, string path, int order, int endOrder, int status) =>
        new(order, "fetch", method, $"http://shop.test{path}", null, false, order, order, 1, endOrder, endOrder, status, null, null, true);
}

using BambuserCart.Contract;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// add.backend-failure and update.backend-failure, each on a fresh page: the same change with the
/// cart backend answering HTTP 500, then failing at the network level (the handler must answer,
/// not true, and leave the native cart as it was), then answering late (the handler must still end
/// in true, the native cart changed by exactly the change). update.backend-failure does this for a
/// quantity change and then for a removal (quantity 0), which handlers often send down a path of
/// its own. A fault stays on until the event's requests are done, so a request sent after the
/// answer meets it too.
/// </summary>
/// <remarks>"Leave the native cart as it was" is <see cref="CartLeftAlone"/>.</remarks>
internal static class BackendFailureChecks
{
    private static readonly BackendCondition[] Failures = [BackendCondition.Http500, BackendCondition.NetworkError];

    public static async Task AddAsync(TargetSession session, RunContext run)
    {
        var sku = run.Sku;
        List<ObservedEvent> events = [];
        if (await JudgeAsync(session, run, AddBackendFailure, (fault, label) => session.AddAsync(sku, label, fault), new HealthyBaseline("", sku, had => had + 1, AddSuccess, AddNativeCart), events) is { } passed)
        {
            run.Verdicts.Pass(AddBackendFailure, passed, events);
        }
    }

    public static async Task UpdateAsync(TargetSession session, RunContext run)
    {
        var sku = run.Sku;
        var setup = await session.AddAsync(sku, $"{UpdateBackendFailure.Wire()} (setup: add)");
        if (setup.Outcome != WidgetContract.Outcomes.Success)
        {
            run.Verdicts.Skip(UpdateBackendFailure, $"not proven: '{sku}' could not be put in the widget cart with a working backend ({setup.Describe()} got {setup.AnswerText}; see add.success)", [setup]);
            return;
        }

        if (SettledCart.NotProvenAfter(setup, run) is { } unsettled)
        {
            run.Verdicts.Skip(UpdateBackendFailure, unsettled, [setup]);
            return;
        }

        if (await session.NativeCartAsync($"after {setup.Label}") is { } native && NativeCartProbe.QuantityOf(native, sku) != 1)
        {
            run.Verdicts.Skip(UpdateBackendFailure, $"not proven: after the add the widget holds '{sku}' × 1 but the probe shows {NativeCartProbe.Describe(native)} (see add.native-cart)", [setup]);
            return;
        }

        List<ObservedEvent> events = [setup];
        if (await JudgeAsync(session, run, UpdateBackendFailure, (fault, label) => session.SetQuantityAsync(sku, 2, label, fault), new HealthyBaseline("", sku, _ => 2, UpdateQuantity, UpdateQuantity), events) is not { } quantity)
        {
            return;
        }

        if (run.Verdicts.HasFailed(UpdateRemove))
        {
            // A removal that fails with a working backend fails under a failing one too: that failure is update.remove's.
            run.Verdicts.Skip(UpdateBackendFailure, $"not proven: quantity change: {quantity}; but a removal with a failing backend would prove nothing, since removals fail with a working backend too (see update.remove)", events);
            return;
        }

        if (await JudgeAsync(session, run, UpdateBackendFailure, (fault, label) => session.RemoveAsync(sku, label, fault), new HealthyBaseline("removal, ", sku, _ => 0, UpdateRemove, UpdateRemove), events) is not { } removal)
        {
            return;
        }

        run.Verdicts.Pass(UpdateBackendFailure, $"quantity change: {quantity}; removal: {removal}", events);
    }

    /// <summary>
    /// Plays one change with the backend failing, then slow, and judges it: the pass text when all
    /// held, or null once a failed or not-proven verdict has been given.
    /// </summary>
    private static async Task<string?> JudgeAsync(
        TargetSession session,
        RunContext run,
        CheckId id,
        Func<BackendCondition, string, Task<ObservedEvent>> change,
        HealthyBaseline expected,
        List<ObservedEvent> events)
    {
        var verdicts = run.Verdicts;
        var slowMs = run.Settings.SlowBackendMs;
        var before = await session.NativeCartAsync($"before {id.Wire()} ({expected.Change}failing backend)");
        List<ObservedEvent> failed = [];
        foreach (var fault in Failures)
        {
            var attempt = await change(fault, $"{id.Wire()} ({expected.Change}{CartFaultNames.Name(fault)})");
            events.Add(attempt);
            failed.Add(attempt);
            var when = CartFaultNames.Condition(fault, slowMs);
            if (!attempt.Answered)
            {
                // Not answering is wrong whatever the backend did.
                verdicts.Fail(id, $"{attempt.Describe()} {when}: expected callback(false), got {attempt.AnswerText}; {attempt.Timeline(run.Cart, run.PageUri)}", events);
                return null;
            }

            if (attempt.FaultedRequests == 0)
            {
                verdicts.Skip(id, $"not proven: no failure could be injected, because {NoCartRequest(attempt, run)}", events);
                return null;
            }

            if (attempt.Outcome == WidgetContract.Outcomes.Success)
            {
                verdicts.Fail(id, $"{attempt.Describe()} {when}: expected callback(false), got callback(true): the widget shows a change the native cart does not have; {attempt.Timeline(run.Cart, run.PageUri)}", events);
                return null;
            }

            if (!await CartLeftAlone.AfterAsync(session, run, id, attempt, $"{attempt.Describe()} {when}", before, expected.Sku, events))
            {
                return null;
            }
        }

        var slow = await change(BackendCondition.Slow, $"{id.Wire()} ({expected.Change}slow)");
        events.Add(slow);
        var slowly = CartFaultNames.Condition(BackendCondition.Slow, slowMs);
        var failuresHandled = $"{failed[0].Describe()} was answered {string.Join(" and ", failed.Select(e => e.AnswerText))} with the backend failing (HTTP 500, network error)";
        if (slow.Outcome != WidgetContract.Outcomes.Success)
        {
            if (verdicts.HasFailed(expected.AnswerCheck))
            {
                // Wrong with a working backend too: that failure is the healthy check's, not this one's.
                verdicts.Skip(id, $"not proven: {failuresHandled}, but the slow-backend half proves nothing: {slow.Describe()} was answered {slow.AnswerText}, as with a working backend (see {expected.AnswerCheck.Wire()})", events);
                return null;
            }

            verdicts.Fail(id, $"{slow.Describe()} {slowly}: expected callback(true) once the backend answered, got {slow.AnswerText}; {slow.Timeline(run.Cart, run.PageUri)}", events);
            return null;
        }

        if (SettledCart.NotProvenAfter(slow, run) is { } unsettled)
        {
            verdicts.Skip(id, unsettled, events);
            return null;
        }

        var native = await session.NativeCartAsync($"after {slow.Label}");
        var quantity = expected.QuantityAfter(before is null ? 0 : NativeCartProbe.QuantityOf(before, expected.Sku));
        if (native is not null && before is not null && NativeCartChange.Of(before, native, expected.Sku, quantity) is { Mirrored: false } slowChange)
        {
            var wrong = $"once its requests were done the probe shows {NativeCartProbe.Describe(native)}, where {NativeCartProbe.Describe(before)} was: {slowChange.Wrong}";
            if (verdicts.HasFailed(expected.NativeCheck))
            {
                verdicts.Skip(id, $"not proven: {failuresHandled}, but the slow-backend half proves nothing: it answered callback(true) and {wrong}, as with a working backend (see {expected.NativeCheck.Wire()})", events);
            }
            else
            {
                verdicts.Fail(id, $"{slow.Describe()} {slowly} answered callback(true), but {wrong}; {slow.Timeline(run.Cart, run.PageUri)}", events);
            }

            return null;
        }

        var nativeNote = native is null
            ? $" (native cart not read: no {RunInput.CartProbe.Named()})"
            : $"; the native cart stayed as it was through the failures and then held {(quantity == 0 ? $"no '{expected.Sku}'" : $"'{expected.Sku}' × {quantity}")}";
        return $"{failuresHandled}, and callback(true) with a slow backend ({slowMs} ms late){nativeNote}";
    }

    /// <summary>
    /// "no request matched --cart-api '**/api/cart/**' during #4 should-add-item-to-cart { … }; the
    /// requests it made: GET /basket → 200" — or that it made none at all, and what that means.
    /// </summary>
    public static string NoCartRequest(ObservedEvent observed, RunContext run)
    {
        // A dedicated Worker's requests, and a frame's of another origin, meet the injected failures
        // when they match the cart API; a SharedWorker's (or a service worker's) never pass the
        // browser context's routes, so those can be neither failed nor seen.
        var senders = observed.Evidence.OutOfSightBeforeAnswer;
        var seen = senders.Count > 0
            ? $"it answered {observed.AnswerText} after {string.Join(" and ", senders)}, whose requests the page cannot see; make the cart request from the page for this check to prove it, or set {RunInput.CartApi.Named()} to the URL pattern of the cart backend that frame or a dedicated Worker calls (their requests do meet the failures; a SharedWorker's or a service worker's never do)"
            : observed.Evidence.Requests.Count == 0
                ? $"it made no request at all and answered {observed.AnswerText} without contacting any backend"
                : $"the requests it made: {observed.Evidence.RequestsSeen(run.PageUri)}; set {RunInput.CartApi.Named()} to the URL pattern of your cart backend";
        return $"no request matched {RunInput.CartApi.Named()} '{run.Cart.Glob}' during {observed.Label}; {seen}";
    }

    /// <summary>
    /// Which change is judged ("" or "removal, ", for the events' labels), what the native cart must
    /// hold of the SKU after the slow change (from what it held before), and the checks that judge the same
    /// kind of change with a working backend: when one of those failed, the slow half repeats
    /// that failure and proves nothing of its own.
    /// </summary>
    private sealed record HealthyBaseline(string Change, string Sku, Func<int, int> QuantityAfter, CheckId AnswerCheck, CheckId NativeCheck);
}

using BambuserCart.Harness.Driver;
using BambuserCart.Simulator.Contract;

namespace BambuserCart.Harness.Validation;

internal sealed partial class ValidationRun
{
    /// <summary>
    /// add.backend-failure and update.backend-failure: the native cart backend answers HTTP 500,
    /// then fails at the network level; the handler must still answer, and not with true.
    /// </summary>
    private async Task BackendFailureChecksAsync()
    {
        // The SKU is out of the widget cart when update.remove passed; otherwise use another one.
        var freshSku = await FirstSkuNotInWidgetCartAsync();
        if (freshSku is null)
        {
            Skip(CheckCatalog.AddBackendFailure, "every --sku is already in the widget cart; give one more --sku");
        }
        else
        {
            var outcomes = await UnderFaultsAsync(() => widget.AddToCartAsync(freshSku));
            JudgeFailure(CheckCatalog.AddBackendFailure, $"should-add-item-to-cart {{ sku: '{freshSku}' }}", outcomes);
        }

        // An update needs a line in the widget cart: put one there with the backend healthy.
        faults.Switch(CartFault.None);
        if (!await InWidgetCartAsync(Sku) && (await widget.AddToCartAsync(Sku)).Outcome != WidgetContract.Outcomes.Success)
        {
            await SnapshotTraceAsync();
            Skip(CheckCatalog.UpdateBackendFailure, $"'{Sku}' could not be put in the widget cart with a healthy backend (see add.success)");
            return;
        }

        var current = (await widget.StateAsync()).WidgetCart.Single(l => l.Sku == Sku).Quantity;
        var updates = await UnderFaultsAsync(() => widget.SetQuantityAsync(Sku, current + 1));
        JudgeFailure(CheckCatalog.UpdateBackendFailure, $"should-update-item-in-cart {{ sku: '{Sku}', quantity: {current + 1} }}", updates);
    }

    private async Task<IReadOnlyList<(CartFault Fault, CartOutcome Outcome, int Faulted)>> UnderFaultsAsync(Func<Task<CartOutcome>> action)
    {
        var outcomes = new List<(CartFault, CartOutcome, int)>();
        foreach (var fault in new[] { CartFault.Http500, CartFault.NetworkError })
        {
            faults.Switch(fault);
            var outcome = await action();
            outcomes.Add((fault, outcome, faults.Faulted));
            faults.Switch(CartFault.None);
            if (outcome.Outcome == WidgetContract.Outcomes.Success)
            {
                // The widget now holds the change; a second try would be a different event.
                break;
            }
        }

        await SnapshotTraceAsync();
        return outcomes;
    }

    private void JudgeFailure(string id, string eventText, IReadOnlyList<(CartFault Fault, CartOutcome Outcome, int Faulted)> outcomes)
    {
        var evidence = Evidence(("attempts", outcomes.Select(o => new { fault = o.Fault.ToString(), outcome = o.Outcome, faultedRequests = o.Faulted })));
        var unanswered = new[] { WidgetContract.Outcomes.Timeout, WidgetContract.Outcomes.Threw, WidgetContract.Outcomes.NoHandler };
        foreach (var (fault, outcome, faulted) in outcomes)
        {
            var when = fault == CartFault.Http500 ? "with the cart backend answering HTTP 500" : "with the cart backend unreachable (network error)";
            if (unanswered.Contains(outcome.Outcome))
            {
                // Not answering is wrong whatever the backend did.
                Fail(id, $"{eventText} {when}: expected callback(false), got {Answered(outcome)}", evidence);
                return;
            }

            if (faulted == 0)
            {
                // No failure reached the handler, so its answer proves nothing either way.
                Skip(id, $"{eventText}: no request matched --cart-api '{settings.CartApiGlob}' (the handler answered {Answered(outcome)} without one), so no failure could be injected; set --cart-api to your cart backend's URL pattern");
                return;
            }

            if (outcome.Outcome == WidgetContract.Outcomes.Success)
            {
                Fail(id, $"{eventText} {when}: expected callback(false), got callback(true) — the widget shows a product the native cart does not have", evidence);
                return;
            }
        }

        Pass(id, $"{eventText} answered {string.Join(" and ", outcomes.Select(o => Answered(o.Outcome)))} with the backend failing (HTTP 500, network error)", evidence);
    }

    private async Task<string?> FirstSkuNotInWidgetCartAsync()
    {
        var inCart = (await widget.StateAsync()).WidgetCart.Select(l => l.Sku).ToHashSet();
        return settings.Skus.FirstOrDefault(s => !inCart.Contains(s));
    }
}

using BambuserCart.Harness.Driver;
using BambuserCart.Simulator.Contract;
using Navigations = BambuserCart.Simulator.Contract.WidgetContract.Navigations;

namespace BambuserCart.Harness.Validation;

internal sealed partial class ValidationRun
{
    /// <summary>checkout.navigation and checkout.same-origin: the shopper clicks Checkout with an item in the cart.</summary>
    private async Task CheckoutChecksAsync(WidgetState state)
    {
        if (!state.Handlers.Contains(WidgetContract.Events.GotoCheckout))
        {
            Skip(CheckCatalog.CheckoutNavigation, "no goto-checkout handler, so no Checkout button (see checkout.handler)");
            Skip(CheckCatalog.CheckoutSameOrigin, "no goto-checkout handler (see checkout.handler)");
            return;
        }

        if (state.WidgetCart.Count == 0)
        {
            Skip(CheckCatalog.CheckoutNavigation, "no item could be put in the widget cart, so no Checkout button (see add.success)");
            Skip(CheckCatalog.CheckoutSameOrigin, "no checkout happened (see checkout.navigation)");
            return;
        }

        var checkout = await widget.CheckoutAsync();
        var evidence = Evidence(("navigation", checkout.Navigation), ("url", checkout.Url));
        if (checkout.Navigation != Navigations.SameTab)
        {
            await SnapshotTraceAsync();
        }

        switch (checkout.Navigation)
        {
            case Navigations.Miniplayer:
                Pass(CheckCatalog.CheckoutNavigation, $"goto-checkout floated the call above {checkout.Url}", evidence);
                await SameOriginCheckAsync(checkout, evidence);
                break;
            case Navigations.NewTab:
                Pass(CheckCatalog.CheckoutNavigation, $"goto-checkout opened {checkout.Url} in a new tab; the call stays in this one", evidence);
                Skip(CheckCatalog.CheckoutSameOrigin, "checkout opens a new tab; there is no floatAbove URL to check");
                if (checkout.NewTab is { } tab)
                {
                    await tab.CloseAsync();
                }

                break;
            case Navigations.SameTab:
                Fail(CheckCatalog.CheckoutNavigation, $"goto-checkout navigated the current tab to {checkout.Url}: the call would end; use oneToOneEmbed.floatAbove(url) or window.open(url, '_blank')", evidence);
                Skip(CheckCatalog.CheckoutSameOrigin, "checkout navigated the current tab (see checkout.navigation)");
                break;
            default:
                Fail(CheckCatalog.CheckoutNavigation, $"goto-checkout: expected floatAbove(url) or window.open(url, '_blank'), but the handler did neither within {WidgetContract.DefaultCheckoutSettleMs} ms", evidence);
                Skip(CheckCatalog.CheckoutSameOrigin, "no floatAbove happened (see checkout.navigation)");
                break;
        }
    }

    private async Task SameOriginCheckAsync(CheckoutResult checkout, System.Text.Json.Nodes.JsonObject evidence)
    {
        var problems = (await widget.StateAsync()).Diagnostics
            .Where(d => d.Code is WidgetContract.Diagnostics.FloatAboveCrossOrigin or WidgetContract.Diagnostics.FloatAboveFramingRefused)
            .ToList();
        if (problems.Count == 0)
        {
            Pass(CheckCatalog.CheckoutSameOrigin, $"{checkout.Url} is same-origin and allows framing", evidence);
        }
        else
        {
            Fail(CheckCatalog.CheckoutSameOrigin, string.Join("; ", problems.Select(p => p.Detail)), evidence);
        }
    }
}

using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// product.hydration, on a fresh page: the agent looks up a SKU the shop sells, a product page of
/// the target's origin, and a SKU it does not sell. A handler that answers every lookup with the
/// same (hard-coded) product, makes one up for an unknown SKU, or leaves out a mandatory field fails.
/// </summary>
internal static class HydrationCheck
{
    public static async Task RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        // A page may register it after the cart handlers (a component that mounts later): it has
        // the same time since the widget started as they do, so the verdict does not depend on how
        // soon this family's turn came.
        switch (await session.WaitForHandlersAsync([WidgetContract.Events.ProvideProductData]))
        {
            case HandlerWait.CutShort:
                verdicts.Skip(ProductHydration, $"not proven: {run.OutOfTime} before the page registered a provide-product-data handler");
                return;
            case HandlerWait.BoundOver:
                verdicts.NotApplicable(ProductHydration, $"advisory: the page registers no provide-product-data handler ({WidgetDriver.HandlerWaitText(run.Settings.HandlersBound)}), so agents cannot look products up (or show them) in a call; a BamHub product feed may stand in");
                return;
        }

        var events = new List<ObservedEvent>();
        var proven = new List<string>();
        var sku = run.Sku;

        var (known, knownEvent) = await session.LookupAsync(sku, "product.hydration (SKU)");
        events.Add(knownEvent);
        if (Problem(known, sku) is { } knownProblem)
        {
            verdicts.Fail(ProductHydration, $"looking up '{sku}': {knownProblem}", events);
            return;
        }

        proven.Add($"'{sku}' hydrated as '{known.Product!.Name}'");

        var (url, fromDefault) = ProductUrl(run);
        if (url is not null)
        {
            var (byUrl, byUrlEvent) = await session.LookupAsync(url, "product.hydration (URL)");
            events.Add(byUrlEvent);
            if (Problem(byUrl, expectedSku: run.Settings.ProductUrl is null && run.UsesSampleBackend ? sku : null) is { } urlProblem)
            {
                if (fromDefault && byUrl.Outcome == LookupResult.Error)
                {
                    verdicts.Skip(ProductHydration, $"not proven: {string.Join(", ", proven)}, but the target page {url} did not hydrate ({urlProblem}); if it is not a product page, pass {RunInput.ProductUrl.Named()} with one", events);
                    return;
                }

                verdicts.Fail(ProductHydration, $"looking up the product page {url}: {urlProblem}", events);
                return;
            }

            proven.Add($"{url} hydrated as '{byUrl.Product!.Name}'");
        }

        var unknown = run.Settings.UnknownSkuOrDefault;
        var (made, madeEvent) = await session.LookupAsync(unknown, "product.hydration (unknown SKU)");
        events.Add(madeEvent);
        switch (made.Outcome)
        {
            case LookupResult.Error:
                proven.Add($"'{unknown}' (not sold) was answered with the error \"{made.Message}\"");
                break;
            case LookupResult.Hydrated:
                verdicts.Fail(ProductHydration, $"looking up '{unknown}', which the shop does not sell, gave a product ('{made.Product!.Name}', SKUs [{string.Join(", ", made.Product.Skus)}]): the agent is shown a product that does not exist; throw an Error with a message for the agent instead", events);
                return;
            default:
                verdicts.Fail(ProductHydration, $"looking up '{unknown}', which the shop does not sell: expected an error the agent can read (throw in the product factory), got {Describe(made)}", events);
                return;
        }

        verdicts.Pass(ProductHydration, string.Join("; ", proven), events);
    }

    // What is wrong with a lookup that should have hydrated (a product holding expectedSku, when given).
    private static string? Problem(LookupOutcome lookup, string? expectedSku)
    {
        if (lookup.Outcome != LookupResult.Hydrated)
        {
            return $"expected a product, got {Describe(lookup)}";
        }

        if (expectedSku is not null && !lookup.Product!.Skus.Contains(expectedSku))
        {
            return $"the product ('{lookup.Product.Name}') holds SKUs [{string.Join(", ", lookup.Product.Skus)}], not '{expectedSku}': a hard-coded or wrong product";
        }

        return null;
    }

    private static string Describe(LookupOutcome lookup) => lookup.Outcome switch
    {
        LookupResult.Invalid => $"an incomplete product ({lookup.Message})",
        LookupResult.Error => $"the error \"{lookup.Message}\"",
        LookupResult.Timeout => "no updateProduct within the timeout",
        LookupResult.NoHandler => "no handler",
        _ => lookup.Outcome.Wire(),
    };

    // The product page to look up: --product-url; the sample backend's page for the SKU; a URL
    // target's own page (which may not be a product page: then "not proven", not "failed").
    private static (string? Url, bool FromDefault) ProductUrl(RunContext run)
    {
        if (run.Settings.ProductUrl is { } given)
        {
            return (new Uri(run.PageUri, given).ToString(), false);
        }

        if (run.UsesSampleBackend)
        {
            return (new Uri(run.PageUri, Simulator.Products.ProductEndpoints.PagePath(run.Sku)).ToString(), false);
        }

        return run.PageUri.Scheme is "http" or "https" ? (run.PageUrl, true) : (null, false);
    }
}

using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Harness.Exploration;

/// <summary>The target options <c>explore</c> shares with <c>validate</c>.</summary>
public sealed record ExploreTargetOptions
{
    public bool SampleBackend { get; init; }

    /// <summary>In-stock SKUs of a target without the sample backend (each assumed to hold at least 4).</summary>
    public IReadOnlyList<string> Skus { get; init; } = [];

    public string? OutOfStockSku { get; init; }

    public string? UnknownSku { get; init; }

    public string? CartProbe { get; init; }

    /// <summary>The cart backend's URL glob; null: the default, <c>**/cart/**</c>.</summary>
    public string? CartApi { get; init; }
}

/// <summary>Turns <c>explore</c>'s TARGET and options into a scenario target and the SKUs its sessions use.</summary>
public static class ExploreTarget
{
    /// <exception cref="ValidationInputException">An option that does not fit the target, or SKUs missing.</exception>
    public static (ScenarioTarget Target, ExploreCatalog Catalog) Resolve(ValidationTarget target, ExploreTargetOptions options, ProductCatalog sampleCatalog)
    {
        if (options.SampleBackend && !target.IsLocalFile)
        {
            throw new ValidationInputException($"{RunInput.SampleBackend.Named()}: only for a local .html or .js target (the sample shop always has it; a URL has its own backend)");
        }

        var scenarioTarget = target.Kind switch
        {
            TargetKind.SampleShop => ScenarioTarget.Shop(),
            TargetKind.Url => new ScenarioTarget(null, target.Location, options.CartProbe) { CartApi = options.CartApi },
            _ => ScenarioTarget.LocalFile(target.Location, options.SampleBackend, options.CartProbe) with { CartApi = options.CartApi },
        };
        var unknown = options.UnknownSku ?? ValidationSettings.DefaultUnknownSku;
        if (string.IsNullOrWhiteSpace(unknown))
        {
            throw new ValidationInputException($"{RunInput.UnknownSku.Named()}: must not be empty");
        }

        if (scenarioTarget.UsesSampleBackend)
        {
            if (options.Skus.Count > 0 || options.OutOfStockSku is not null)
            {
                throw new ValidationInputException($"{RunInput.Sku.Named()}/{RunInput.OutOfStockSku.Named()}: the sample backend's catalog gives the SKUs and their stock; leave them out");
            }

            if (sampleCatalog.Find(unknown) is not null)
            {
                throw new ValidationInputException($"{RunInput.UnknownSku.Named()}: '{unknown}' is in the catalog; give a SKU the shop does not sell");
            }

            return (scenarioTarget, ExploreCatalog.FromSample(sampleCatalog.Products.Select(p => (p.Sku, p.Stock)), unknown));
        }

        if (options.Skus.Count == 0)
        {
            throw new ValidationInputException($"{RunInput.Sku.Named()}: give at least one in-stock SKU of your catalog (each with at least 4 in stock), or use {RunInput.SampleBackend.Named()} for a local file");
        }

        if (options.Skus.Any(string.IsNullOrWhiteSpace))
        {
            throw new ValidationInputException($"{RunInput.Sku.Named()}: a SKU must not be empty");
        }

        return (scenarioTarget, ExploreCatalog.FromOptions(options.Skus, options.OutOfStockSku, unknown));
    }
}

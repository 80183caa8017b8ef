using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Checks;
using BambuserCart.Harness.Validation.Run;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Widget;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// <c>validate</c>: loads a merchant's page with the fake widget, plays the remote agent through
/// every cart path (including a failing and a slow backend) and checkout, recording what the page
/// did during each event, and judges each check on that evidence.
/// </summary>
public static class Validator
{
    /// <param name="progress">Told of each check as soon as it is decided.</param>
    /// <exception cref="ValidationInputException">Bad options, a missing file, an unreachable URL.</exception>
    /// <exception cref="PortInUseException">The local origin could not be served.</exception>
    public static async Task<ValidationReport> RunAsync(
        ValidationTarget target,
        ValidationSettings settings,
        BrowserSession browser,
        IProgress<CheckResult>? progress = null,
        CancellationToken cancellation = default)
    {
        settings.Check();
        var usesSampleBackend = target.Kind == TargetKind.SampleShop || settings.SampleBackend;
        if (settings.SampleBackend && !target.IsLocalFile)
        {
            throw new ValidationInputException($"{RunInput.SampleBackend.Named()}: only for a local .html or .js target (the sample shop always has it; a URL has its own backend)");
        }

        await using var server = target.Kind == TargetKind.Url ? null : await SimulatorServer.StartAsync(HostOptions(target, settings));
        // A URL target is the merchant's own shop: nothing of the sample catalog applies to it.
        var catalog = server?.Catalog ?? ProductCatalog.Empty;
        settings = WithSampleDefaults(settings, catalog, usesSampleBackend);
        if (settings.Skus.Count == 0)
        {
            throw new ValidationInputException($"{RunInput.Sku.Named()}: give at least one in-stock SKU of your catalog to add (or use {RunInput.SampleBackend.Named()})");
        }

        var pageUrl = target.Kind switch
        {
            TargetKind.SampleShop => server!.BaseUrl.ToString(),
            TargetKind.HtmlFile => server!.Url(Uri.EscapeDataString(Path.GetFileName(target.Location))).ToString(),
            TargetKind.Script => server!.Url(SimulatorOptions.HostPagePath.TrimStart('/')).ToString(),
            _ => target.Location,
        };

        if (usesSampleBackend && catalog.Find(settings.UnknownSkuOrDefault) is not null)
        {
            throw new ValidationInputException($"{RunInput.UnknownSku.Named()}: '{settings.UnknownSkuOrDefault}' is in the catalog; give a SKU the shop does not sell");
        }

        var offered = (usesSampleBackend ? catalog.Products : [])
            .Concat(settings.Skus.Where(s => catalog.Find(s) is null).Select(s => new Product(s, s, 0, 0)));
        IReadOnlyList<string> allowed = target.Kind == TargetKind.Url ? [.. settings.AllowedHosts, new Uri(pageUrl).Host] : settings.AllowedHosts;
        var context = new RunContext(browser, FakeEmbedScript.Render(offered), allowed, pageUrl, settings, new Verdicts(settings, progress, cancellation), new RunLog())
        {
            // The sample backend's cart API is the default glob's; any other pattern is the user's guess.
            CartApiKnown = usesSampleBackend && settings.CartApi == CartApiPattern.DefaultGlob,
            UsesSampleBackend = usesSampleBackend,
        };
        return await new ValidationRun(context, target).ExecuteAsync();
    }

    private static SimulatorOptions HostOptions(ValidationTarget target, ValidationSettings settings) => target.Kind switch
    {
        TargetKind.SampleShop => new SimulatorOptions(),
        TargetKind.HtmlFile => new SimulatorOptions { MerchantSiteDirectory = Path.GetDirectoryName(target.Location), SampleBackend = settings.SampleBackend },
        _ => new SimulatorOptions
        {
            MerchantSiteDirectory = Path.GetDirectoryName(target.Location),
            HostedScript = Path.GetFileName(target.Location),
            SampleBackend = settings.SampleBackend,
        },
    };

    // With the sample backend the catalog supplies SKUs and a probe, so no option is needed.
    private static ValidationSettings WithSampleDefaults(ValidationSettings settings, ProductCatalog catalog, bool sampleBackend)
    {
        if (!sampleBackend)
        {
            return settings;
        }

        return settings with
        {
            Skus = settings.Skus.Count > 0 ? settings.Skus : catalog.Products.Where(p => p.Stock >= CartChecks.QuantitySteps.Max()).Select(p => p.Sku).Take(2).ToList(),
            OutOfStockSku = settings.OutOfStockSku ?? catalog.Products.FirstOrDefault(p => p.Stock == 0)?.Sku,
            CartProbe = settings.CartProbe ?? NativeCartProbe.SampleBackend,
        };
    }
}

using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Widget;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// <c>validate</c>: loads a merchant's page with the fake widget, plays the remote agent through
/// every cart path (including a failing backend) and checkout, and judges each check.
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
            throw new ValidationInputException("--backend sample: only for a local .html or .js TARGET (the sample shop always has it; a URL has its own backend)");
        }

        await using var server = target.Kind == TargetKind.Url ? null : await SimulatorServer.StartAsync(HostOptions(target, settings));
        var catalog = server?.Catalog ?? ProductCatalog.Load(new SimulatorOptions().CatalogPath);
        settings = WithSampleDefaults(settings, catalog, usesSampleBackend);
        if (settings.Skus.Count == 0)
        {
            throw new ValidationInputException("--sku: give at least one in-stock SKU of your catalog to add (or use --backend sample)");
        }

        var pageUrl = target.Kind switch
        {
            TargetKind.SampleShop => server!.BaseUrl.ToString(),
            TargetKind.HtmlFile => server!.Url(Uri.EscapeDataString(Path.GetFileName(target.Location))).ToString(),
            TargetKind.Script => server!.Url(SimulatorOptions.HostPagePath.TrimStart('/')).ToString(),
            _ => target.Location,
        };

        var offered = (usesSampleBackend ? catalog.Products : [])
            .Concat(settings.Skus.Where(s => catalog.Find(s) is null).Select(s => new Product(s, s, 0, 0)));
        var allowed = target.Kind == TargetKind.Url ? settings.AllowedHosts.Append(new Uri(pageUrl).Host) : settings.AllowedHosts;
        await using var offline = await browser.NewContextAsync(FakeEmbedScript.Render(offered), allowed);
        var run = new ValidationRun(offline, settings, target, pageUrl, usesSampleBackend, progress, cancellation);
        return await run.ExecuteAsync();
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
            Skus = settings.Skus.Count > 0 ? settings.Skus : catalog.Products.Where(p => p.Stock >= 3).Select(p => p.Sku).Take(2).ToList(),
            OutOfStockSku = settings.OutOfStockSku ?? catalog.Products.FirstOrDefault(p => p.Stock == 0)?.Sku,
            CartProbe = settings.CartProbe ?? NativeCartProbe.SampleBackend,
        };
    }
}

using BambuserCart.Simulator.Cart;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Merchant;
using BambuserCart.Simulator.Products;
using BambuserCart.Simulator.Shop;
using Microsoft.Extensions.FileProviders;

namespace BambuserCart.Simulator;

/// <summary>Builds the simulator web host: sample shop, native cart API and fake embed.</summary>
public static class SimulatorApp
{
    /// <param name="options">Fixtures and orgId.</param>
    /// <param name="configure">Lets a host pick its server: Kestrel on a port, or the in-memory test server.</param>
    /// <exception cref="CatalogException">The catalog file is missing or invalid.</exception>
    public static WebApplication Build(SimulatorOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var catalog = options.LoadCatalog();
        if (options.IntegrationsDirectory is { } integrations && !Directory.Exists(integrations))
        {
            throw new CatalogException($"{integrations}: integrations folder not found");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<CartStore>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(ShopSession.EnsureOnGetAsync);
        if (options.IntegrationsDirectory is { } folder)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)),
                RequestPath = "/integrations",
            });
        }
        else
        {
            // The built-in shop needs only its own integration, compiled in like the catalog.
            var reference = EmbeddedAsset.Read(ShopPages.BuiltInIntegrationAsset);
            app.MapGet(ShopPages.IntegrationUrl, () => Results.Text(reference, "text/javascript"));
        }
        if (options.MerchantSiteDirectory is { } site)
        {
            app.MapMerchantSite(site, options.HostedScript);
        }

        app.MapShopPages(options, catalog);
        if (options.SampleBackend)
        {
            app.MapCartApi();
            app.MapProductApi();
        }

        return app;
    }
}

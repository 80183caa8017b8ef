using System.Globalization;
using System.Net;
using System.Text.Json;
using BambuserCart.Simulator.Cart;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Products;
using BambuserCart.Simulator.Widget;

namespace BambuserCart.Simulator.Shop;

/// <summary>The sample shop's pages, its own assets and the fake embed script.</summary>
internal static class ShopPages
{
    /// <summary>Where the sample shop's pages load their cart integration from.</summary>
    public const string IntegrationUrl = "/integrations/reference.js";

    internal const string BuiltInIntegrationAsset = "fixtures/integrations/reference.js";

    private static readonly string ProductTemplate = EmbeddedAsset.Read("shop/product.html");
    private static readonly string CheckoutTemplate = EmbeddedAsset.Read("shop/checkout.html");

    public static void MapShopPages(this IEndpointRouteBuilder app, SimulatorOptions options, ProductCatalog catalog)
    {
        var embed = FakeEmbedScript.Render(catalog.Products);

        // The real script's two addresses, mirrored on this host for serve mode.
        foreach (var path in new[] { "/embed.js", "/eu/embed.js" })
        {
            app.MapGet(path, () => Results.Text(embed, "text/javascript; charset=utf-8"));
        }

        app.MapGet("/shop.js", () => Results.Text(EmbeddedAsset.Read("shop/shop.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/shop.css", () => Results.Text(EmbeddedAsset.Read("shop/shop.css"), "text/css; charset=utf-8"));

        if (options.MerchantSiteDirectory is not null)
        {
            // A merchant's site owns "/"; the sample backend still brings its checkout and product pages.
            if (options.SampleBackend)
            {
                MapCheckoutPage(app, catalog);
                app.MapProductPages(product => $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Html(product.Name)}</title></head><body><h1>{Html(product.Name)}</h1><p>{Money(product.Price, catalog.Currency)}</p></body></html>");
            }

            return;
        }

        app.MapGet("/", (string? checkout) =>
        {
            var mode = checkout ?? CheckoutModes.Miniplayer;
            if (!CheckoutModes.All.Contains(mode))
            {
                return Results.Text(
                    $"Unknown checkout mode '{checkout}' in ?checkout=; use one of: {string.Join(", ", CheckoutModes.All)}",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Content(RenderProductPage(options, catalog, mode), "text/html; charset=utf-8");
        });

        // A page per product, for lookups by product URL: the shop page with that product first.
        app.MapProductPages(product => RenderProductPage(options, catalog, CheckoutModes.Miniplayer, product));
        MapCheckoutPage(app, catalog);
    }

    private static void MapCheckoutPage(IEndpointRouteBuilder app, ProductCatalog catalog) =>
        app.MapGet("/checkout", (HttpContext context, CartStore store) =>
            Results.Content(RenderCheckoutPage(store.For(ShopSession.Read(context)!).View(), catalog.Currency), "text/html; charset=utf-8"));

    private static string RenderProductPage(SimulatorOptions options, ProductCatalog catalog, string mode, Product? featured = null)
    {
        var config = JsonSerializer.Serialize(new { orgId = options.OrgId, checkoutMode = mode, checkoutUrl = "/checkout" });
        var shown = featured is null ? catalog.Products : [featured, .. catalog.Products.Where(p => p != featured)];
        var products = string.Concat(shown.Select(p =>
            $"<li data-sku=\"{Html(p.Sku)}\"><strong>{Html(p.Name)}</strong><br>{Money(p.Price, catalog.Currency)}" +
            $"<br><span class=\"stock\">SKU {Html(p.Sku)} · {(p.Stock == 0 ? "out of stock" : $"{p.Stock} in stock")}</span></li>"));
        var modeLinks = string.Join(" · ", CheckoutModes.All.Select(m =>
            m == mode ? $"<strong aria-current=\"page\">{m}</strong>" : $"<a href=\"/?checkout={m}\">{m}</a>"));

        return ProductTemplate
            .Replace("{{SHOP_CONFIG}}", config, StringComparison.Ordinal)
            .Replace("{{INTEGRATION_URL}}", IntegrationUrl, StringComparison.Ordinal)
            .Replace("{{EMBED_URL}}", "/embed.js", StringComparison.Ordinal)
            .Replace("{{MODE_LINKS}}", modeLinks, StringComparison.Ordinal)
            .Replace("{{PRODUCTS}}", products, StringComparison.Ordinal);
    }

    private static string RenderCheckoutPage(CartView cart, string currency)
    {
        var lines = cart.Items.Count == 0
            ? "<li>Your cart is empty.</li>"
            : string.Concat(cart.Items.Select(l =>
                $"<li data-sku=\"{Html(l.Sku)}\">{Html(l.Name)} × {l.Quantity} — {Money(l.Price * l.Quantity, currency)}</li>"));
        var total = cart.Items.Sum(l => l.Price * l.Quantity);
        return CheckoutTemplate
            .Replace("{{LINES}}", lines, StringComparison.Ordinal)
            .Replace("{{TOTAL}}", Money(total, currency), StringComparison.Ordinal);
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} {currency}");
}

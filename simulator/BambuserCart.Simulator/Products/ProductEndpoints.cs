using System.Globalization;
using System.Net;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Simulator.Products;

/// <summary>
/// What a product lookup needs from the sample shop: <c>GET /products/{sku}.json</c> (name, price,
/// stock, currency, description, image and page), an image per product, and a page per product at
/// <c>/product/{sku}</c>, the URL an agent hydrates "by product URL". Part of the sample backend.
/// </summary>
public static class ProductEndpoints
{
    public const string PagePrefix = "/product/";

    public static string PagePath(string sku) => PagePrefix + Uri.EscapeDataString(sku);

    public static void MapProductApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/products/{sku}.json", (string sku, ProductCatalog catalog) =>
            catalog.Find(sku) is { } product
                ? Results.Json(Describe(product, catalog.Currency))
                : Results.Json(new { error = "unknown-sku", sku }, statusCode: StatusCodes.Status404NotFound));

        app.MapGet("/products/{sku}.svg", (string sku, ProductCatalog catalog) =>
            catalog.Find(sku) is { } product ? Results.Text(Image(product), "image/svg+xml") : Results.NotFound());
    }

    /// <summary>A product's own page: the shop page, for the product the URL names (404 for one it does not sell).</summary>
    public static void MapProductPages(this IEndpointRouteBuilder app, Func<Product, string> render)
    {
        app.MapGet(PagePrefix + "{sku}", (string sku, ProductCatalog catalog) =>
            catalog.Find(sku) is { } product
                ? Results.Content(render(product), "text/html; charset=utf-8")
                : Results.Text($"The sample shop sells no '{sku}'.", statusCode: StatusCodes.Status404NotFound));
    }

    private static object Describe(Product product, string currency) => new
    {
        sku = product.Sku,
        name = product.Name,
        description = $"{product.Name}, from the BambuserCart sample shop.",
        price = product.Price,
        currency,
        stock = product.Stock,
        url = PagePath(product.Sku),
        imageUrl = $"/products/{Uri.EscapeDataString(product.Sku)}.svg",
    };

    // A plain picture with the product's name: enough for the agent console to show an image.
    private static string Image(Product product) => string.Create(CultureInfo.InvariantCulture, $"""
        <svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
          <rect width="160" height="160" fill="#e8e6f8"/>
          <text x="80" y="86" font-family="sans-serif" font-size="12" text-anchor="middle">{WebUtility.HtmlEncode(product.Name)}</text>
        </svg>
        """);
}

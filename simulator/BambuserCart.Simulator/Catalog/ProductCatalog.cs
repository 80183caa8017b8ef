using System.Text.Json;

namespace BambuserCart.Simulator.Catalog;

/// <summary>The sample shop's products and stock, read from <c>fixtures/catalog.json</c>.</summary>
public sealed class ProductCatalog
{
    private readonly Dictionary<string, Product> bySku;

    public ProductCatalog(string currency, IReadOnlyList<Product> products)
    {
        Currency = currency;
        Products = products;
        bySku = products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    public string Currency { get; }

    public IReadOnlyList<Product> Products { get; }

    public Product? Find(string sku) => bySku.GetValueOrDefault(sku);

    /// <summary>The sample shop's catalog, compiled into this assembly from <c>fixtures/catalog.json</c>.</summary>
    public static ProductCatalog BuiltIn { get; } = Parse(EmbeddedAsset.Read(BuiltInAsset), "built-in catalog.json");

    /// <summary>No products: what a merchant's own site starts from.</summary>
    public static ProductCatalog Empty { get; } = new("EUR", []);

    internal const string BuiltInAsset = "fixtures/catalog.json";

    /// <summary>Loads and checks a catalog file; every problem names the file and the JSON path.</summary>
    /// <exception cref="CatalogException">The file is missing, malformed or inconsistent.</exception>
    public static ProductCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CatalogException($"{path}: catalog file not found");
        }

        return Parse(File.ReadAllText(path), path);
    }

    private static ProductCatalog Parse(string text, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CatalogException($"{path}: line {ex.LineNumber + 1}: not valid JSON ({ex.Message})");
        }

        using (document)
        {
            return Read(path, document.RootElement);
        }
    }

    private static ProductCatalog Read(string path, JsonElement root)
    {
        var currency = root.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!
            : "EUR";
        if (!root.TryGetProperty("products", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new CatalogException($"{path}: $.products: expected an array of products");
        }

        var products = new List<Product>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{path}: $.products[{index}]";
            var sku = RequireString(item, "sku", at);
            if (products.Any(p => p.Sku == sku))
            {
                throw new CatalogException($"{at}.sku: duplicate SKU \"{sku}\"");
            }

            var name = RequireString(item, "name", at);
            if (!item.TryGetProperty("price", out var price) || price.ValueKind != JsonValueKind.Number || !price.TryGetDecimal(out var priceValue) || priceValue < 0)
            {
                throw new CatalogException($"{at}.price: expected a non-negative number");
            }

            if (!item.TryGetProperty("stock", out var stock) || stock.ValueKind != JsonValueKind.Number || !stock.TryGetInt32(out var stockValue) || stockValue < 0)
            {
                throw new CatalogException($"{at}.stock: expected a non-negative whole number");
            }

            products.Add(new Product(sku, name, priceValue, stockValue));
            index++;
        }

        return new ProductCatalog(currency, products);
    }

    private static string RequireString(JsonElement item, string field, string at)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new CatalogException($"{at}: expected an object");
        }

        if (!item.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new CatalogException($"{at}.{field}: expected a non-empty string");
        }

        return value.GetString()!;
    }
}

namespace BambuserCart.Harness.Exploration;

/// <summary>A SKU sessions use, with its stock when known (null: sold, with at least <see cref="ExploreCatalog.AssumedStock"/>).</summary>
/// <param name="Sold">False for a SKU the shop does not sell: every add of it must be refused.</param>
public sealed record ExploreSku(string Sku, int? Stock, bool Sold = true);

/// <summary>
/// The SKUs generated sessions pick from: plenty in stock first (where shrinking heads), then low
/// stock, out of stock and one the shop does not sell. With the sample backend the stock is the
/// catalog's; for a URL target it is what the options say (as validate assumes, a <c>--sku</c>
/// holds at least 4).
/// </summary>
public sealed class ExploreCatalog
{
    /// <summary>What a --sku of a URL target is assumed to hold; quantities above it are not generated.</summary>
    public const int AssumedStock = 4;

    public ExploreCatalog(IReadOnlyList<ExploreSku> skus)
    {
        if (skus.Count == 0 || !skus[0].Sold || skus[0].Stock is 0)
        {
            throw new ArgumentException("the first SKU must be sold and in stock", nameof(skus));
        }

        Skus = skus;
    }

    public IReadOnlyList<ExploreSku> Skus { get; }

    /// <summary>The SKU a move's index names (indexes wrap, so any generated index is one).</summary>
    public ExploreSku this[int index] => Skus[((index % Skus.Count) + Skus.Count) % Skus.Count];

    public ExploreSku? Find(string sku) => Skus.FirstOrDefault(s => s.Sku == sku);

    /// <summary>The sample catalog: in stock by stock, most first, then low, then none, then <paramref name="unknownSku"/>.</summary>
    public static ExploreCatalog FromSample(IEnumerable<(string Sku, int Stock)> products, string unknownSku) =>
        new([
            .. products.OrderByDescending(p => p.Stock).ThenBy(p => p.Sku, StringComparer.Ordinal).Select(p => new ExploreSku(p.Sku, p.Stock)),
            new ExploreSku(unknownSku, 0, Sold: false),
        ]);

    /// <summary>A URL target's: the in-stock SKUs given, then the out-of-stock one if given, then the unknown one.</summary>
    public static ExploreCatalog FromOptions(IReadOnlyList<string> inStock, string? outOfStock, string unknownSku) =>
        new([
            .. inStock.Select(s => new ExploreSku(s, null)),
            .. outOfStock is null ? Array.Empty<ExploreSku>() : [new ExploreSku(outOfStock, 0)],
            new ExploreSku(unknownSku, 0, Sold: false),
        ]);
}

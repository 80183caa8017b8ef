using System.Text.Json;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Contract;

namespace BambuserCart.Simulator.Widget;

/// <summary>
/// Renders the fake <c>embed.js</c>: the script source with the contract generated from
/// <see cref="WidgetContract"/> and the products the agent console offers.
/// </summary>
public static class FakeEmbedScript
{
    private const string ContractSlot = "/*@CONTRACT@*/ null";
    private const string ProductsSlot = "/*@PRODUCTS@*/ []";

    /// <summary>The script source as shipped, before the contract is generated into it.</summary>
    public static string Template { get; } = EmbeddedAsset.Read("embed.js");

    /// <summary>The script with the contract and <paramref name="products"/> filled in.</summary>
    public static string Render(IEnumerable<Product> products)
    {
        var offered = products.Select(p => new { sku = p.Sku, name = p.Name });
        return Template
            .Replace(ContractSlot, WidgetContract.ToJavaScriptObject(), StringComparison.Ordinal)
            .Replace(ProductsSlot, JsonSerializer.Serialize(offered), StringComparison.Ordinal);
    }
}

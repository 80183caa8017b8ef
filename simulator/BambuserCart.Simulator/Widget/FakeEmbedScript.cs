using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Simulator.Widget;

/// <summary>
/// Renders the fake <c>embed.js</c>: the script source with the contract generated from
/// <see cref="WidgetContract"/> and the products the agent console offers.
/// </summary>
public static class FakeEmbedScript
{
    private const string ContractSlot = "/*@CONTRACT@*/ null";
    private const string ProductsSlot = "/*@PRODUCTS@*/ []";

    /// <summary>
    /// The parts of the script, each a file of its own (embed.&lt;part&gt;.js) inserted into
    /// embed.js's scope at its <c>/*@PART:name@*/</c> slot, in this order.
    /// </summary>
    public static IReadOnlyList<string> Parts { get; } = ["cart", "products", "checkout", "instance", "ui"];

    /// <summary>The script source as shipped, its parts in place, before the contract is generated into it.</summary>
    public static string Template { get; } = Parts.Aggregate(
        EmbeddedAsset.Read("embed.js"),
        (script, part) => script.Replace($"/*@PART:{part}@*/", EmbeddedAsset.Read($"embed.{part}.js"), StringComparison.Ordinal));

    /// <summary>The script with the contract and <paramref name="products"/> filled in.</summary>
    public static string Render(IEnumerable<Product> products)
    {
        var offered = products.Select(p => new { sku = p.Sku, name = p.Name });
        return Template
            .Replace(ContractSlot, WidgetContract.ToJavaScriptObject(), StringComparison.Ordinal)
            .Replace(ProductsSlot, JsonSerializer.Serialize(offered), StringComparison.Ordinal);
    }
}

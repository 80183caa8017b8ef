using System.Text.Json;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

/// <summary>Reads the merchant's native cart in the page through a JavaScript expression.</summary>
public static class NativeCartProbe
{
    /// <summary>The sample backend's cart, as GET /cart reports it for this session.</summary>
    public const string SampleBackend =
        "fetch('/cart', { credentials: 'same-origin' }).then(r => r.json()).then(c => c.items.map(i => ({ sku: i.sku, quantity: i.quantity })))";

    /// <exception cref="SimulatorException">The expression failed or did not give [{ sku, quantity }].</exception>
    public static async Task<IReadOnlyList<(string Sku, int Quantity)>> ReadAsync(IPage page, string expression)
    {
        string json;
        try
        {
            json = await page.EvaluateAsync<string>($"async () => JSON.stringify(await ({expression}))");
        }
        catch (PlaywrightException ex)
        {
            throw new SimulatorException($"--cart-probe failed: {ex.Message.Split('\n')[0]}", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(json ?? "null");
            return document.RootElement.EnumerateArray()
                .Select(line => (line.GetProperty("sku").GetString()!, line.GetProperty("quantity").GetInt32()))
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new SimulatorException($"--cart-probe must give [{{ sku, quantity }}], gave {json}", ex);
        }
    }

    /// <summary>The sample shop's native cart for this context's session, straight from its API (no page needed).</summary>
    /// <exception cref="SimulatorException">The shop did not answer GET /cart with a cart.</exception>
    public static async Task<IReadOnlyList<(string Sku, int Quantity)>> ReadSampleShopAsync(IBrowserContext context, SimulatorServer shop)
    {
        var response = await context.APIRequest.GetAsync(shop.Url("cart").ToString());
        if (!response.Ok)
        {
            throw new SimulatorException($"GET {response.Url} answered HTTP {response.Status}: {await response.TextAsync()}");
        }

        var cart = await response.JsonAsync();
        return cart!.Value.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("quantity").GetInt32()))
            .ToList();
    }

    public static string Describe(IReadOnlyList<(string Sku, int Quantity)> cart) =>
        cart.Count == 0 ? "an empty native cart" : "native cart [" + string.Join(", ", cart.Select(l => $"{l.Sku} × {l.Quantity}")) + "]";
}

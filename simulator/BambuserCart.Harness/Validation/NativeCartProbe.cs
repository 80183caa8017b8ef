using System.Globalization;
using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Hosting;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

/// <summary>Reads the merchant's native cart in the page through a JavaScript expression.</summary>
internal static class NativeCartProbe
{
    /// <summary>The sample backend's cart, as GET /cart reports it for this session.</summary>
    /// <summary>How long a probe may take: reading a cart is one request.</summary>
    public static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(10);

    public const string SampleBackend =
        "fetch('/cart', { credentials: 'same-origin' }).then(r => r.json()).then(c => c.items.map(i => ({ sku: i.sku, quantity: i.quantity })))";

    /// <summary>Runs the probe as the harness's own work (its requests are not the merchant's) and reads [{ sku, quantity }].</summary>
    /// <exception cref="SimulatorException">The expression failed or did not give [{ sku, quantity }]; the message says which.</exception>
    public static async Task<IReadOnlyList<CartItem>> ReadAsync(IPage page, string expression)
    {
        string? json;
        try
        {
            json = await page.EvaluateAsync<string?>(PageEvidenceReader.ByHarness(expression)).WaitAsync(ProbeBound);
        }
        catch (TimeoutException ex)
        {
            throw new SimulatorException($"it did not finish within {ProbeBound.TotalSeconds:0} s (a promise that never settles, or a stuck page)", ex);
        }
        catch (PlaywrightException ex)
        {
            throw new SimulatorException($"it failed in the page: {ex.Message.Split('\n')[0].Trim()}", ex);
        }

        return Parse(json);
    }

    /// <summary>The sample shop's native cart for this context's session, straight from its API (no page needed).</summary>
    /// <exception cref="SimulatorException">The shop did not answer GET /cart with a cart.</exception>
    public static async Task<IReadOnlyList<CartItem>> ReadSampleShopAsync(IBrowserContext context, SimulatorServer shop)
    {
        var response = await context.APIRequest.GetAsync(shop.Url("cart").ToString());
        if (!response.Ok)
        {
            throw new SimulatorException($"GET {response.Url} answered HTTP {response.Status}: {await response.TextAsync()}");
        }

        var cart = await response.JsonAsync();
        return cart!.Value.GetProperty("items").EnumerateArray()
            .Select(i => new CartItem(i.GetProperty("sku").GetString()!, i.GetProperty("quantity").GetInt32()))
            .ToList();
    }

    public static string Describe(IReadOnlyList<CartItem> cart) =>
        cart.Count == 0 ? "an empty native cart" : "native cart [" + string.Join(", ", cart.Select(l => $"{l.Sku} × {l.Quantity}")) + "]";

    /// <summary>The quantity of <paramref name="sku"/> over all its lines (0: none).</summary>
    public static int QuantityOf(IReadOnlyList<CartItem> cart, string sku) => cart.Where(l => l.Sku == sku).Sum(l => l.Quantity);

    // Lenient where merchants' APIs differ harmlessly (a quantity sent as "2"), strict on the rest.
    private static List<CartItem> Parse(string? json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? "null");
        }
        catch (JsonException ex)
        {
            throw new SimulatorException($"it must give [{{ sku, quantity }}], gave something that is not JSON: {Shorten(json)}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new SimulatorException($"it must give an array [{{ sku, quantity }}], gave {Shorten(root.GetRawText())}");
            }

            var lines = new List<CartItem>();
            var index = 0;
            foreach (var line in root.EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.Object
                    || !line.TryGetProperty("sku", out var sku) || sku.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
                    || !line.TryGetProperty("quantity", out var quantity) || Quantity(quantity) is not { } count)
                {
                    throw new SimulatorException($"it must give [{{ sku, quantity }}] with a string sku and a whole quantity; item [{index}] is {Shorten(line.GetRawText())}");
                }

                lines.Add(new CartItem(sku.ValueKind == JsonValueKind.String ? sku.GetString()! : sku.GetRawText(), count));
                index++;
            }

            return lines;
        }
    }

    private static int? Quantity(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static string Shorten(string? text) => text is null ? "nothing" : text.Length <= 120 ? text : text[..120] + "…";
}

using System.Text.Json;

namespace BambuserCart.Simulator.Cart;

/// <summary>
/// The body of a cart POST. Parsed from the raw body as JSON whatever the Content-Type, because the
/// Cart integration page's own example <c>fetch</c> sends JSON with no Content-Type at all; a form
/// (URL-encoded or multipart, as a classic shop's cart form posts it) is read by its fields.
/// </summary>
internal sealed record CartRequest(string Sku, int? Quantity)
{
    public static async Task<(CartRequest? Request, CartError? Error)> ReadAsync(HttpRequest request)
    {
        // Kept, so that a form can be read again as one after its text has been looked at.
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        // jQuery's $.ajax labels a JSON string it posts as a form: JSON text is JSON whatever its label.
        if (request.HasFormContentType && !body.TrimStart().StartsWith('{'))
        {
            request.Body.Position = 0;
            return Read(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, CartError.BadRequest("body: expected a JSON object like {\"sku\":\"...\",\"quantity\":1}, got an empty body"));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            return (null, CartError.BadRequest($"body: not valid JSON ({ex.Message})"));
        }
    }

    private static (CartRequest? Request, CartError? Error) Read(IFormCollection form)
    {
        var sku = form["sku"].ToString();
        if (string.IsNullOrWhiteSpace(sku))
        {
            return (null, CartError.BadRequest("sku: expected a non-empty form field"));
        }

        var text = form["quantity"].ToString();
        if (text.Length == 0)
        {
            return (new CartRequest(sku, null), null);
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var quantity))
        {
            return (null, CartError.BadRequest($"quantity: expected a whole number, got '{text}'"));
        }

        return quantity < 0
            ? (null, CartError.BadRequest($"quantity: must not be negative, got {quantity}"))
            : (new CartRequest(sku, quantity), null);
    }

    private static (CartRequest? Request, CartError? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, CartError.BadRequest($"body: expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}"));
        }

        if (!root.TryGetProperty("sku", out var sku) || sku.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(sku.GetString()))
        {
            return (null, CartError.BadRequest("sku: expected a non-empty string"));
        }

        int? quantity = null;
        if (root.TryGetProperty("quantity", out var q) && q.ValueKind != JsonValueKind.Null)
        {
            if (q.ValueKind != JsonValueKind.Number || !q.TryGetInt32(out var value))
            {
                return (null, CartError.BadRequest($"quantity: expected a whole number, got {q.GetRawText()}"));
            }

            if (value < 0)
            {
                return (null, CartError.BadRequest($"quantity: must not be negative, got {value}"));
            }

            quantity = value;
        }

        return (new CartRequest(sku.GetString()!, quantity), null);
    }
}

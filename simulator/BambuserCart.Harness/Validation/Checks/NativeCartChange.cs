using BambuserCart.Contract;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// Whether the native cart changed by what the widget did, and by nothing else: the event's SKU to
/// its new quantity, every line the shopper already had as it was. Judging only the SKU's own line
/// would pass a handler that adds two, or one that replaces the whole cart with the agent's line
/// and loses what the shopper put there before the call.
/// </summary>
/// <remarks>
/// A line of another SKU that appears is not held against the event: a shop may add its own lines
/// with a product (a gift, shipping protection). It is named in <see cref="Extra"/>.
/// </remarks>
internal sealed record NativeCartChange(string? Wrong, string? Extra)
{
    /// <summary>True when the SKU's line and every earlier line are as expected.</summary>
    public bool Mirrored => Wrong is null;

    /// <param name="before">The native cart before the event.</param>
    /// <param name="after">The native cart once the event's requests were answered.</param>
    /// <param name="sku">The SKU the event changed.</param>
    /// <param name="expected">Its quantity the widget now shows (0: removed).</param>
    public static NativeCartChange Of(
        IReadOnlyList<CartItem> before,
        IReadOnlyList<CartItem> after,
        string sku,
        int expected)
    {
        var wrong = new List<string>();
        var actual = NativeCartProbe.QuantityOf(after, sku);
        if (actual != expected)
        {
            wrong.Add(actual == 0 ? $"'{sku}' is not in it (expected × {expected})" : $"'{sku}' × {actual} (expected × {expected})");
        }

        foreach (var other in before.Select(l => l.Sku).Where(s => s != sku).Distinct(StringComparer.Ordinal))
        {
            var was = NativeCartProbe.QuantityOf(before, other);
            var now = NativeCartProbe.QuantityOf(after, other);
            if (now != was)
            {
                wrong.Add(now == 0 ? $"'{other}' × {was}, a line the event did not touch, is gone" : $"'{other}', a line the event did not touch, went from × {was} to × {now}");
            }
        }

        var appeared = after.Select(l => l.Sku).Where(s => s != sku && NativeCartProbe.QuantityOf(before, s) == 0).Distinct(StringComparer.Ordinal)
            .Select(s => $"'{s}' × {NativeCartProbe.QuantityOf(after, s)}")
            .ToList();
        return new NativeCartChange(
            wrong.Count == 0 ? null : string.Join("; ", wrong),
            appeared.Count == 0 ? null : $"{string.Join(", ", appeared)} appeared beside it (not held against the event: a shop may add its own lines)");
    }
}

namespace BambuserCart.Contract;

/// <summary>
/// A cart line as the two carts are compared: the SKU and how many. A scenario's expected widget
/// and native carts, what a cart probe reads from the merchant's page, and the native cart a
/// scenario starts from are all lists of these; the widget's own line also carries its product
/// name (<see cref="WidgetCartLine"/>).
/// </summary>
public sealed record CartItem(string Sku, int Quantity)
{
    public override string ToString() => $"{Sku} × {Quantity}";
}

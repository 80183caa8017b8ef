namespace BambuserCart.Simulator.Cart;

/// <summary>One line of the native cart as the API returns it.</summary>
public sealed record CartLine(string Sku, string Name, int Quantity, decimal Price);

/// <summary>The body of every successful cart response: <c>{ items: [...] }</c>.</summary>
internal sealed record CartView(IReadOnlyList<CartLine> Items);

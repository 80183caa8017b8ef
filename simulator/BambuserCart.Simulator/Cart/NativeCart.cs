using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Simulator.Cart;

/// <summary>
/// One session's native cart. Quantities are checked against catalog stock on every change,
/// so an agent raising a low-stock line past what is left gets <c>out-of-stock</c>.
/// </summary>
internal sealed class NativeCart
{
    private readonly Lock gate = new();

    // Insertion order is kept so the cart reads in the order the agent added things.
    private readonly List<(string Sku, int Quantity)> lines = [];
    private readonly ProductCatalog catalog;

    public NativeCart(ProductCatalog catalog) => this.catalog = catalog;

    public CartView View()
    {
        lock (gate)
        {
            return new CartView(lines.Select(l => ToLine(l.Sku, l.Quantity)).ToList());
        }
    }

    /// <summary>Adds <paramref name="quantity"/> to the line (creating it).</summary>
    public CartError? Add(string sku, int quantity)
    {
        if (quantity < 1)
        {
            return CartError.BadRequest("quantity: must be a whole number of at least 1 for /cart/add");
        }

        lock (gate)
        {
            // In long: a huge quantity onto an existing line must not wrap around past the stock check.
            var wanted = (long)QuantityOf(sku) + quantity;
            return SetLocked(sku, (int)Math.Min(wanted, int.MaxValue));
        }
    }

    /// <summary>Sets the line to an absolute quantity; 0 removes it.</summary>
    public CartError? Update(string sku, int quantity)
    {
        if (quantity < 0)
        {
            return CartError.BadRequest("quantity: must be a whole number of 0 or more for /cart/update");
        }

        lock (gate)
        {
            return SetLocked(sku, quantity);
        }
    }

    /// <summary>Removes the line. Removing a line that is not there succeeds: the cart already holds none.</summary>
    public CartError? Remove(string sku)
    {
        if (catalog.Find(sku) is null)
        {
            return CartError.UnknownSku(sku);
        }

        lock (gate)
        {
            lines.RemoveAll(l => l.Sku == sku);
            return null;
        }
    }

    /// <summary>Replaces the whole cart, for seeding a scenario; checks every line like a request would.</summary>
    public CartError? Seed(IEnumerable<(string Sku, int Quantity)> seed)
    {
        lock (gate)
        {
            lines.Clear();
            foreach (var (sku, quantity) in seed)
            {
                if (SetLocked(sku, quantity) is { } error)
                {
                    return error;
                }
            }

            return null;
        }
    }

    private CartError? SetLocked(string sku, int quantity)
    {
        var product = catalog.Find(sku);
        if (product is null)
        {
            return CartError.UnknownSku(sku);
        }

        if (quantity > product.Stock)
        {
            var detail = product.Stock == 0
                ? $"\"{sku}\" is out of stock"
                : $"only {product.Stock} of \"{sku}\" in stock, {quantity} requested";
            return CartError.OutOfStock(sku, detail);
        }

        var index = lines.FindIndex(l => l.Sku == sku);
        if (quantity == 0)
        {
            if (index >= 0)
            {
                lines.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            lines[index] = (sku, quantity);
        }
        else
        {
            lines.Add((sku, quantity));
        }

        return null;
    }

    private int QuantityOf(string sku) => lines.FirstOrDefault(l => l.Sku == sku).Quantity;

    private CartLine ToLine(string sku, int quantity)
    {
        var product = catalog.Find(sku)!;
        return new CartLine(sku, product.Name, quantity, product.Price);
    }
}

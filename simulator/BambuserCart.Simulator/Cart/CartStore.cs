using System.Collections.Concurrent;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Simulator.Cart;

/// <summary>Native carts by session id. In memory: a restart of the host empties every cart.</summary>
internal sealed class CartStore
{
    private readonly ConcurrentDictionary<string, NativeCart> carts = new(StringComparer.Ordinal);
    private readonly ProductCatalog catalog;

    public CartStore(ProductCatalog catalog) => this.catalog = catalog;

    public NativeCart For(string sessionId) => carts.GetOrAdd(sessionId, _ => new NativeCart(catalog));
}

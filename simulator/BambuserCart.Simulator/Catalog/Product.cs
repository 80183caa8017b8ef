namespace BambuserCart.Simulator.Catalog;

/// <summary>A sellable variation in the sample shop; <see cref="Sku"/> is what cart events carry.</summary>
public sealed record Product(string Sku, string Name, decimal Price, int Stock);

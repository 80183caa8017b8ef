namespace BambuserCart.Simulator.Cart;

/// <summary>
/// A refused cart request. <see cref="Code"/> is the fixed <c>error</c> value of the JSON body
/// (<c>out-of-stock</c>, <c>unknown-sku</c>, <c>bad-request</c>), which merchant integrations branch on.
/// </summary>
internal sealed record CartError(int Status, string Code, string? Sku = null, string? Detail = null)
{
    public static CartError OutOfStock(string sku, string detail) => new(StatusCodes.Status409Conflict, "out-of-stock", sku, detail);

    public static CartError UnknownSku(string sku) => new(StatusCodes.Status404NotFound, "unknown-sku", sku, $"no product with SKU \"{sku}\" in the catalog");

    public static CartError BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "bad-request", Detail: detail);
}

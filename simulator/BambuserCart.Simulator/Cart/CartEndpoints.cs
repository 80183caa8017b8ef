namespace BambuserCart.Simulator.Cart;

/// <summary>
/// The native cart API (docs/fake-widget.md, "The sample shop's native cart"): <c>POST /cart/add</c>, <c>/cart/update</c>,
/// <c>/cart/remove</c> and <c>GET /cart</c>, named after the Cart integration page's example comments.
/// </summary>
internal static class CartEndpoints
{
    public static void MapCartApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cart", (HttpContext context, CartStore store) =>
            Results.Json(store.For(ShopSession.Read(context)!).View()));

        app.MapPost("/cart/add", (HttpContext context, CartStore store) =>
            ChangeAsync(context, store, (cart, request) => cart.Add(request.Sku, request.Quantity ?? 1)));

        app.MapPost("/cart/update", (HttpContext context, CartStore store) =>
            ChangeAsync(context, store, (cart, request) => request.Quantity is { } quantity
                ? cart.Update(request.Sku, quantity)
                : CartError.BadRequest("quantity: required for /cart/update (the absolute quantity; 0 removes the line)")));

        app.MapPost("/cart/remove", (HttpContext context, CartStore store) =>
            ChangeAsync(context, store, (cart, request) => cart.Remove(request.Sku)));
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, CartStore store, Func<NativeCart, CartRequest, CartError?> change)
    {
        if (ShopSession.Read(context) is not { } session)
        {
            return ErrorResult(CartError.BadRequest(
                $"session: no '{ShopSession.CookieName}' cookie; load a shop page or GET /cart first so the cart has an owner"));
        }

        var (request, parseError) = await CartRequest.ReadAsync(context.Request);
        if (parseError is not null)
        {
            return ErrorResult(parseError);
        }

        var cart = store.For(session);
        return change(cart, request!) is { } error ? ErrorResult(error) : Results.Json(cart.View());
    }

    private static IResult ErrorResult(CartError error)
    {
        var body = new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = error.Code };
        if (error.Sku is not null)
        {
            body["sku"] = error.Sku;
        }

        if (error.Detail is not null)
        {
            body["detail"] = error.Detail;
        }

        return Results.Json(body, statusCode: error.Status);
    }
}

using System.Security.Cryptography;

namespace BambuserCart.Simulator.Cart;

/// <summary>
/// The session cookie that owns a native cart. Any GET to the shop hands one out, the way a
/// storefront does on first visit; cart changes without one are refused rather than silently
/// starting a cart nobody can see.
/// </summary>
internal static class ShopSession
{
    public const string CookieName = "bambuser_cart_session";

    public static string? Read(HttpContext context)
    {
        var value = context.Request.Cookies[CookieName];
        return string.IsNullOrWhiteSpace(value) || value.Length > 64 ? null : value;
    }

    /// <summary>Middleware: give every GET without a session a fresh one.</summary>
    public static async Task EnsureOnGetAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method) && Read(context) is null)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Response.Cookies.Append(CookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            });

            // Requests later in this pipeline (GET /cart) see the session straight away.
            context.Request.Headers.Cookie = $"{CookieName}={id}";
        }

        await next(context);
    }
}

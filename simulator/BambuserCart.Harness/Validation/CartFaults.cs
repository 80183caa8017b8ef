using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

public enum CartFault
{
    None,
    Http500,
    NetworkError,
}

/// <summary>
/// Makes the merchant's native cart backend fail on demand: requests matching the cart API glob
/// get an HTTP 500 or a network error while a fault is switched on.
/// </summary>
public sealed class CartFaults
{
    private int faulted;

    private CartFaults()
    {
    }

    public CartFault Mode { get; set; }

    /// <summary>How many requests got a fault since the last <see cref="Switch"/>.</summary>
    public int Faulted => Volatile.Read(ref faulted);

    public static async Task<CartFaults> InstallAsync(IBrowserContext context, string glob)
    {
        var faults = new CartFaults();
        await context.RouteAsync(glob, faults.RouteAsync);
        return faults;
    }

    public void Switch(CartFault mode)
    {
        Mode = mode;
        Interlocked.Exchange(ref faulted, 0);
    }

    private async Task RouteAsync(IRoute route)
    {
        try
        {
            await HandleAsync(route);
        }
        catch (PlaywrightException)
        {
            // The page went away with the request in flight (see OfflineContext): nothing to answer.
        }
    }

    private async Task HandleAsync(IRoute route)
    {
        switch (Mode)
        {
            case CartFault.Http500:
                Interlocked.Increment(ref faulted);
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 500,
                    ContentType = "application/json",
                    Body = """{"error":"injected-failure","detail":"bambuser-cart validate: simulated backend failure"}""",
                });
                break;
            case CartFault.NetworkError:
                Interlocked.Increment(ref faulted);
                await route.AbortAsync("failed");
                break;
            default:
                await route.FallbackAsync();
                break;
        }
    }
}

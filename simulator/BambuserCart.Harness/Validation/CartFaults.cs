using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// Puts the merchant's native cart backend in a condition on demand: requests matching the cart
/// API glob get an HTTP 500, a network error, or a late answer while a fault is switched on. A
/// base latency, when set, delays every matching request in every condition.
/// </summary>
internal sealed class CartFaults
{
    private readonly TimeSpan latency;
    private readonly TimeSpan slowDelay;
    private readonly bool routed;
    private int faulted;

    private CartFaults(CartApiPattern pattern, TimeSpan latency, TimeSpan slowDelay, bool routed)
    {
        Pattern = pattern;
        this.latency = latency;
        this.slowDelay = slowDelay;
        this.routed = routed;
    }

    public CartApiPattern Pattern { get; }

    public BackendCondition Mode { get; private set; }

    /// <summary>How many requests met the fault since the last <see cref="Switch"/>.</summary>
    public int Faulted => Volatile.Read(ref faulted);

    /// <summary>How late a <see cref="BackendCondition.Slow"/> answer comes (on top of any base latency).</summary>
    public TimeSpan SlowDelay => slowDelay;

    /// <param name="latency">Delays every matching request (to check that a verdict holds on a slow network).</param>
    /// <param name="slowDelay">The extra delay of <see cref="BackendCondition.Slow"/>.</param>
    public static async Task<CartFaults> InstallAsync(IBrowserContext context, CartApiPattern pattern, TimeSpan latency = default, TimeSpan slowDelay = default)
    {
        var faults = new CartFaults(pattern, latency, slowDelay, routed: true);
        await context.RouteAsync(pattern.Glob, faults.RouteAsync);
        return faults;
    }

    /// <summary>
    /// The backend of a run that puts it in no condition: no route, so its cart requests go straight
    /// to it instead of each waiting for a round trip to this process only to be let through.
    /// </summary>
    public static CartFaults Untouched(CartApiPattern pattern) => new(pattern, TimeSpan.Zero, TimeSpan.Zero, routed: false);

    /// <exception cref="InvalidOperationException">A fault on an <see cref="Untouched"/> backend, which no request would meet.</exception>
    public void Switch(BackendCondition mode)
    {
        if (!routed && mode != BackendCondition.Ok)
        {
            throw new InvalidOperationException($"the cart backend was set up untouched, so the fault '{mode.Wire()}' would meet no request");
        }

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
        // Read once: the fault a request meets is the one on when it arrived.
        var mode = Mode;
        if (mode != BackendCondition.Ok)
        {
            Interlocked.Increment(ref faulted);
        }

        var delay = latency + (mode == BackendCondition.Slow ? slowDelay : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            // Injected backend latency: the point of this delay is to be slow, not to wait for anything.
            await Task.Delay(delay);
        }

        switch (mode)
        {
            case BackendCondition.Http500:
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 500,
                    ContentType = "application/json",
                    Body = """{"error":"injected-failure","detail":"bambuser-cart: simulated backend failure"}""",
                });
                break;
            case BackendCondition.NetworkError:
                await route.AbortAsync("failed");
                break;
            default:
                await route.FallbackAsync();
                break;
        }
    }
}

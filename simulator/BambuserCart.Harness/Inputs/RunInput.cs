namespace BambuserCart.Harness.Inputs;

/// <summary>
/// An input a run takes, that a message may have to name ("pass a cart probe", "the SKU must not be
/// empty"). Messages name it through <see cref="InputNames"/>: a merchant's test reads the property
/// it set (<c>CartProbe</c>), the command line reads its option (<c>--cart-probe</c>).
/// </summary>
public enum RunInput
{
    /// <summary>The page, file or URL a run is aimed at.</summary>
    Target,

    /// <summary>Serving the sample shop's backend beside a local file.</summary>
    SampleBackend,

    /// <summary>In-stock SKUs of the merchant's catalog.</summary>
    Sku,

    OutOfStockSku,

    UnknownSku,

    ProductUrl,

    CartProbe,

    /// <summary>The URL glob of the cart backend's requests.</summary>
    CartApi,

    CartLatency,

    CallbackTimeout,

    /// <summary>The bound on a whole run.</summary>
    MaxTime,

    /// <summary>Failing a run on a required check that was not proven.</summary>
    Strict,

    /// <summary>A <c>path=value</c> change to a loaded scenario.</summary>
    Override,

    /// <summary>Replacing an existing file.</summary>
    Overwrite,

    Port,

    /// <summary>A Chromium or Chrome executable to launch.</summary>
    Browser,

    /// <summary>A Playwright browser server to drive instead of launching.</summary>
    Connect,

    Runs,

    Steps,

    TimeBudget,
}

using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Validation;

/// <summary>The options of one <c>validate</c> run (see the command's --help for each).</summary>
public sealed record ValidationSettings
{
    private readonly TimeSpan? eventEndBound;

    /// <summary>The orgId the affiliation must name; null takes the one the page gave the widget.</summary>
    public string? OrgId { get; init; }

    /// <summary>In-stock SKUs to add; the first is used for add/update/remove.</summary>
    public IReadOnlyList<string> Skus { get; init; } = [];

    public string? OutOfStockSku { get; init; }

    /// <summary>A SKU the shop does not sell; add.unknown-sku adds it. Null: <see cref="DefaultUnknownSku"/>.</summary>
    public string? UnknownSku { get; init; }

    /// <summary>A product page URL on the target's origin, for product.hydration's lookup by URL. Null: the sample backend's page for the first SKU, or a URL target's own page.</summary>
    public string? ProductUrl { get; init; }

    /// <summary>The SKU add.unknown-sku tries when none is given: no shop sells it.</summary>
    public const string DefaultUnknownSku = "BAMBUSER-CART-NO-SUCH-SKU";

    /// <summary>Mount the sample native cart API and catalog on a local target's origin.</summary>
    public bool SampleBackend { get; init; }

    /// <summary>A JavaScript expression that evaluates (or resolves) to the native cart as [{ sku, quantity }].</summary>
    public string? CartProbe { get; init; }

    /// <summary>Which requests are the native cart backend, for fault injection.</summary>
    public string CartApi { get; init; } = CartApiPattern.DefaultGlob;

    /// <summary>Delays every cart API response by this much, to check that the verdict holds on a slow backend.</summary>
    public int CartLatencyMs { get; init; }

    /// <summary>The longest --cart-latency: a minute per cart answer.</summary>
    public const int MaxCartLatencyMs = 60_000;

    /// <summary>A required check that could not be proven (skipped) fails the run (exit 1).</summary>
    public bool Strict { get; init; }

    /// <summary>The longest callback timeout a run takes: every unanswered event waits this long.</summary>
    public const int MaxCallbackTimeoutMs = 600_000;

    /// <summary>The widget's callback timeout for the run; callback.timely fails past it.</summary>
    public int CallbackTimeoutMs { get; init; } = 5_000;

    /// <summary>The longest --max-time: a day.</summary>
    public const int MaxRunSecondsLimit = Scenarios.RunBound.MaxSecondsLimit;

    /// <summary>
    /// The whole run's bound, in seconds. Every call into a page is bounded already, but many slow
    /// events add up: past this the check being judged fails by name, the checks not yet run are
    /// not proven, and the run ends with its reports.
    /// </summary>
    public int MaxRunSeconds { get; init; } = 900;

    /// <summary>Run only these checks (empty: all).</summary>
    public IReadOnlySet<CheckId> OnlyChecks { get; init; } = new HashSet<CheckId>();

    public IReadOnlySet<CheckId> SkippedChecks { get; init; } = new HashSet<CheckId>();

    /// <summary>Record a Playwright trace of the run (kept when a required check fails).</summary>
    public bool RecordTrace { get; init; }

    /// <summary>Hosts besides this machine that a URL target may load from (its own host is always allowed).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <exception cref="ValidationInputException">A value out of range, or contradictory options.</exception>
    public void Check()
    {
        if (MaxRunSeconds is < 1 or > MaxRunSecondsLimit)
        {
            throw new ValidationInputException($"{RunInput.MaxTime.Named()}: must be from 1 to {MaxRunSecondsLimit} s, got {MaxRunSeconds}");
        }

        if (CallbackTimeoutMs is < 1 or > MaxCallbackTimeoutMs)
        {
            throw new ValidationInputException($"{RunInput.CallbackTimeout.Named()}: must be from 1 to {MaxCallbackTimeoutMs} ms (the real widget waits 30000), got {CallbackTimeoutMs}");
        }

        if (Skus.Any(string.IsNullOrWhiteSpace))
        {
            throw new ValidationInputException($"{RunInput.Sku.Named()}: a SKU must not be empty");
        }

        if (ProductUrl is not null && !(Uri.TryCreate(ProductUrl, UriKind.Absolute, out var productUrl) && productUrl.Scheme is "http" or "https") && !ProductUrl.StartsWith('/'))
        {
            throw new ValidationInputException($"{RunInput.ProductUrl.Named()}: expected an http(s) URL or a path on the target's origin, got '{ProductUrl}'");
        }

        if (UnknownSku is not null && string.IsNullOrWhiteSpace(UnknownSku))
        {
            throw new ValidationInputException($"{RunInput.UnknownSku.Named()}: must not be empty");
        }

        if (string.IsNullOrWhiteSpace(CartApi))
        {
            throw new ValidationInputException($"{RunInput.CartApi.Named()}: must not be empty (default '**/cart/**')");
        }

        // Time a cart request waits for its answer does not count against the callback timeout, so
        // the latency may be longer than --timeout.
        if (CartLatencyMs is < 0 or > MaxCartLatencyMs)
        {
            throw new ValidationInputException($"{RunInput.CartLatency.Named()}: must be from 0 to {MaxCartLatencyMs} ms, got {CartLatencyMs}");
        }
    }

    /// <summary>How late the slow backend answers: well below the callback timeout, 400 ms at most.</summary>
    public int SlowBackendMs => Math.Clamp(CallbackTimeoutMs / 4, 1, 400);

    /// <summary>
    /// How long after its answer an event may keep the page busy (its requests, short timers)
    /// before the run moves on: at least 2 s, and more than the delays this run adds to every cart
    /// answer (<see cref="CartLatencyMs"/>, <see cref="SlowBackendMs"/>) on top of the callback timeout.
    /// </summary>
    /// <remarks>Tests set it short, to have a request outlast it.</remarks>
    internal TimeSpan EventEndBound
    {
        get => eventEndBound ?? TimeSpan.FromMilliseconds(Math.Max(2_000, CallbackTimeoutMs + CartLatencyMs + SlowBackendMs));
        init => eventEndBound = value;
    }

    /// <summary>
    /// How long an event's own requests may wait for their answers: the real widget's 30 s. That
    /// time does not count against the callback timeout, and the native cart is judged only once
    /// they are answered; a request still unanswered after it leaves the native-cart checks not
    /// proven, never failed or passed on a cart read mid-request.
    /// </summary>
    /// <remarks>Tests set it short, to have a request outlast it.</remarks>
    internal TimeSpan RequestWaitLimit { get; init; } = TimeSpan.FromMilliseconds(WidgetContract.DefaultCallbackTimeoutMs);

    /// <summary>
    /// How long a started widget's page is given to register the handlers validate requires (both
    /// cart events and goto-checkout) before its first event (<see cref="WidgetDriver.CartHandlersBound"/>).
    /// </summary>
    /// <remarks>Tests set it short, for a page that never registers them.</remarks>
    internal TimeSpan HandlersBound { get; init; } = WidgetDriver.CartHandlersBound;

    /// <summary>The SKU add.unknown-sku tries.</summary>
    public string UnknownSkuOrDefault => UnknownSku ?? DefaultUnknownSku;

    public bool Selected(CheckId id) => (OnlyChecks.Count == 0 || OnlyChecks.Contains(id)) && !SkippedChecks.Contains(id);
}

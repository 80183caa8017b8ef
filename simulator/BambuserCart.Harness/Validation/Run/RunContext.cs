using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Evidence;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>What every part of one validation run shares: where to open fresh pages, the options, the verdicts so far and the log.</summary>
internal sealed record RunContext(
    BrowserSession Browser,
    string EmbedScript,
    IReadOnlyList<string> AllowedHosts,
    string PageUrl,
    ValidationSettings Settings,
    Verdicts Verdicts,
    RunLog Log)
{
    /// <summary>
    /// The cart API pattern is known to be right (the sample backend with the default glob): a
    /// callback(true) without a request to it is then a failure, not a sign of a wrong pattern.
    /// </summary>
    public bool CartApiKnown { get; init; }

    /// <summary>The sample backend serves the target's cart, catalog and product pages.</summary>
    public bool UsesSampleBackend { get; init; }

    public CartApiPattern Cart { get; } = new(Settings.CartApi);

    public Uri PageUri { get; } = new(PageUrl);

    /// <summary>The SKU added, updated and removed.</summary>
    public string Sku => Settings.Skus[0];

    public bool HasProbe => Settings.CartProbe is not null;

    /// <summary>
    /// Whether a fresh page still waits for the cart handlers before its first event: true until a
    /// page of this run went the whole bound without them, so a page that never registers them
    /// costs the wait once, not on every family's page.
    /// </summary>
    public bool AwaitCartHandlers { get; set; } = true;

    /// <inheritdoc cref="ValidationSettings.EventEndBound"/>
    public TimeSpan EventEndBound => Settings.EventEndBound;

    /// <inheritdoc cref="ValidationSettings.RequestWaitLimit"/>
    public TimeSpan RequestWaitLimit => Settings.RequestWaitLimit;
}

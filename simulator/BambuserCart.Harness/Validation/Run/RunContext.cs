using System.Diagnostics;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Inputs;

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
    private readonly Stopwatch clock = Stopwatch.StartNew();

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
    /// Whether a page still waits for the required handlers before its first event: true until a
    /// page of this run went the whole bound without one, so a page that never registers it costs
    /// the wait once, not on every family's page.
    /// </summary>
    public bool AwaitHandlers { get; set; } = true;

    /// <summary>Time since the run began (it begins when this context is made).</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>What is left of --max-time; zero or less once it is over.</summary>
    public TimeSpan Remaining => TimeSpan.FromSeconds(Settings.MaxRunSeconds) - clock.Elapsed;

    /// <summary>Why checks were cut short or not run once <see cref="Remaining"/> is over.</summary>
    public string OutOfTime => $"the run reached its {RunInput.MaxTime.Named()} of {Settings.MaxRunSeconds} s";

    /// <inheritdoc cref="ValidationSettings.EventEndBound"/>
    public TimeSpan EventEndBound => Settings.EventEndBound;

    /// <inheritdoc cref="ValidationSettings.RequestWaitLimit"/>
    public TimeSpan RequestWaitLimit => Settings.RequestWaitLimit;
}

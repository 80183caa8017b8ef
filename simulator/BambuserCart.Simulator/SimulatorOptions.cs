namespace BambuserCart.Simulator;

/// <summary>How the simulator host is set up. The defaults serve the built-in sample shop.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The fixtures copied beside the binaries at build time.</summary>
    public static string DefaultFixturesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>Folder holding <c>catalog.json</c> and <c>integrations/</c>.</summary>
    public string FixturesDirectory { get; init; } = DefaultFixturesDirectory;

    /// <summary>The orgId the sample shop's integration gives the widget (and puts in GTM affiliation).</summary>
    public string OrgId { get; init; } = "sample-org";

    /// <summary>
    /// A merchant's own folder to serve at <c>/</c> instead of the sample shop's pages (for
    /// validating a local page or script). Null serves the sample shop.
    /// </summary>
    public string? MerchantSiteDirectory { get; init; }

    /// <summary>
    /// A script in <see cref="MerchantSiteDirectory"/> to wrap in a blank host page at
    /// <see cref="HostPagePath"/>, for validating a bare integration script.
    /// </summary>
    public string? HostedScript { get; init; }

    /// <summary>
    /// Mount the sample native cart API (<c>/cart/*</c>) and <c>/checkout</c>. Always on for the
    /// sample shop; for a merchant site, only when asked (<c>--backend sample</c>).
    /// </summary>
    public bool SampleBackend { get; init; } = true;

    /// <summary>Where the blank host page for <see cref="HostedScript"/> is served.</summary>
    public const string HostPagePath = "/__bambuser-cart/host.html";

    public string CatalogPath => Path.Combine(FixturesDirectory, "catalog.json");

    public string IntegrationsDirectory => Path.Combine(FixturesDirectory, "integrations");
}

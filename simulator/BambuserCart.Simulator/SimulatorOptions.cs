namespace BambuserCart.Simulator;

/// <summary>How the simulator host is set up. The defaults serve the built-in sample shop.</summary>
public sealed record SimulatorOptions
{
    /// <summary>
    /// Folder holding <c>catalog.json</c> and <c>integrations/</c>; null serves the sample shop's
    /// own (compiled into this assembly, so a host needs no files beside its binaries).
    /// </summary>
    public string? FixturesDirectory { get; init; }

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

    /// <summary>The catalog file; null for the built-in one.</summary>
    public string? CatalogPath => FixturesDirectory is null ? null : Path.Combine(FixturesDirectory, "catalog.json");

    /// <summary>The folder served at <c>/integrations</c>; null for the built-in reference integration.</summary>
    public string? IntegrationsDirectory => FixturesDirectory is null ? null : Path.Combine(FixturesDirectory, "integrations");

    /// <summary>The catalog these options serve: the folder's <c>catalog.json</c>, or the built-in one.</summary>
    /// <exception cref="Catalog.CatalogException">The file is missing or invalid.</exception>
    public Catalog.ProductCatalog LoadCatalog() => CatalogPath is { } path ? Catalog.ProductCatalog.Load(path) : Catalog.ProductCatalog.BuiltIn;
}

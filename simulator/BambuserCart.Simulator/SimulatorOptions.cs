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

    public string CatalogPath => Path.Combine(FixturesDirectory, "catalog.json");

    public string IntegrationsDirectory => Path.Combine(FixturesDirectory, "integrations");
}

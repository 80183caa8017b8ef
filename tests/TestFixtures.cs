namespace BambuserCart;

/// <summary>
/// The repository's <c>fixtures/</c> folder, copied beside every test project's binaries (see
/// tests/Directory.Build.props): the broken integrations, scenarios and catalog tests read.
/// The products themselves compile the sample shop's fixtures in and never read this folder.
/// </summary>
internal static class TestFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures");
}

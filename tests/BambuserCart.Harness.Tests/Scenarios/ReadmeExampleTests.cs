using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>The README's scenario example is a real, shipped file: docs that cannot drift.</summary>
public sealed partial class ReadmeExampleTests
{
    [Test]
    public void Readme_scenario_example_is_the_shipped_file_and_loads()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BambuserCart.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "the repository root (BambuserCart.sln) above the test binaries");
        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        var example = JsonBlock().Match(readme);
        Assert.That(example.Success, Is.True, "README has a ```json scenario example");

        var shippedPath = Path.Combine(root.FullName, "fixtures", "scenarios", "low-stock-reached-by-quantity.json");
        var shipped = JsonNode.Parse(File.ReadAllText(shippedPath))!.AsObject();
        shipped.Remove("description");
        var documented = JsonNode.Parse(example.Groups[1].Value)!;

        Assert.That(JsonNode.DeepEquals(documented, shipped), Is.True, "README example differs from " + shippedPath);
        Assert.That(ScenarioLoader.Parse(example.Groups[1].Value, "README.md", ProductCatalog.BuiltIn).Steps, Has.Count.EqualTo(3));
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}

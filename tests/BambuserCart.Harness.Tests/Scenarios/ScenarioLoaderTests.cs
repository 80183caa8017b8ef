using BambuserCart.Harness.Scenarios;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>Bad scenario input gets one line naming the file and the JSON path; good input loads.</summary>
public sealed class ScenarioLoaderTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.Load(new SimulatorOptions().CatalogPath);

    private const string Valid = """
        {
          "name": "n",
          "target": { "shop": { "checkout": "miniplayer" } },
          "steps": [ { "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success" } } ]
        }
        """;

    public static IEnumerable<TestCaseData> ShippedScenarios() =>
        Directory.EnumerateFiles(Path.Combine(SimulatorOptions.DefaultFixturesDirectory, "scenarios"), "*.json")
            .Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(p).SetArgDisplayNames(Path.GetFileNameWithoutExtension(p)));

    [TestCaseSource(nameof(ShippedScenarios))]
    public void Shipped_scenario_loads_and_points_editors_at_the_schema(string path)
    {
        var scenario = ScenarioLoader.Load(path, Catalog);

        Assert.That(scenario.Steps, Is.Not.Empty);
        Assert.That(File.ReadAllText(path), Does.Contain("\"$schema\": \"./scenario.schema.json\""));
    }

    [Test]
    public void At_least_twelve_scenarios_ship() => Assert.That(ShippedScenarios().Count(), Is.GreaterThanOrEqualTo(12));

    [Test]
    public void Malformed_json_names_file_and_line()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("{\n  \"name\": \"n\",\n  \"steps\": [ { \"action\": \"add\", } ]\n}"));

        Assert.That(error!.Message, Does.StartWith("s.json: line 3: not valid JSON ("));
    }

    [TestCase("""{ "action": "jump", "sku": "SHIRT-BLUE-M" }""", "s.json: $.steps[0].action: ")]
    [TestCase("""{ "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": -1 }""", "s.json: $.steps[0].quantity: ")]
    [TestCase("""{ "action": "add" }""", "s.json: $.steps[0]: ")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "ok" } }""", "s.json: $.steps[0].expect.outcome: ")]
    public void Schema_violation_names_the_json_path(string step, string expectedStart)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse($$"""{ "name": "n", "target": { "shop": {} }, "steps": [ {{step}} ] }"""));

        Assert.That(error!.Message, Does.StartWith(expectedStart));
        Assert.That(error.Message, Does.Not.Contain("\n"), "one line");
    }

    [Test]
    public void Missing_sku_says_which_property_is_required()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("""{ "name": "n", "target": { "shop": {} }, "steps": [ { "action": "remove" } ] }"""));

        Assert.That(error!.Message, Does.Contain("sku"));
    }

    [Test]
    public void Unknown_sku_for_the_sample_shop_names_the_path_and_the_skus_it_sells()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse(Valid.Replace("SHIRT-BLUE-M", "SHIRT-PINK-XL", StringComparison.Ordinal)));

        Assert.That(error!.Message, Does.StartWith("s.json: $.steps[0].sku: unknown SKU \"SHIRT-PINK-XL\" for the sample shop (it sells SHIRT-BLUE-M, "));
    }

    [Test]
    public void Url_target_with_native_cart_expectations_needs_a_cart_probe()
    {
        var json = Valid.Replace("\"shop\": { \"checkout\": \"miniplayer\" }", "\"url\": \"http://127.0.0.1:9/\"", StringComparison.Ordinal)
            .Replace("\"outcome\": \"success\"", "\"nativeCart\": []", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Parse(json));

        Assert.That(error!.Message, Is.EqualTo("s.json: $.steps[0].expect.nativeCart: a URL target needs $.target.cartProbe to read its native cart"));
    }

    [Test]
    public void Set_overrides_change_values_and_create_missing_objects()
    {
        var scenario = ScenarioLoader.Parse(Valid, "s.json", Catalog, ["setup.callbackTimeoutMs=500", "steps[0].sku=SNEAKER-42", "target.shop.checkout=new-tab"]);

        Assert.That((scenario.Setup.CallbackTimeoutMs, scenario.Steps[0].Sku, scenario.Target.ShopCheckout), Is.EqualTo(((int?)500, "SNEAKER-42", "new-tab")));
    }

    [Test]
    public void Set_override_outside_the_scenario_is_refused()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid, "s.json", Catalog, ["steps[5].sku=X"]));

        Assert.That(error!.Message, Is.EqualTo("--set 'steps[5].sku=X': $.steps[5] does not exist"));
    }

    [Test]
    public void Set_override_still_has_to_fit_the_schema()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid, "s.json", Catalog, ["setup.callbackTimeoutMs=soon"]));

        Assert.That(error!.Message, Does.StartWith("s.json: $.setup.callbackTimeoutMs: "));
    }

    [Test]
    public void Target_url_option_replaces_the_target()
    {
        var scenario = ScenarioLoader.Parse(Valid, "s.json", Catalog, targetUrl: "http://127.0.0.1:8080/p");

        Assert.That((scenario.Target.IsShop, scenario.Target.Url), Is.EqualTo((false, "http://127.0.0.1:8080/p")));
    }

    [Test]
    public void Missing_file_is_named()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/nope/s.json", Catalog));

        Assert.That(error!.Message, Is.EqualTo("/nope/s.json: scenario file not found"));
    }

    private static Scenario Parse(string json) => ScenarioLoader.Parse(json, "s.json", Catalog);
}

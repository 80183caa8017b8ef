using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>Bad scenario input gets one line naming the file and the JSON path; good input loads.</summary>
public sealed class ScenarioLoaderTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.BuiltIn;

    /// <summary>A valid scenario, for other tests.</summary>
    public const string ValidJson = Valid;

    private const string Valid = """
        {
          "name": "n",
          "target": { "shop": { "checkout": "miniplayer" } },
          "steps": [ { "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success" } } ]
        }
        """;

    public static IEnumerable<TestCaseData> ShippedScenarios() =>
        Directory.EnumerateFiles(Path.Combine(TestFixtures.Directory, "scenarios"), "*.json")
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
    public void Scenario_saved_with_a_byte_order_mark_loads_like_any_other()
    {
        // Windows editors save UTF-8 with a BOM; the JSON reader would call it an invalid token.
        var path = Path.Combine(Path.GetTempPath(), $"bambuser-cart-bom-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Valid, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.That(ScenarioLoader.Load(path, Catalog).Steps, Is.Not.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void At_least_twelve_scenarios_ship() => Assert.That(ShippedScenarios().Count(), Is.GreaterThanOrEqualTo(12));

    [Test]
    public void Malformed_json_names_file_and_line_without_reader_advice()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("{\n  \"name\": \"n\",\n  \"steps\": [ { \"action\": \"add\", } ]\n}"));

        Assert.That(error!.Message, Is.EqualTo("s.json:3: not valid JSON: The JSON object contains a trailing comma at the end (remove it) (column 33)"));
    }

    [TestCase("""{ "action": "jump", "sku": "SHIRT-BLUE-M" }""", "s.json:1: $.steps[0].action: `jump` is not one of: add, setQuantity, remove, checkout, waitFor, lookupProduct")]
    [TestCase("""{ "action": "setquantity", "sku": "SHIRT-BLUE-M", "quantity": 2 }""", "s.json:1: $.steps[0].action: `setquantity` is not one of: add, setQuantity, remove, checkout, waitFor, lookupProduct; did you mean `setQuantity`?")]
    [TestCase("""{ "acton": "add", "sku": "SHIRT-BLUE-M" }""", "s.json:1: $.steps[0].acton: unknown field `acton`; did you mean `action`? (fields here: action, sku, ref, quantity, backend, timeoutMs, expect)")]
    [TestCase("""{ "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": -1 }""", "s.json:1: $.steps[0].quantity: must be 0 or more, got -1")]
    [TestCase("""{ "action": "add" }""", "s.json:1: $.steps[0]: missing `sku`, which an `add` step needs")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "quantity": 2 }""", "s.json:1: $.steps[0].quantity: `quantity` does not apply to an `add` step")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "ok" } }""", "s.json:1: $.steps[0].expect.outcome: `ok` is not one of: success, failure, out-of-stock, invalid, timeout, threw, no-handler")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "backend": "down" }""", "s.json:1: $.steps[0].backend: `down` is not one of: ok, http-500, network-error, slow")]
    public void Schema_violation_is_one_line_naming_file_line_path_and_what_to_write(string step, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse($$"""{ "name": "n", "target": { "shop": {} }, "steps": [ {{step}} ] }"""));

        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    [Test]
    public void Lookup_step_reads_its_ref_and_its_product_expectations()
    {
        var scenario = Parse("""
            { "name": "n", "target": { "shop": {} }, "steps": [
              { "action": "lookupProduct", "ref": "/product/SNEAKER-42", "expect": { "outcome": "hydrated", "product": { "sku": "SNEAKER-42" } } } ] }
            """);

        var step = scenario.Steps.Single();
        Assert.That((step.Describe(), step.Expect.Lookup, step.Expect.Outcome, step.Expect.HasProduct, step.Expect.Product!.Sku), Is.EqualTo(("lookupProduct /product/SNEAKER-42", (LookupResult?)LookupResult.Hydrated, (CallbackOutcome?)null, true, "SNEAKER-42")));
    }

    [TestCase("""{ "action": "lookupProduct", "sku": "SHIRT-BLUE-M", "ref": "A" }""", "s.json:1: $.steps[0].sku: `sku` does not apply to a `lookupProduct` step")]
    [TestCase("""{ "action": "lookupProduct", "ref": "A", "expect": { "outcome": "success" } }""", "s.json:1: $.steps[0].expect.outcome: `success` is not one of: hydrated, error, invalid, timeout, no-handler")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "hydrated" } }""", "s.json:1: $.steps[0].expect.outcome: `hydrated` is not one of: success, failure, out-of-stock, invalid, timeout, threw, no-handler")]
    [TestCase("""{ "action": "lookupProduct" }""", "s.json:1: $.steps[0]: missing `ref`, which a `lookupProduct` step needs")]
    public void Lookup_and_cart_steps_each_take_their_own_fields_and_outcomes(string step, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse($$"""{ "name": "n", "target": { "shop": {} }, "steps": [ {{step}} ] }"""));

        Assert.That(error!.Message, Is.EqualTo(expected));
    }

    // Each of these was once accepted and never compared: the step passed with the expectation unproven.
    [TestCase("""{ "action": "checkout", "expect": { "outcome": "success" } }""", "outcome", "a `checkout`")]
    [TestCase("""{ "action": "checkout", "expect": { "followsContract": true } }""", "followsContract", "a `checkout`")]
    [TestCase("""{ "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "navigation": "new-tab" } }""", "navigation", "an `add`")]
    [TestCase("""{ "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 2, "expect": { "url": "/checkout" } }""", "url", "a `setQuantity`")]
    [TestCase("""{ "action": "remove", "sku": "SHIRT-BLUE-M", "expect": { "product": null } }""", "product", "a `remove`")]
    [TestCase("""{ "action": "waitFor", "expect": { "outcome": "success" } }""", "outcome", "a `waitFor`")]
    [TestCase("""{ "action": "waitFor", "expect": { "navigation": "miniplayer", "message": null } }""", "navigation", "a `waitFor`")]
    [TestCase("""{ "action": "lookupProduct", "ref": "A", "expect": { "event": "should-add-item-to-cart" } }""", "event", "a `lookupProduct`")]
    [TestCase("""{ "action": "lookupProduct", "ref": "A", "expect": { "followsContract": true } }""", "followsContract", "a `lookupProduct`")]
    public void Expectation_a_step_does_not_check_is_refused_instead_of_passing_unproven(string step, string field, string kind)
    {
        var error = Assert.Throws<ScenarioException>(() => Parse($$"""{ "name": "n", "target": { "shop": {} }, "steps": [ {{step}} ] }"""));

        Assert.That(error!.Message, Is.EqualTo($"s.json:1: $.steps[0].expect.{field}: `{field}` is not checked by {kind} step, so it would pass without proving anything"));
    }

    [Test]
    public void Wait_for_nothing_is_refused_because_it_would_hold_at_once()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("""{ "name": "n", "target": { "shop": {} }, "steps": [ { "action": "waitFor", "expect": {} } ] }"""));

        Assert.That(error!.Message, Is.EqualTo("s.json:1: $.steps[0].expect: needs at least one thing to check (widgetCart, nativeCart, message or checkoutButton): with none it would hold at once and prove nothing"));
    }

    [Test]
    public void Every_problem_in_the_file_is_reported_at_once_in_file_order_and_in_plain_words()
    {
        var json = """
            {
              "name": "n",
              "target": { "url": "ftp://shop" },
              "setup": { "callbackTimeoutMs": "soon" },
              "steps": [
                { "acton": "add", "sku": "A" },
                { "action": "checkout", "sku": "A" }
              ]
            }
            """;

        var error = Assert.Throws<ScenarioException>(() => Parse(json));

        Assert.That(error!.Message.Split('\n'), Is.EqualTo(new[]
        {
            "s.json:3: $.target.url: must start with http:// or https://, got `ftp://shop`",
            "s.json:4: $.setup.callbackTimeoutMs: expected a whole number, got `soon`",
            "s.json:6: $.steps[0].acton: unknown field `acton`; did you mean `action`? (fields here: action, sku, ref, quantity, backend, timeoutMs, expect)",
            "s.json:7: $.steps[1].sku: `sku` does not apply to a `checkout` step",
        }));
        Assert.That(error.Message, Does.Not.Contain("schema").And.Not.Contain("Required properties").And.Not.Contain("should match"), "no validator jargon");
    }

    [Test]
    public void File_target_is_read_from_the_scenario_files_folder_and_a_missing_one_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("bambuser-cart-file-target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "integration.js"), "// an integration");
            var good = Path.Combine(folder, "good.json");
            File.WriteAllText(good, Valid.Replace("\"target\": { \"shop\": { \"checkout\": \"miniplayer\" } }", "\"target\": { \"file\": \"integration.js\", \"backend\": \"sample\" }", StringComparison.Ordinal));
            var missing = Path.Combine(folder, "missing.json");
            File.WriteAllText(missing, Valid.Replace("\"target\": { \"shop\": { \"checkout\": \"miniplayer\" } }", "\"target\": { \"file\": \"gone.html\" }", StringComparison.Ordinal));

            var target = ScenarioLoader.Load(good, Catalog).Target;
            var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(missing, Catalog));

            Assert.That((target.File, target.SampleBackend, target.IsShop, target.UsesSampleBackend), Is.EqualTo((Path.Combine(folder, "integration.js"), true, false, true)));
            Assert.That(error!.Message, Is.EqualTo($"{missing}:3: $.target.file: file '{Path.Combine(folder, "gone.html")}' does not exist (a relative path is read from the scenario file's folder)"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Outcome_list_means_any_of_them_and_follows_contract_is_read()
    {
        var scenario = Parse(Valid.Replace("\"expect\": { \"outcome\": \"success\" }", "\"expect\": { \"outcome\": [\"failure\", \"out-of-stock\"], \"followsContract\": true }", StringComparison.Ordinal));

        var expect = scenario.Steps[0].Expect;
        Assert.That((expect.Outcome, expect.OutcomeAnyOf, expect.FollowsContract), Is.EqualTo(((CallbackOutcome?)null, new[] { CallbackOutcome.Failure, CallbackOutcome.OutOfStock }, true)));
        Assert.That(expect.Describe(), Is.EqualTo("outcome one of [failure, out-of-stock]"));
    }

    [Test]
    public void Target_with_neither_shop_url_nor_file_says_it_needs_one()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("""{ "name": "n", "target": {}, "steps": [ { "action": "checkout" } ] }"""));

        Assert.That(error!.Message, Is.EqualTo("s.json:1: $.target: needs `shop` or `url` or `file`"));
    }

    [Test]
    public void Unknown_sku_for_the_sample_shop_names_the_path_the_closest_sku_and_the_skus_it_sells()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse(Valid.Replace("SHIRT-BLUE-M", "SHIRT-BLUE-N", StringComparison.Ordinal)));

        Assert.That(error!.Message, Does.StartWith("s.json:4: $.steps[0].sku: unknown SKU \"SHIRT-BLUE-N\" for the sample shop; did you mean `SHIRT-BLUE-M`? (it sells SHIRT-BLUE-M, "));
    }

    [TestCase("\"failure\"")]
    [TestCase("[\"failure\", \"out-of-stock\"]")]
    public void A_sku_the_shop_does_not_sell_is_taken_where_the_step_expects_it_refused(string outcome)
    {
        var scenario = Parse(Valid.Replace("\"sku\": \"SHIRT-BLUE-M\", \"expect\": { \"outcome\": \"success\" }", $"\"sku\": \"NOT-SOLD\", \"expect\": {{ \"outcome\": {outcome} }}", StringComparison.Ordinal));

        Assert.That(scenario.Steps[0].Sku, Is.EqualTo("NOT-SOLD"));
    }

    [Test]
    public void Whole_numbers_written_as_decimals_or_exponents_are_read()
    {
        var scenario = Parse(Valid.Replace("""{ "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success" } }""", """{ "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 2.0 }, { "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 1e1 }""", StringComparison.Ordinal));

        Assert.That(scenario.Steps.Select(s => s.Quantity), Is.EqualTo(new int?[] { 2, 10 }));
    }

    [Test]
    public void Url_target_with_native_cart_expectations_needs_a_cart_probe()
    {
        var json = Valid.Replace("\"shop\": { \"checkout\": \"miniplayer\" }", "\"url\": \"http://127.0.0.1:9/\"", StringComparison.Ordinal)
            .Replace("\"outcome\": \"success\"", "\"nativeCart\": []", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => Parse(json));

        Assert.That(error!.Message, Is.EqualTo("s.json:4: $.steps[0].expect.nativeCart: a URL target needs $.target.cartProbe to read its native cart"));
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

        Assert.That(error!.Message, Is.EqualTo("override 'steps[5].sku=X': $.steps[5] does not exist"));
    }

    [Test]
    public void Set_override_still_has_to_fit_the_schema()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid, "s.json", Catalog, ["setup.callbackTimeoutMs=soon"]));

        Assert.That(error!.Message, Is.EqualTo("s.json: $.setup.callbackTimeoutMs: expected a whole number, got `soon`"), "a value the file does not have has no line");
    }

    [Test]
    public void Target_url_option_replaces_the_target()
    {
        var scenario = ScenarioLoader.Parse(Valid, "s.json", Catalog, target: new ScenarioTargetOptions("http://127.0.0.1:8080/p"));

        Assert.That((scenario.Target.IsShop, scenario.Target.Url), Is.EqualTo((false, "http://127.0.0.1:8080/p")));
    }

    [Test]
    public void Target_url_option_keeps_the_scenarios_cart_probe_and_cart_api()
    {
        var json = Valid.Replace("\"shop\": { \"checkout\": \"miniplayer\" }", "\"url\": \"http://127.0.0.1:9/\", \"cartProbe\": \"window.cart\", \"cartApi\": \"**/api/basket/**\"", StringComparison.Ordinal);

        var scenario = ScenarioLoader.Parse(json, "s.json", Catalog, target: new ScenarioTargetOptions("http://127.0.0.1:8080/p"));

        Assert.That((scenario.Target.Url, scenario.Target.CartProbe, scenario.Target.CartApi), Is.EqualTo(("http://127.0.0.1:8080/p", "window.cart", "**/api/basket/**")));
    }

    [Test]
    public void Cart_api_option_sets_a_url_targets_pattern_and_is_refused_for_the_sample_shop()
    {
        var scenario = ScenarioLoader.Parse(Valid, "s.json", Catalog, target: new ScenarioTargetOptions("http://127.0.0.1:8080/p", "**/basket/**"));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid, "s.json", Catalog, target: new ScenarioTargetOptions(CartApi: "**/basket/**")));

        Assert.That(scenario.Target.CartApiPattern.Glob, Is.EqualTo("**/basket/**"));
        Assert.That(error!.Message, Does.StartWith("CartApi: only for a URL target"));
    }

    [Test]
    public void Missing_file_is_named()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/nope/s.json", Catalog));

        Assert.That(error!.Message, Is.EqualTo("/nope/s.json: scenario file not found"));
    }

    private static Scenario Parse(string json) => ScenarioLoader.Parse(json, "s.json", Catalog);
}

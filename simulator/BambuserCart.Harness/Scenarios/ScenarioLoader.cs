using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;
using Json.Schema;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// Reads a scenario file: JSON, then <c>--set</c> overrides, then the JSON Schema, then what the
/// schema cannot say (SKUs the sample shop does not sell, expectations the target cannot check).
/// Every problem is one line naming the file and the JSON path.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The schema the scenario files reference with <c>$schema</c>.</summary>
    public static string SchemaPath { get; } = Path.Combine(SimulatorOptions.DefaultFixturesDirectory, "scenarios", "scenario.schema.json");

    // Parsed once: JsonSchema.Net registers a schema by its $id and refuses a second registration.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    /// <exception cref="ScenarioException">The file is missing, malformed, or does not fit the schema or the catalog.</exception>
    public static Scenario Load(string path, ProductCatalog catalog, IEnumerable<string>? overrides = null, string? targetUrl = null)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"{path}: scenario file not found");
        }

        return Parse(File.ReadAllText(path), path, catalog, overrides, targetUrl);
    }

    public static Scenario Parse(string json, string source, ProductCatalog catalog, IEnumerable<string>? overrides = null, string? targetUrl = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new ScenarioException($"{source}: $: expected a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{source}: line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({FirstSentence(ex.Message)})", ex);
        }

        foreach (var assignment in overrides ?? [])
        {
            ScenarioOverrides.Apply(root, assignment);
        }

        if (targetUrl is not null)
        {
            root["target"] = new JsonObject { ["url"] = targetUrl };
        }

        CheckSchema(root, source);
        var scenario = Read(root) with { Source = source };
        CheckMeaning(scenario, catalog);
        return scenario;
    }

    private static void CheckSchema(JsonObject root, string source)
    {
        using var document = JsonDocument.Parse(root.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (result.IsValid)
        {
            return;
        }

        // Only failures under failing nodes are real: a oneOf branch or an "if" that did not match
        // sits under a node that passed. Of the real ones the deepest located is the most specific
        // ("$.steps[2].quantity: …", not "$.steps[2]: …").
        var error = Failures(result)
            .OrderByDescending(d => d.InstanceLocation.ToString().Length)
            .ThenBy(d => d.Errors!.ContainsKey("oneOf") ? 1 : 0)
            .FirstOrDefault();
        var where = error is null ? "$" : ToJsonPath(error.InstanceLocation.ToString());
        var what = error is null
            ? "does not match the scenario schema"
            : string.Join("; ", error.Errors!.Values).Replace("\\u0022", "\"", StringComparison.Ordinal);
        throw new ScenarioException($"{source}: {where}: {what}");
    }

    private static IEnumerable<EvaluationResults> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        if (node.Errors is { Count: > 0 })
        {
            yield return node;
        }

        foreach (var child in node.Details ?? [])
        {
            foreach (var failure in Failures(child))
            {
                yield return failure;
            }
        }
    }

    private static Scenario Read(JsonObject root)
    {
        var target = root["target"]!.AsObject();
        var scenarioTarget = target["shop"] is JsonObject shop
            ? ScenarioTarget.Shop((string?)shop["checkout"] ?? "miniplayer")
            : new ScenarioTarget(null, (string)target["url"]!, (string?)target["cartProbe"]);
        var setup = root["setup"] as JsonObject;
        var steps = root["steps"]!.AsArray().Select(s => s!.AsObject()).Select(s => new ScenarioStep(
            (string)s["action"]!,
            (string?)s["sku"],
            (int?)s["quantity"],
            (string?)s["backend"],
            (int?)s["timeoutMs"],
            StepExpectations.From(s["expect"] as JsonObject))).ToList();
        return new Scenario(
            (string)root["name"]!,
            (string?)root["description"],
            scenarioTarget,
            new ScenarioSetup((int?)setup?["callbackTimeoutMs"], StepExpectations.Lines(setup?["nativeCart"]) ?? []),
            steps);
    }

    private static void CheckMeaning(Scenario scenario, ProductCatalog catalog)
    {
        var source = scenario.Source;
        if (!scenario.Target.IsShop)
        {
            if (scenario.Setup.NativeCart.Count > 0)
            {
                throw new ScenarioException($"{source}: $.setup.nativeCart: seeding the native cart needs the sample shop target, not {scenario.Target.Url}");
            }

            var native = scenario.Steps.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Expect.NativeCart is not null);
            if (native.s is not null && scenario.Target.CartProbe is null)
            {
                throw new ScenarioException($"{source}: $.steps[{native.i}].expect.nativeCart: a URL target needs $.target.cartProbe to read its native cart");
            }

            return;
        }

        var known = string.Join(", ", catalog.Products.Select(p => p.Sku));
        void RequireKnown(string sku, string where)
        {
            if (catalog.Find(sku) is null)
            {
                throw new ScenarioException($"{source}: {where}: unknown SKU \"{sku}\" for the sample shop (it sells {known})");
            }
        }

        for (var i = 0; i < scenario.Setup.NativeCart.Count; i++)
        {
            RequireKnown(scenario.Setup.NativeCart[i].Sku, $"$.setup.nativeCart[{i}].sku");
        }

        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            if (scenario.Steps[i].Sku is { } sku)
            {
                RequireKnown(sku, $"$.steps[{i}].sku");
            }
        }
    }

    /// <summary>"/steps/2/quantity" → "$.steps[2].quantity".</summary>
    public static string ToJsonPath(string jsonPointer) =>
        "$" + string.Concat(jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : "." + p));

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
}

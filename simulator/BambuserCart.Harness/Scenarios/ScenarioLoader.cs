using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios.Loading;
using BambuserCart.Simulator.Catalog;
using Json.Schema;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// Reads a scenario file: JSON, then <c>--set</c> overrides and target options, then the JSON
/// Schema, then what the schema cannot say (SKUs the sample shop does not sell, expectations the
/// target cannot check). Every problem in the file is reported at once, one line each, as
/// <c>file:line: $.json.path: what is wrong</c>, in words a person can act on.
/// </summary>
public static class ScenarioLoader
{
    // fixtures/scenarios/scenario.schema.json, compiled in. Parsed once: JsonSchema.Net registers a
    // schema by its $id and refuses a second registration.
    private static readonly Lazy<(JsonSchema Schema, JsonNode Text)> Schema = new(() =>
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("scenario.schema.json")
            ?? throw new InvalidOperationException("scenario.schema.json is missing from the build");
        var text = new StreamReader(stream).ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    });

    /// <summary>A scenario is a few kilobytes; anything past this is not one (or is /dev/zero).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The most steps a scenario may have: a session an agent could play.</summary>
    public const int MaxSteps = 2_000;

    /// <exception cref="ScenarioException">The file is missing, unreadable, too large, malformed, or does not fit the schema or the catalog.</exception>
    public static Scenario Load(string path, ProductCatalog catalog, IEnumerable<string>? overrides = null, ScenarioTargetOptions? target = null)
    {
        var (text, problem) = BoundedText.Read(path, MaxFileBytes, "scenario file");
        return text is null
            ? throw new ScenarioException($"{path}: {problem}")
            : Parse(text, path, catalog, overrides, target);
    }

    public static Scenario Parse(string json, string source, ProductCatalog catalog, IEnumerable<string>? overrides = null, ScenarioTargetOptions? target = null)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ScenarioException($"{source}:1: not valid JSON: the file is empty");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ScenarioException($"{source}: $: a scenario is a JSON object {{ \"name\", \"target\", \"steps\" }}");
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{source}:{(ex.LineNumber ?? 0) + 1}: not valid JSON: {JsonSyntax.Explain(ex)}", ex);
        }

        foreach (var assignment in overrides ?? [])
        {
            ScenarioOverrides.Apply(root, assignment);
        }

        target?.ApplyTo(root);
        if (root["steps"] is JsonArray { Count: > MaxSteps } tooMany)
        {
            throw new ScenarioException($"{source}: $.steps: {tooMany.Count} steps; a scenario has at most {MaxSteps}");
        }

        var lines = JsonLineMap.Of(json);
        // SKUs are checked beside the schema, so one run names a typo in either.
        Report(source, lines, [.. CheckSchema(root), .. UnknownSkus(root, catalog)]);
        var (scenario, readProblems) = Read(root, source);
        scenario = scenario with { Source = source };
        Report(source, lines, [.. readProblems, .. CheckUrlTarget(scenario)]);
        return scenario;
    }

    /// <summary>"$.steps[2].quantity" for "/steps/2/quantity".</summary>
    public static string ToJsonPath(string jsonPointer) =>
        "$" + string.Concat(jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : "." + p));

    private static void Report(string source, JsonLineMap lines, IReadOnlyList<ScenarioProblem> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var text = problems
            .Select(p => (Line: lines.LineOf(p.Pointer), p.Pointer, p.Message))
            .OrderBy(p => p.Line ?? int.MaxValue)
            .Select(p => $"{source}{(p.Line is { } line ? $":{line}" : string.Empty)}: {ToJsonPath(p.Pointer)}: {p.Message}");
        throw new ScenarioException(string.Join("\n", text));
    }

    private static IReadOnlyList<ScenarioProblem> CheckSchema(JsonObject root)
    {
        var (schema, schemaText) = Schema.Value;
        using var document = JsonDocument.Parse(root.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : SchemaProblems.From(result, schemaText, root);
    }

    private static (Scenario Scenario, List<ScenarioProblem> Problems) Read(JsonObject root, string source)
    {
        var problems = new List<ScenarioProblem>();
        int? Whole(JsonNode? node, string pointer)
        {
            if (node is null)
            {
                return null;
            }

            // The schema's "integer" lets 2.0 and 1e3 through; they are whole numbers, so take them.
            var value = node.GetValue<decimal>();
            if (value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue)
            {
                return (int)value;
            }

            problems.Add(new ScenarioProblem(pointer, $"must be a whole number below {int.MaxValue}, got {value.ToString(CultureInfo.InvariantCulture)}"));
            return 0;
        }

        IReadOnlyList<CartItem>? Lines(JsonNode? node, string pointer) =>
            node is JsonArray array
                ? array.Select((line, i) => new CartItem((string)line!["sku"]!, Whole(line["quantity"], $"{pointer}/{i}/quantity") ?? 0)).ToList()
                : null;

        var target = root["target"]!.AsObject();
        var scenarioTarget = (target["shop"], (string?)target["file"]) switch
        {
            (JsonObject shop, _) => ScenarioTarget.Shop((string?)shop["checkout"] ?? "miniplayer"),
            (_, { } file) => ScenarioTarget.LocalFile(Path.GetFullPath(file, BaseDirectory(source)), (string?)target["backend"] == "sample", (string?)target["cartProbe"]) with { CartApi = (string?)target["cartApi"] },
            _ => new ScenarioTarget(null, (string)target["url"]!, (string?)target["cartProbe"]) { CartApi = (string?)target["cartApi"] },
        };
        if (scenarioTarget.File is { } path && !File.Exists(path))
        {
            problems.Add(new ScenarioProblem("/target/file", $"file '{path}' does not exist (a relative path is read from the scenario file's folder)"));
        }
        var setup = root["setup"] as JsonObject;
        var steps = root["steps"]!.AsArray().Select((s, i) => (Step: s!.AsObject(), Pointer: $"/steps/{i}")).Select(x => new ScenarioStep(
            // The schema has already held the name to the actions there are.
            ScenarioActions.Parse((string?)x.Step["action"]) ?? throw new ScenarioException($"{x.Pointer}/action: not an action"),
            (string?)x.Step["sku"],
            Whole(x.Step["quantity"], $"{x.Pointer}/quantity"),
            x.Step["backend"] is { } backend ? ExpectationsReader.ContractName<BackendCondition>(backend) : null,
            Whole(x.Step["timeoutMs"], $"{x.Pointer}/timeoutMs"),
            ExpectationsReader.Read(ScenarioActions.Parse((string?)x.Step["action"])!.Value, x.Step["expect"] as JsonObject, pointer => Lines(x.Step["expect"]?[pointer], $"{x.Pointer}/expect/{pointer}")))
        {
            Ref = (string?)x.Step["ref"],
        }).ToList();
        var scenario = new Scenario(
            (string)root["name"]!,
            (string?)root["description"],
            scenarioTarget,
            new ScenarioSetup(Whole(setup?["callbackTimeoutMs"], "/setup/callbackTimeoutMs"), Lines(setup?["nativeCart"], "/setup/nativeCart") ?? []),
            steps);
        return (scenario, problems);
    }

    // A relative target file is read from the scenario file's folder, so a saved scenario travels with its page.
    private static string BaseDirectory(string source) =>
        File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source))! : Directory.GetCurrentDirectory();

    // What a target without the sample backend cannot do: the sample cart is out of reach, its own needs a probe.
    private static IEnumerable<ScenarioProblem> CheckUrlTarget(Scenario scenario)
    {
        if (scenario.Target.UsesSampleBackend)
        {
            yield break;
        }

        if (scenario.Setup.NativeCart.Count > 0)
        {
            yield return new ScenarioProblem("/setup/nativeCart", $"seeding the native cart needs the sample backend (the sample shop, or a file target with \"backend\": \"sample\"), not {scenario.Target.Describe()}");
        }

        if (scenario.Target.CartProbe is null)
        {
            foreach (var (_, i) in scenario.Steps.Select((s, i) => (s, i)).Where(x => x.s.Expect.NativeCart is not null))
            {
                yield return new ScenarioProblem($"/steps/{i}/expect/nativeCart", $"{(scenario.Target.File is null ? "a URL target" : "a file target without the sample backend")} needs $.target.cartProbe to read its native cart");
            }
        }
    }

    private static bool ExpectsRefusal(JsonNode? step) => step?["expect"]?["outcome"] switch
    {
        JsonValue one => one.TryGetValue<string>(out var outcome) && outcome is WidgetContract.Outcomes.Failure or WidgetContract.Outcomes.OutOfStock,
        JsonArray many => many.Count > 0 && many.All(o => o is JsonValue v && v.TryGetValue<string>(out var outcome) && outcome is WidgetContract.Outcomes.Failure or WidgetContract.Outcomes.OutOfStock),
        _ => false,
    };

    // Every SKU a sample shop scenario names must be one the shop sells (read from the raw JSON,
    // so that a file with other problems still gets this one reported in the same run).
    private static IEnumerable<ScenarioProblem> UnknownSkus(JsonObject root, ProductCatalog catalog)
    {
        if (root["target"] is not JsonObject target || (target["shop"] is null && !(target["backend"] is JsonValue backend && backend.TryGetValue<string>(out var name) && name == "sample")))
        {
            yield break;
        }

        var named = new List<(string Pointer, JsonNode? Sku)>();
        if (root["setup"]?["nativeCart"] is JsonArray seeded)
        {
            named.AddRange(seeded.Select((line, i) => ($"/setup/nativeCart/{i}/sku", line?["sku"])));
        }

        if (root["steps"] is JsonArray steps)
        {
            // A step that expects the SKU to be refused is about a SKU the shop does not sell, on purpose.
            named.AddRange(steps.Select((step, i) => ($"/steps/{i}/sku", step?["sku"])).Where((_, i) => !ExpectsRefusal(steps[i])));
        }

        var skus = catalog.Products.Select(p => p.Sku).ToList();
        foreach (var (pointer, node) in named)
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && (string)value! is { Length: > 0 } sku && catalog.Find(sku) is null)
            {
                yield return new ScenarioProblem(pointer, $"unknown SKU \"{sku}\" for the sample shop{Suggestions.DidYouMean(sku, skus)} (it sells {string.Join(", ", skus)})");
            }
        }
    }
}

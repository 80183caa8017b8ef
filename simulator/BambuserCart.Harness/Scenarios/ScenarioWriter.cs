using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// Writes a <see cref="Scenario"/> as a scenario file that <see cref="ScenarioLoader"/> reads back
/// to the same scenario: only what was given (a null would not fit the schema), a file target's
/// path relative to the file's folder so the two travel together.
/// </summary>
public static class ScenarioWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The file's text for a scenario saved at <paramref name="path"/>; inside a checkout of this
    /// repository it points at the schema, so editors complete and check it.
    /// </summary>
    public static string ToJson(Scenario scenario, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var root = new JsonObject();
        if (SchemaReference(directory) is { } schema)
        {
            root["$schema"] = schema;
        }

        root["name"] = scenario.Name;
        if (scenario.Description is { } description)
        {
            root["description"] = description;
        }

        root["target"] = Target(scenario.Target, directory);
        var setup = new JsonObject();
        if (scenario.Setup.CallbackTimeoutMs is { } timeout)
        {
            setup["callbackTimeoutMs"] = timeout;
        }

        if (scenario.Setup.NativeCart.Count > 0)
        {
            setup["nativeCart"] = Lines(scenario.Setup.NativeCart);
        }

        if (setup.Count > 0)
        {
            root["setup"] = setup;
        }

        root["steps"] = new JsonArray([.. scenario.Steps.Select(Step)]);
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>
    /// Writes the file, refusing to replace one (nothing the user made is overwritten) unless
    /// <paramref name="replace"/> says the user asked for it.
    /// </summary>
    /// <exception cref="ScenarioException">The file exists or cannot be written.</exception>
    public static async Task SaveAsync(Scenario scenario, string path, bool replace = false)
    {
        var json = ToJson(scenario, path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await using var file = new FileStream(path, replace ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
            await using var writer = new StreamWriter(file);
            await writer.WriteAsync(json);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new ScenarioException($"{path}: already exists; give another file", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot be written ({ex.Message})", ex);
        }
    }

    // Editors complete a scenario that points at the schema: found when the file is saved inside this repository.
    private static string? SchemaReference(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var schema = Path.Combine(current.FullName, "fixtures", "scenarios", "scenario.schema.json");
            if (File.Exists(schema))
            {
                var relative = Path.GetRelativePath(directory, schema).Replace('\\', '/');
                return relative.StartsWith('.') ? relative : "./" + relative;
            }
        }

        return null;
    }

    /// <summary>A target as a file saved in <paramref name="directory"/> holds it.</summary>
    private static JsonObject Target(ScenarioTarget target, string directory)
    {
        JsonObject json;
        if (target.IsShop)
        {
            return new JsonObject { ["shop"] = new JsonObject { ["checkout"] = target.ShopCheckout } };
        }

        if (target.File is { } file)
        {
            json = new JsonObject { ["file"] = FilePath(file, directory) };
            if (target.SampleBackend)
            {
                json["backend"] = "sample";
            }
        }
        else
        {
            json = new JsonObject { ["url"] = target.Url };
        }

        if (target.CartProbe is { } probe)
        {
            json["cartProbe"] = probe;
        }

        if (target.CartApi is { } cartApi)
        {
            json["cartApi"] = cartApi;
        }

        return json;
    }

    // Relative when the scenario and the page live in the same project (the working folder), so
    // they can move together; absolute otherwise, since "../../../.." would break on any move.
    private static string FilePath(string file, string directory)
    {
        var project = Directory.GetCurrentDirectory();
        var inProject = IsUnder(file, project) && IsUnder(directory, project);
        return (inProject ? Path.GetRelativePath(directory, file) : file).Replace('\\', '/');
    }

    private static bool IsUnder(string path, string folder)
    {
        var (full, root) = (Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static JsonObject Step(ScenarioStep step)
    {
        var json = new JsonObject { ["action"] = step.Action.Name() };
        Put(json, "sku", step.Sku);
        Put(json, "ref", step.Ref);
        if (step.Quantity is { } quantity)
        {
            json["quantity"] = quantity;
        }

        Put(json, "backend", step.Backend?.Wire());
        if (step.TimeoutMs is { } timeout)
        {
            json["timeoutMs"] = timeout;
        }

        var expect = Expect(step.Expect);
        if (expect.Count > 0)
        {
            json["expect"] = expect;
        }

        return json;
    }

    private static JsonObject Expect(StepExpectations expect)
    {
        var json = new JsonObject();
        if (expect.OutcomeAnyOf is { } anyOf)
        {
            json["outcome"] = new JsonArray([.. anyOf.Select(o => (JsonNode)o.Wire())]);
        }
        else
        {
            Put(json, "outcome", expect.Outcome?.Wire() ?? expect.Lookup?.Wire());
        }

        Put(json, "event", expect.Event);
        if (expect.FollowsContract)
        {
            json["followsContract"] = true;
        }

        if (expect.WidgetCart is { } widgetCart)
        {
            json["widgetCart"] = Lines(widgetCart);
        }

        if (expect.NativeCart is { } nativeCart)
        {
            json["nativeCart"] = Lines(nativeCart);
        }

        if (expect.HasMessage)
        {
            json["message"] = expect.Message;
        }

        if (expect.CheckoutButton is { } button)
        {
            json["checkoutButton"] = button;
        }

        if (expect.NavigationAnyOf is { } navigations)
        {
            json["navigation"] = new JsonArray([.. navigations.Select(n => (JsonNode)n.Wire())]);
        }
        else
        {
            Put(json, "navigation", expect.Navigation?.Wire());
        }
        if (expect.HasUrl)
        {
            json["url"] = expect.Url;
        }

        if (expect.HasProduct)
        {
            json["product"] = expect.Product is { } product ? Product(product) : null;
        }

        if (expect.HasAgentMessage)
        {
            json["agentMessage"] = expect.AgentMessage;
        }

        return json;
    }

    private static JsonObject Product(ProductExpectation product)
    {
        var json = new JsonObject();
        Put(json, "name", product.Name);
        Put(json, "sku", product.Sku);
        return json;
    }

    private static JsonArray Lines(IEnumerable<CartItem> lines) =>
        new([.. lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity })]);

    private static void Put(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}

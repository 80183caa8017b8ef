using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// Records a session into a scenario file: every agent and shopper action, with what happened
/// (callback outcome, widget cart, message, Checkout button, native cart, checkout navigation) as
/// the step's expectations. The fake reports each settled event through its recorder hook, and the
/// native cart is read before the widget moves on, so the steps are exact even when driven fast.
/// </summary>
public sealed class ScenarioRecorder : IAsyncDisposable
{
    private const string SettledBinding = "__bambuserCartRecorderSettled";
    private const string StopBinding = "__bambuserCartRecorderStop";

    private readonly OfflineContext offline;
    private readonly SimulatorServer shop;
    private readonly ScenarioTarget target;
    private readonly string outputPath;
    private readonly bool overwrite;
    private readonly List<JsonObject> steps = [];
    private readonly Lock gate = new();
    private readonly TaskCompletionSource stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ScenarioRecorder(OfflineContext offline, SimulatorServer shop, ScenarioTarget target, string outputPath, bool overwrite, IPage page)
    {
        this.offline = offline;
        this.shop = shop;
        this.target = target;
        this.outputPath = outputPath;
        this.overwrite = overwrite;
        Page = page;
        Widget = new WidgetDriver(page);
    }

    /// <summary>The page being recorded: drive it by hand (agent console) or through <see cref="Widget"/>.</summary>
    public IPage Page { get; }

    public WidgetDriver Widget { get; }

    /// <summary>Completes when someone clicks "Stop recording" in the agent console.</summary>
#pragma warning disable VSTHRD003 // The recorder owns this TaskCompletionSource; callers only wait on it.
    public Task StopRequested => stopRequested.Task;
#pragma warning restore VSTHRD003

    public int StepCount
    {
        get
        {
            lock (gate)
            {
                return steps.Count;
            }
        }
    }

    /// <summary>Raised after each recorded step, for progress output.</summary>
    public event EventHandler<JsonObject>? StepRecorded;

    /// <exception cref="ScenarioException">The output file exists and <paramref name="overwrite"/> is false, or the target is unreachable.</exception>
    public static async Task<ScenarioRecorder> StartAsync(BrowserSession browser, SimulatorServer shop, ScenarioTarget target, string outputPath, bool overwrite)
    {
        RefuseToOverwrite(outputPath, overwrite);
        var offline = await browser.NewContextAsync(shop.EmbedScript, target.ReachableHosts);
        var page = await offline.Context.NewPageAsync();
        var recorder = new ScenarioRecorder(offline, shop, target, outputPath, overwrite, page);
        await offline.Context.ExposeFunctionAsync<string, Task<bool>>(SettledBinding, recorder.OnSettledAsync);
        await offline.Context.ExposeFunctionAsync(StopBinding, () => recorder.stopRequested.TrySetResult());
        await offline.Context.AddInitScriptAsync(
            $"window.bambuserSimulatorHooks = {{ settled: (json) => window.{SettledBinding}(json), stop: () => window.{StopBinding}() }};");

        try
        {
            await TargetPage.OpenAsync(page, target.PageUrl(shop));
            await recorder.Widget.ReadyAsync();
        }
        catch (TargetUnreachableException ex)
        {
            await offline.DisposeAsync();
            throw new ScenarioException($"--target: {ex.Message}", ex);
        }
        catch (SimulatorException ex)
        {
            await offline.DisposeAsync();
            throw new ScenarioException($"--target: {ex.Message}", ex);
        }

        return recorder;
    }

    /// <summary>Writes the scenario file (refusing to replace one unless allowed) and returns its path.</summary>
    public async Task<string> SaveAsync(string? name = null)
    {
        RefuseToOverwrite(outputPath, overwrite);
        var scenario = new JsonObject();
        if (SchemaReference(outputPath) is { } schema)
        {
            scenario["$schema"] = schema;
        }

        scenario["name"] = name ?? $"Recorded {DateTimeOffset.Now:yyyy-MM-dd HH:mm}";
        scenario["description"] = $"Recorded by bambuser-cart record from {(target.IsShop ? $"the sample shop ({target.ShopCheckout})" : target.Url)}.";
        scenario["target"] = ScenarioWriter.Target(target, Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        lock (gate)
        {
            scenario["steps"] = new JsonArray(steps.Select(s => (JsonNode)s.DeepClone()).ToArray());
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        var json = scenario.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        await using (var file = new FileStream(outputPath, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(json);
        }

        return Path.GetFullPath(outputPath);
    }

    public async ValueTask DisposeAsync() => await offline.DisposeAsync();

    private static void RefuseToOverwrite(string path, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new ScenarioException($"{path}: already exists; pass --force to replace it");
        }
    }

    // Editors autocomplete a scenario that points at the schema; find it when the file is saved inside this repo.
    private static string? SchemaReference(string outputPath)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        for (var current = directory; current is not null; current = current.Parent)
        {
            var schema = Path.Combine(current.FullName, "fixtures", "scenarios", "scenario.schema.json");
            if (File.Exists(schema))
            {
                var relative = Path.GetRelativePath(directory.FullName, schema).Replace('\\', '/');
                return relative.StartsWith('.') ? relative : "./" + relative;
            }
        }

        return null;
    }

    private async Task<bool> OnSettledAsync(string json)
    {
        var settled = JsonNode.Parse(json)!.AsObject();
        var entry = settled["entry"]!.AsObject();
        var state = settled["state"]!.AsObject();
        var step = (string?)entry["action"] switch
        {
            ScenarioStep.Checkout => CheckoutStep(entry),
            ScenarioStep.LookupProduct => LookupStep(entry),
            _ => await CartStepAsync(entry, state),
        };
        lock (gate)
        {
            steps.Add(step);
        }

        StepRecorded?.Invoke(this, step);
        return true;
    }

    private async Task<JsonObject> CartStepAsync(JsonObject entry, JsonObject state)
    {
        var payload = entry["payload"]!.AsObject();
        var action = (string)entry["action"]!;
        var step = new JsonObject { ["action"] = action, ["sku"] = (string?)payload["sku"] };
        if (action == ScenarioStep.SetQuantity)
        {
            step["quantity"] = (int?)payload["quantity"];
        }

        var expect = new JsonObject
        {
            ["event"] = (string?)entry["event"],
            ["outcome"] = (string?)entry["outcome"],
            ["widgetCart"] = new JsonArray(state["widgetCart"]!.AsArray().Select(l => (JsonNode)Line((string)l!["sku"]!, (int)l["quantity"]!)).ToArray()),
            ["message"] = (string?)state["message"]?["kind"],
            ["checkoutButton"] = (bool)state["checkoutButtonVisible"]!,
        };
        if (await NativeCartAsync() is { } native)
        {
            expect["nativeCart"] = native;
        }

        step["expect"] = expect;
        return step;
    }

    // A product lookup: what was asked, and what came of it (a hydrated product by its name).
    private static JsonObject LookupStep(JsonObject entry)
    {
        var outcome = (string?)entry["outcome"];
        var expect = new JsonObject { ["outcome"] = outcome };
        if (entry["value"] is JsonObject product)
        {
            var expected = new JsonObject();
            if ((string?)product["name"] is { } name)
            {
                expected["name"] = name;
            }

            expect["product"] = expected;
        }
        else if (entry["value"] is JsonValue message)
        {
            expect["agentMessage"] = (string?)message;
        }

        return new JsonObject
        {
            ["action"] = ScenarioStep.LookupProduct,
            ["ref"] = (string?)entry["payload"]!["products"]![0]!["ref"],
            ["expect"] = expect,
        };
    }

    private JsonObject CheckoutStep(JsonObject entry)
    {
        var url = (string?)entry["value"];
        var pageOrigin = new Uri(Page.Url).GetLeftPart(UriPartial.Authority);
        var relative = url is not null && url.StartsWith(pageOrigin + "/", StringComparison.Ordinal) ? url[pageOrigin.Length..] : url;
        return new JsonObject
        {
            ["action"] = ScenarioStep.Checkout,
            ["expect"] = new JsonObject { ["navigation"] = (string?)entry["outcome"], ["url"] = relative },
        };
    }

    private async Task<JsonArray?> NativeCartAsync()
    {
        IEnumerable<(string Sku, int Quantity)> lines;
        if (target.IsShop)
        {
            lines = await NativeCartProbe.ReadSampleShopAsync(offline.Context, shop);
        }
        else if (target.CartProbe is { } probe)
        {
            lines = await NativeCartProbe.ReadAsync(Page, probe);
        }
        else
        {
            return null;
        }

        return new JsonArray(lines.Select(l => (JsonNode)Line(l.Sku, l.Quantity)).ToArray());
    }

    private static JsonObject Line(string sku, int quantity) => new() { ["sku"] = sku, ["quantity"] = quantity };
}

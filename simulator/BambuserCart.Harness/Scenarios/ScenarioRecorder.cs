using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// Records a session into a scenario file: every agent and shopper action, with what happened
/// (callback outcome, widget cart, message, Checkout button, native cart, checkout navigation) as
/// the step's expectations. The fake reports each settled event through its recorder hook, and the
/// native cart is read before the widget moves on, so the steps are exact even when driven fast.
/// </summary>
internal sealed class ScenarioRecorder : IAsyncDisposable
{
    private const string SettledBinding = "__bambuserCartRecorderSettled";
    private const string StopBinding = "__bambuserCartRecorderStop";

    private readonly OfflineContext offline;
    private readonly SimulatorServer shop;
    private readonly ScenarioTarget target;
    private readonly string outputPath;
    private readonly bool overwrite;
    private readonly List<ScenarioStep> steps = [];
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
    public event EventHandler<ScenarioStep>? StepRecorded;

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
            throw new ScenarioException($"{RunInput.Target.Named()}: {ex.Message}", ex);
        }
        catch (SimulatorException ex)
        {
            await offline.DisposeAsync();
            throw new ScenarioException($"{RunInput.Target.Named()}: {ex.Message}", ex);
        }

        return recorder;
    }

    /// <summary>Writes the scenario file (refusing to replace one unless allowed) and returns its path.</summary>
    /// <exception cref="ScenarioException">The file exists and replacing it was not allowed, or it cannot be written.</exception>
    public async Task<string> SaveAsync(string? name = null)
    {
        RefuseToOverwrite(outputPath, overwrite);
        IReadOnlyList<ScenarioStep> recorded;
        lock (gate)
        {
            recorded = [.. steps];
        }

        var scenario = new Scenario(
            name ?? $"Recorded {DateTimeOffset.Now:yyyy-MM-dd HH:mm}",
            $"Recorded by bambuser-cart record from {target.Describe()}.",
            target,
            ScenarioSetup.None,
            recorded);
        await ScenarioWriter.SaveAsync(scenario, outputPath, replace: overwrite);
        return Path.GetFullPath(outputPath);
    }

    public async ValueTask DisposeAsync() => await offline.DisposeAsync();

    private static void RefuseToOverwrite(string path, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new ScenarioException($"{path}: already exists; pass {RunInput.Overwrite.Named()} to replace it");
        }
    }

    private async Task<bool> OnSettledAsync(string json)
    {
        var settled = JsonNode.Parse(json)!.AsObject();
        var entry = settled["entry"]!.AsObject();
        var state = settled["state"]!.AsObject();
        var step = TracedAction(entry) switch
        {
            ScenarioAction.Checkout => CheckoutStep(entry),
            ScenarioAction.LookupProduct => LookupStep(entry),
            _ => await CartStepAsync(entry, state),
        };
        lock (gate)
        {
            steps.Add(step);
        }

        StepRecorded?.Invoke(this, step);
        return true;
    }

    private async Task<ScenarioStep> CartStepAsync(JsonObject entry, JsonObject state)
    {
        var payload = entry["payload"]!.AsObject();
        var action = TracedAction(entry);
        var emitted = (string?)entry["event"];
        var expect = new StepExpectations
        {
            // The event an action names goes without saying; a re-add that emitted an update is worth keeping.
            Event = emitted == ImpliedEvent(action) ? null : emitted,
            // An unsettled event has no outcome yet: it is then not checked.
            Outcome = ContractNames.TryParse<CallbackOutcome>((string?)entry["outcome"], out var answered) ? answered : null,
            WidgetCart = [.. state["widgetCart"]!.AsArray().Select(l => new CartItem((string)l!["sku"]!, (int)l["quantity"]!))],
            HasMessage = true,
            Message = (string?)state["message"]?["kind"],
            CheckoutButton = (bool)state["checkoutButtonVisible"]!,
            NativeCart = await NativeCartAsync(),
        };
        var quantity = action == ScenarioAction.SetQuantity ? (int?)payload["quantity"] : null;
        return new ScenarioStep(action, (string?)payload["sku"], quantity, Backend: null, TimeoutMs: null, expect);
    }

    // The fake traces the action behind each event by its scenario-file name.
    private static ScenarioAction TracedAction(JsonObject entry) =>
        ScenarioActions.Parse((string?)entry["action"]) ?? throw new InvalidOperationException($"the fake traced an action BambuserCart does not know: {entry["action"]}");

    private static string ImpliedEvent(ScenarioAction action) =>
        action == ScenarioAction.Add ? WidgetContract.Events.AddItem : WidgetContract.Events.UpdateItem;

    // A product lookup: what was asked, and what came of it (a hydrated product by its name, or the agent's message).
    private static ScenarioStep LookupStep(JsonObject entry)
    {
        var expect = new StepExpectations { Lookup = ContractNames.TryParse<LookupResult>((string?)entry["outcome"], out var result) ? result : null };
        if (entry["value"] is JsonObject product)
        {
            expect = expect with { HasProduct = true, Product = new ProductExpectation((string?)product["name"], Sku: null) };
        }
        else if (entry["value"] is JsonValue message && message.GetValueKind() == JsonValueKind.String)
        {
            expect = expect with { HasAgentMessage = true, AgentMessage = message.GetValue<string>() };
        }

        var reference = (string?)entry["payload"]!["products"]![0]!["ref"];
        return new ScenarioStep(ScenarioAction.LookupProduct, null, null, null, null, expect) { Ref = reference };
    }

    private ScenarioStep CheckoutStep(JsonObject entry)
    {
        var url = (string?)entry["value"];
        var pageOrigin = new Uri(Page.Url).GetLeftPart(UriPartial.Authority);
        var relative = url is not null && url.StartsWith(pageOrigin + "/", StringComparison.Ordinal) ? url[pageOrigin.Length..] : url;
        // An unsettled checkout has no outcome yet: its navigation is then not checked.
        CheckoutNavigation? navigation = ContractNames.TryParse<CheckoutNavigation>((string?)entry["outcome"], out var went) ? went : null;
        var expect = new StepExpectations { Navigation = navigation, HasUrl = true, Url = relative };
        return new ScenarioStep(ScenarioAction.Checkout, null, null, null, null, expect);
    }

    private async Task<IReadOnlyList<CartItem>?> NativeCartAsync()
    {
        if (target.IsShop)
        {
            return await NativeCartProbe.ReadSampleShopAsync(offline.Context, shop);
        }

        return target.CartProbe is { } probe ? await NativeCartProbe.ReadAsync(Page, probe) : null;
    }
}

using System.Text.Json;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Scenarios;

/// <summary>Options of one replay.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>Where a failed run keeps its artefacts, in a folder named after the scenario; null keeps none.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>Told of each step as it finishes.</summary>
    public IProgress<StepResult>? Progress { get; init; }

    /// <summary>The whole run's bound (<c>--max-time</c>); null for none beyond each step's own.</summary>
    internal RunBound? Bound { get; init; }
}

/// <summary>
/// Replays a scenario in a fresh browser context: seeds the native cart, opens the target, runs
/// each step and checks its expectations, stopping at the first step that fails.
/// </summary>
public sealed class ScenarioRunner
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>How late a step with <c>"backend": "slow"</c> gets its cart answers: 400 ms, or a quarter of a shorter callback timeout.</summary>
    public static TimeSpan SlowBackend(Scenario scenario) =>
        TimeSpan.FromMilliseconds(Math.Min(400, (scenario.Setup.CallbackTimeoutMs ?? WidgetContract.DefaultCallbackTimeoutMs) / 4));

    private readonly BrowserSession browser;
    private readonly SimulatorServer shop;

    /// <param name="shop">The sample shop host: the target of shop scenarios, and the source of the fake embed for all.</param>
    public ScenarioRunner(BrowserSession browser, SimulatorServer shop)
    {
        this.browser = browser;
        this.shop = shop;
    }

    /// <exception cref="ScenarioException">The target is unreachable or the native cart refused the seed.</exception>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, ScenarioRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new ScenarioRunOptions();
        // A file target gets a local origin of its own, serving its folder (and the sample backend when asked).
        await using var fileHost = scenario.Target.HostOptions() is { } hostOptions ? await SimulatorServer.StartAsync(hostOptions) : null;
        var host = fileHost ?? shop;
        await using var offline = await browser.NewContextAsync(host.EmbedScript, scenario.Target.ReachableHosts);
        var context = offline.Context;
        if (options.ArtifactsDirectory is not null)
        {
            await FailureArtifacts.StartAsync(context);
        }

        // A scenario that never fails the backend leaves its cart requests to the browser.
        var faults = scenario.Steps.Any(s => StepExecutor.FaultOf(s) != BackendCondition.Ok)
            ? await CartFaults.InstallAsync(context, scenario.Target.CartApiPattern, slowDelay: SlowBackend(scenario))
            : CartFaults.Untouched(scenario.Target.CartApiPattern);
        var page = await context.NewPageAsync();
        var steps = new StepExecutor(scenario, host, page, faults);
        var results = new List<StepResult>();
        IReadOnlyList<string> handlers = [];
        await SeedNativeCartAsync(scenario, context, host);
        await OpenAsync(scenario, page, scenario.Target.PageUrl(host));

        if (await steps.StartAsync(options.Bound?.Remaining) is { } notStarted)
        {
            results.Add(notStarted);
        }
        else
        {
            handlers = await steps.HandlersAsync();
            for (var i = 0; i < scenario.Steps.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var result = await RunWithinBoundAsync(steps, scenario, i, page, options.Bound);
                results.Add(result);
                options.Progress?.Report(result);
                if (!result.Passed)
                {
                    break;
                }
            }

            // What the steps left for later is theirs: run it, unless a step already failed or time is up.
            if (results.All(r => r.Passed) && options.Bound is not { Reached: true } && await steps.LaterWorkAsync(results) is { } later)
            {
                results[results.FindIndex(r => r.Index == later.Index)] = later;
                options.Progress?.Report(later);
            }
        }

        var trace = await steps.TraceAsync();
        var outcome = new ScenarioResult(scenario, results, trace) { Handlers = handlers };
        if (options.ArtifactsDirectory is { } root)
        {
            outcome = outcome.Passed
                ? outcome
                : outcome with { Artifacts = await FailureArtifacts.KeepAsync(context, page, Path.Combine(root, FailureArtifacts.SafeName(ArtifactName(scenario))), JsonSerializer.Serialize(trace, Json)) };
            if (outcome.Passed)
            {
                await FailureArtifacts.DiscardAsync(context);
            }
        }

        return outcome;
    }

    // Past the run's bound the step in flight fails by name and its page is closed, so whatever
    // call it is stuck in (a handler in an endless loop, an answer that never comes) ends and the
    // replay can report. Nothing more is read from that page.
    private static async Task<StepResult> RunWithinBoundAsync(StepExecutor steps, Scenario scenario, int index, IPage page, RunBound? bound)
    {
        if (bound is null)
        {
            return await steps.RunAsync(index);
        }

        var step = scenario.Steps[index];
        if (bound.Reached)
        {
            return new StepResult(index, step, [$"not run: {bound.Description}"]);
        }

        var running = steps.RunAsync(index);
        try
        {
            return await running.WaitAsync(bound.Remaining);
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            // Out of time: handled below, once the page is closed.
        }

        try
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(10));
            await running.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is PlaywrightException or SimulatorException or TimeoutException)
        {
            // The abandoned step ends in an error: expected, and reported below. The context is
            // disposed when the scenario ends, which is the last resort for a page that would not close.
        }

        return new StepResult(index, step, [$"{bound.Description} while this step ran"]);
    }

    private static string ArtifactName(Scenario scenario) =>
        File.Exists(scenario.Source) ? Path.GetFileNameWithoutExtension(scenario.Source) : scenario.Name;

    private static async Task SeedNativeCartAsync(Scenario scenario, IBrowserContext context, SimulatorServer host)
    {
        if (scenario.Setup.NativeCart.Count == 0)
        {
            return;
        }

        // Straight to the shop's API with the context's cookies: the widget sees no event.
        await context.APIRequest.GetAsync(host.Url("cart").ToString());
        for (var i = 0; i < scenario.Setup.NativeCart.Count; i++)
        {
            var line = scenario.Setup.NativeCart[i];
            var response = await context.APIRequest.PostAsync(host.Url("cart/update").ToString(), new APIRequestContextOptions
            {
                DataObject = new { sku = line.Sku, quantity = line.Quantity },
            });
            if (!response.Ok)
            {
                throw new ScenarioException($"{scenario.Source}: $.setup.nativeCart[{i}]: the sample shop refused {line}: {await response.TextAsync()}");
            }
        }
    }

    private static async Task OpenAsync(Scenario scenario, IPage page, string url)
    {
        try
        {
            await TargetPage.OpenAsync(page, url);
        }
        catch (TargetUnreachableException ex)
        {
            throw new ScenarioException($"{scenario.Source}: {(scenario.Target.IsShop ? "$.target" : scenario.Target.File is null ? "$.target.url" : "$.target.file")}: {ex.Message}", ex);
        }
    }

}

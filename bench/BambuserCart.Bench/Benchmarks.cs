using System.Diagnostics;
using BambuserCart.Contract;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using Microsoft.Playwright;

namespace BambuserCart.Bench;

/// <summary>The benchmarks of issue 10, each against a floor of plain Playwright on the same shop and browser.</summary>
internal sealed class Benchmarks(BrowserSession browser, SimulatorServer shop, int runs)
{
    private static readonly string[] Skus = ["SHIRT-BLUE-M", "SNEAKER-42"];

    /// <summary>The same 5-step session through the scenario runner, and as raw Playwright calls; a fresh context each.</summary>
    public async Task<Comparison> ScenarioOverheadAsync()
    {
        var runner = new ScenarioRunner(browser, shop);
        var scenario = new Scenario("bench: add, add, set quantity, remove, checkout", null, ScenarioTarget.Shop(), ScenarioSetup.None,
        [
            Step(ScenarioAction.Add, Skus[0]),
            Step(ScenarioAction.Add, Skus[1]),
            Step(ScenarioAction.SetQuantity, Skus[0], 3),
            Step(ScenarioAction.Remove, Skus[1]),
            new ScenarioStep(ScenarioAction.Checkout, null, null, null, null, new StepExpectations { Navigation = CheckoutNavigation.Miniplayer }),
        ]);
        var harness = await Measurement.TimeAsync("scenario runner", runs, async () =>
        {
            var result = await runner.RunAsync(scenario);
            if (!result.Passed)
            {
                throw new InvalidOperationException(result.FailureMessage());
            }
        });
        var raw = await Measurement.TimeAsync("raw Playwright", runs, async () =>
        {
            await using var context = await browser.Browser.NewContextAsync();
            foreach (var embed in OfflineContext.EmbedUrls)
            {
                await context.RouteAsync(embed, route => route.FulfillAsync(new() { Body = shop.EmbedScript, ContentType = "text/javascript" }));
            }

            var page = await context.NewPageAsync();
            await page.GotoAsync(shop.Url("?checkout=miniplayer").ToString());
            await page.WaitForFunctionAsync("() => window.bambuserSimulator && window.bambuserSimulator.state().instances > 0");
            await page.EvaluateAsync("sku => window.bambuserSimulator.agent.addToCart(sku)", Skus[0]);
            await page.EvaluateAsync("sku => window.bambuserSimulator.agent.addToCart(sku)", Skus[1]);
            await page.EvaluateAsync("([sku, q]) => window.bambuserSimulator.agent.setQuantity(sku, q)", new object[] { Skus[0], 3 });
            await page.EvaluateAsync("sku => window.bambuserSimulator.agent.removeFromCart(sku)", Skus[1]);
            await page.EvaluateAsync("() => window.bambuserSimulator.shopper.checkout()");
        });
        return new Comparison("1. harness overhead per scenario (5 steps)", harness, raw, "≤ 1.2×", c => c.Ratio <= 1.2);
    }

    /// <summary>1,000 agent events into one page with real cart requests, beside 1,000 plain fetch round trips from it.</summary>
    public async Task<Comparison> EventThroughputAsync(int events = 1_000)
    {
        await using var offline = await browser.NewContextAsync(shop.EmbedScript);
        var page = await offline.Context.NewPageAsync();
        await page.GotoAsync(shop.Url("?checkout=miniplayer").ToString());
        var widget = new WidgetDriver(page);
        await widget.ReadyAsync();
        await widget.AddToCartAsync(Skus[0]);

        var harness = await Measurement.TimeAsync($"{events} agent events", 1, async () =>
        {
            for (var i = 0; i < events; i++)
            {
                // 1 ↔ 2: every event is an update the shop's cart API really makes.
                var outcome = await widget.SetQuantityAsync(Skus[0], 1 + ((i + 1) % 2));
                if (outcome.Outcome != CallbackOutcome.Success)
                {
                    throw new InvalidOperationException($"event {i}: {outcome.Outcome}");
                }
            }
        });
        var floor = await Measurement.TimeAsync($"{events} fetch round trips", 1, async () =>
        {
            for (var i = 0; i < events; i++)
            {
                await page.EvaluateAsync("() => fetch('/cart').then(r => r.text())");
            }
        });
        return new Comparison($"2. event throughput ({events} events; harness in events/s: {events / (harness.Median / 1000):0})", harness, floor, "≥ 200 events/s and ≤ 2×", c => events / (c.Harness.Median / 1000) >= 200 && c.Ratio <= 2);
    }

    /// <summary><c>validate</c> of the sample shop as a fresh process, beside a fresh process that opens one page of the same shop.</summary>
    public async Task<Comparison> ValidateColdAsync(string cli)
    {
        var harness = await Measurement.TimeAsync("validate, process start to exit", runs, () => RunProcessAsync("dotnet", cli, "validate", "--quiet"));
        var floor = await Measurement.TimeAsync("launch, open one page, close", runs, () => RunProcessAsync("dotnet", typeof(Benchmarks).Assembly.Location, Program.FloorCommand));
        return new Comparison("3. validate cold vs the floor", harness, floor, "≤ 1.5×", c => c.Ratio <= 1.5);
    }

    /// <summary>
    /// <c>validate</c> of four targets (the reference integration on the sample backend) with
    /// <c>--workers 2</c> beside <c>--workers 1</c>, both as fresh processes: the speed-up of running
    /// targets side by side on this machine. The "floor" here is the one-at-a-time run.
    /// </summary>
    public async Task<Comparison> WorkersAsync(string cli, string target)
    {
        string[] args = [cli, "validate", target, target, target, target, "--backend", "sample", "--quiet"];
        var two = await Measurement.TimeAsync("4 targets, --workers 2", runs, () => RunProcessAsync("dotnet", [.. args, "--workers", "2"]));
        var one = await Measurement.TimeAsync("4 targets, --workers 1", runs, () => RunProcessAsync("dotnet", [.. args, "--workers", "1"]));
        return new Comparison($"5. validate --workers 2 vs 1 (4 targets; speed-up {one.Median / two.Median:0.00}×)", two, one, "< 1× (faster side by side)", c => c.Ratio < 1);
    }

    /// <summary>The floor process: the same Chromium, one page of the same kind of host, closed.</summary>
    public static async Task FloorAsync()
    {
        await using var host = await SimulatorServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = new BrowserLocator().Locate().ExecutablePath, Args = BrowserSession.RecommendedArgs });
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.BaseUrl.ToString());
    }

    private static async Task RunProcessAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {await output}{await errors}");
        }
    }

    private static ScenarioStep Step(ScenarioAction action, string sku, int? quantity = null) =>
        new(action, sku, quantity, null, null, new StepExpectations { Outcome = CallbackOutcome.Success });
}

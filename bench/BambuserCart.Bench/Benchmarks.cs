using System.Diagnostics;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using Microsoft.Playwright;

namespace BambuserCart.Bench;

/// <summary>The benchmarks of issue 10, each against a floor of plain Playwright on the same shop and browser.</summary>
internal sealed class Benchmarks(BrowserSession browser, SimulatorServer shop, int runs)
{
    /// <summary>Two in-stock SKUs of the sample shop.</summary>
    public static readonly string[] Skus = ["SHIRT-BLUE-M", "SNEAKER-42"];

    /// <summary>
    /// The same 5-step session through the scenario runner and as raw Playwright calls, a fresh
    /// context each, timed in turns with the layers between them (<see cref="ScenarioProfile"/>).
    /// </summary>
    public async Task<Comparison> ScenarioOverheadAsync()
    {
        var layers = await new ScenarioProfile(browser, shop, runs).RunAsync(FiveSteps());
        return new Comparison("1. harness overhead per scenario (5 steps)", layers[^1], layers[0], "≤ 1.2×", c => c.Ratio <= 1.2) { Breakdown = layers };
    }

    /// <summary>Benchmark 1's session: add, add, set quantity, remove, checkout on the sample shop.</summary>
    public static Scenario FiveSteps() =>
        new("bench: add, add, set quantity, remove, checkout", null, ScenarioTarget.Shop(), ScenarioSetup.None,
        [
            Step(ScenarioAction.Add, Skus[0]),
            Step(ScenarioAction.Add, Skus[1]),
            Step(ScenarioAction.SetQuantity, Skus[0], 3),
            Step(ScenarioAction.Remove, Skus[1]),
            new ScenarioStep(ScenarioAction.Checkout, null, null, null, null, new StepExpectations { Navigation = CheckoutNavigation.Miniplayer }),
        ]);

    /// <summary>1,000 agent events into one page with real cart requests, beside 1,000 plain fetch round trips from it.</summary>
    public async Task<Comparison> EventThroughputAsync(int events = 1_000)
    {
        await using var offline = await browser.NewContextAsync(shop.EmbedScript);
        var page = await offline.Context.NewPageAsync();
        await page.GotoAsync(shop.Url("?checkout=miniplayer").ToString());
        var widget = new WidgetDriver(page);
        await widget.ReadyAsync();
        await widget.AddToCartAsync(Skus[0]);

        // Ten rounds of a tenth each, events and fetches in turns, so a busy spell slows both alike.
        const int Rounds = 10;
        var perRound = events / Rounds;
        var sent = 0;
        var timed = await Measurement.InTurnsAsync(Rounds, ($"{perRound} agent events", EventsAsync), ($"{perRound} fetch round trips", FetchesAsync));
        var harness = new Measurement($"{events} agent events", [timed[0].Ms.Sum()]);
        var floor = new Measurement($"{events} fetch round trips", [timed[1].Ms.Sum()]);
        return new Comparison($"2. event throughput ({events} events; harness in events/s: {events / (harness.Median / 1000):0})", harness, floor, "≥ 200 events/s and ≤ 2×", c => events / (c.Harness.Median / 1000) >= 200 && c.Ratio <= 2);

        async Task EventsAsync()
        {
            for (var i = 0; i < perRound; i++)
            {
                // 1 ↔ 2: every event is an update the shop's cart API really makes.
                var outcome = await widget.SetQuantityAsync(Skus[0], 1 + (++sent % 2));
                if (outcome.Outcome != CallbackOutcome.Success)
                {
                    throw new InvalidOperationException($"event {sent}: {outcome.Outcome}");
                }
            }
        }

        async Task FetchesAsync()
        {
            for (var i = 0; i < perRound; i++)
            {
                await page.EvaluateAsync("() => fetch('/cart').then(r => r.text())");
            }
        }
    }

    /// <summary><c>validate</c> of the sample shop as a fresh process, beside a fresh process that opens one page of the same shop.</summary>
    public async Task<Comparison> ValidateColdAsync(string cli)
    {
        var timed = await Measurement.InTurnsAsync(
            runs,
            ("validate, process start to exit", () => RunProcessAsync("dotnet", cli, "validate", "--quiet")),
            ("launch, open one page, close", () => RunProcessAsync("dotnet", typeof(Benchmarks).Assembly.Location, Program.FloorCommand)));
        var (harness, floor) = (timed[0], timed[1]);
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
        var timed = await Measurement.InTurnsAsync(
            runs,
            ("4 targets, --workers 2", () => RunProcessAsync("dotnet", [.. args, "--workers", "2"])),
            ("4 targets, --workers 1", () => RunProcessAsync("dotnet", [.. args, "--workers", "1"])));
        var (two, one) = (timed[0], timed[1]);
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

using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using Microsoft.Playwright;

namespace BambuserCart.Bench;

/// <summary>
/// Benchmark 1 and where its overhead goes: the raw 5-step session with the runner's costs put back
/// one layer at a time (the offline context with its guard and evidence recorder; waiting for each
/// step's event to end and reading its evidence), beside the runner itself. The session fails no
/// cart request, so the runner sets no cart-fault route for it. The variants take turns within each round, so a noisy machine
/// slows them alike and the differences between neighbours are each layer's cost.
/// </summary>
internal sealed class ScenarioProfile(BrowserSession browser, SimulatorServer shop, int runs)
{
    [Flags]
    private enum Layers
    {
        None = 0,
        Offline = 1,
        EventEnd = 2,
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(Scenario scenario)
    {
        var runner = new ScenarioRunner(browser, shop);
        var variants = new (string Name, Func<Task> Run)[]
        {
            ("raw Playwright calls (the floor)", () => RawAsync(Layers.None)),
            ("+ the offline context (guard, evidence recorder)", () => RawAsync(Layers.Offline)),
            ("+ after each step: wait for its event to end, read its evidence", () => RawAsync(Layers.Offline | Layers.EventEnd)),
            ("the scenario runner", async () =>
            {
                var result = await runner.RunAsync(scenario);
                if (!result.Passed)
                {
                    throw new InvalidOperationException(result.FailureMessage());
                }
            }),
        };

        return await Measurement.InTurnsAsync(runs, variants);
    }

    private async Task RawAsync(Layers layers)
    {
        await using var offline = layers.HasFlag(Layers.Offline) ? await browser.NewContextAsync(shop.EmbedScript) : null;
        await using var plain = offline is null ? await browser.Browser.NewContextAsync() : null;
        var context = offline?.Context ?? plain!;
        if (plain is not null)
        {
            foreach (var embed in OfflineContext.EmbedUrls)
            {
                await plain.RouteAsync(embed, route => route.FulfillAsync(new() { Body = shop.EmbedScript, ContentType = "text/javascript" }));
            }
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Url("?checkout=miniplayer").ToString());
        await page.WaitForFunctionAsync("() => window.bambuserSimulator && window.bambuserSimulator.state().instances > 0");
        await StepAsync(page, layers, "sku => window.bambuserSimulator.agent.addToCart(sku)", Benchmarks.Skus[0]);
        await StepAsync(page, layers, "sku => window.bambuserSimulator.agent.addToCart(sku)", Benchmarks.Skus[1]);
        await StepAsync(page, layers, "([sku, q]) => window.bambuserSimulator.agent.setQuantity(sku, q)", new object[] { Benchmarks.Skus[0], 3 });
        await StepAsync(page, layers, "sku => window.bambuserSimulator.agent.removeFromCart(sku)", Benchmarks.Skus[1]);
        await StepAsync(page, layers, "() => window.bambuserSimulator.shopper.checkout()", null);
    }

    private static async Task StepAsync(IPage page, Layers layers, string expression, object? argument)
    {
        await page.EvaluateAsync(expression, argument);
        if (layers.HasFlag(Layers.EventEnd))
        {
            var busy = await PageEvidenceReader.WaitForEventToEndAsync(page, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(WidgetContract.DefaultCallbackTimeoutMs));
            _ = await PageEvidenceReader.ReadAsync(page);
            if (busy is not null)
            {
                throw new InvalidOperationException($"the event did not end: {busy}");
            }
        }
    }
}

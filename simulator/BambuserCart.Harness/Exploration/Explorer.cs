using System.Diagnostics;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;

namespace BambuserCart.Harness.Exploration;

/// <summary>
/// <c>explore</c>: plays seeded random agent sessions against an integration, each as a scenario
/// whose expectations come from the <see cref="IntegrationModel"/>, in a fresh page. The first
/// session that leaves the model is shrunk to a minimal one, replayed to confirm it fails the
/// same way every time, and handed back as a scenario that <c>replay</c> runs.
/// </summary>
public sealed class Explorer
{
    private readonly ScenarioRunner runner;
    private readonly ScenarioTarget target;
    private readonly ExploreCatalog catalog;
    private readonly ExploreSettings settings;
    private readonly bool readsNativeCart;

    /// <param name="shop">The sample shop host (the target of a shop exploration, and the fake embed's source).</param>
    public Explorer(BrowserSession browser, SimulatorServer shop, ScenarioTarget target, ExploreCatalog catalog, ExploreSettings settings)
    {
        runner = new ScenarioRunner(browser, shop);
        this.target = target;
        this.catalog = catalog;
        this.settings = settings;
        readsNativeCart = target.UsesSampleBackend || target.CartProbe is not null;
    }

    /// <exception cref="ScenarioException">The target is unreachable.</exception>
    public async Task<ExploreResult> RunAsync(IProgress<ExploreProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var steps = 0;

        // One look at the page first: whether it hydrates products decides what sessions hold,
        // and a widget that never starts needs no exploring to be reported.
        var preflight = await runner.RunAsync(Scenario("preflight", [new ScenarioStep(ScenarioAction.WaitFor, null, null, null, 1, StepExpectations.None)]), cancellation: cancellation);
        if (!preflight.Passed)
        {
            // Handed back as the simplest session, which replays red at the same place.
            var notStarted = Scenario("explore: the widget did not start", [.. IntegrationModel.Steps([new AgentMove(MoveKind.Add, 0, QuantityChange.Up, BackendCondition.Ok)], catalog, readsNativeCart, hydrates: false).Select(x => x.Step)]);
            var result = await runner.RunAsync(notStarted, cancellation: cancellation);
            return new ExploreResult(settings.Seed, 0, 0, clock.Elapsed, new ExploreFinding(0, 0, notStarted, result, Divergence.Of(result) ?? Divergence.Of(preflight)!, 0, 0));
        }

        var page = new PageHandlers(preflight.Handlers.Contains(WidgetContract.Events.ProvideProductData), preflight.Handlers.Contains(WidgetContract.Events.GotoCheckout));
        var played = 0;
        for (var run = 0; run < settings.Runs; run++)
        {
            // Each session is generated from the seed and its own number, so a shard plays exactly
            // the sessions an unsharded run would have played under those numbers.
            if (!settings.Shard.Includes(run))
            {
                continue;
            }

            if (clock.Elapsed >= settings.TimeBudget)
            {
                return new ExploreResult(settings.Seed, played, steps, clock.Elapsed, null) { StoppedByBudget = true };
            }

            played++;

            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new ExploreProgress("exploring", run + 1, settings.Runs, steps, settings.Seed));
            var moves = MoveGenerator.Session(settings.Seed, run, settings.MaxSteps);
            var (result, divergence, lastMove) = await PlayAsync(moves, page, $"session {run + 1} of seed {settings.Seed}", cancellation);
            steps += result?.Steps.Count ?? 0;
            if (divergence is null)
            {
                continue;
            }

            progress?.Report(new ExploreProgress("shrinking", run + 1, settings.Runs, steps, settings.Seed));
            var shrinker = new SessionShrinker(
                async candidate =>
                {
                    var (_, found, last) = await PlayAsync(candidate, page, "candidate", cancellation);
                    return (found, last);
                },
                settings.MaxShrinkRuns,
                catalog.Skus.Count);
            var (minimal, _) = await shrinker.ShrinkAsync(moves, divergence, lastMove, cancellation);

            progress?.Report(new ExploreProgress("confirming", run + 1, settings.Runs, steps, settings.Seed));
            var scenario = Scenario(
                $"explore: the minimal session of seed {settings.Seed}, session {run + 1}",
                [.. IntegrationModel.Steps(minimal, catalog, readsNativeCart, page.Hydrates, page.ChecksOut).Select(x => x.Step)]);
            var (confirmed, last, lastDivergence) = await ConfirmAsync(scenario, divergence.Kind, cancellation);
            return new ExploreResult(settings.Seed, played, steps, clock.Elapsed, new ExploreFinding(run + 1, moves.Length, scenario, last, lastDivergence ?? divergence, confirmed, settings.Confirmations) { ShrinkRuns = shrinker.Tries });
        }

        return new ExploreResult(settings.Seed, played, steps, clock.Elapsed, null);
    }

    private async Task<(ScenarioResult? Result, Divergence? Divergence, int LastMove)> PlayAsync(AgentMove[] moves, PageHandlers page, string name, CancellationToken cancellation)
    {
        var planned = IntegrationModel.Steps(moves, catalog, readsNativeCart, page.Hydrates, page.ChecksOut);
        if (planned.Count == 0)
        {
            return (null, null, -1);
        }

        var result = await runner.RunAsync(Scenario(name, [.. planned.Select(x => x.Step)]), cancellation: cancellation);
        var divergence = Divergence.Of(result);
        return (result, divergence, divergence is null ? -1 : planned[Math.Min(divergence.StepIndex, planned.Count - 1)].Move);
    }

    // The minimal session is run again: a divergence that comes and goes depends on timing, and says so.
    private async Task<(int Confirmed, ScenarioResult Last, Divergence? Divergence)> ConfirmAsync(Scenario scenario, string kind, CancellationToken cancellation)
    {
        var confirmed = 0;
        ScenarioResult? last = null;
        Divergence? lastDivergence = null;
        for (var i = 0; i < settings.Confirmations; i++)
        {
            var result = await runner.RunAsync(scenario, cancellation: cancellation);
            var divergence = Divergence.Of(result);
            if (divergence is not null && divergence.Kind == kind && divergence.StepIndex == scenario.Steps.Count - 1)
            {
                confirmed++;
                last = result;
                lastDivergence = divergence;
            }

            last ??= result;
        }

        return (confirmed, last!, lastDivergence);
    }

    /// <summary>What the page registered, read once before exploring: it decides which moves can be played.</summary>
    private sealed record PageHandlers(bool Hydrates, bool ChecksOut);

    private Scenario Scenario(string name, IReadOnlyList<ScenarioStep> steps) =>
        new(name, null, target, new ScenarioSetup(settings.CallbackTimeoutMs, []), steps) { Source = name };
}

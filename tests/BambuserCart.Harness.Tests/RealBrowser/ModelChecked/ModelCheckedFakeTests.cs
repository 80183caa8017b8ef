using CsCheck;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// The fake checked against a reference model (<see cref="CartModel"/>) through seeded random
/// agent sessions with answers of every kind. A divergence is shrunk by CsCheck to a minimal
/// session and reported step by step with its seed.
/// </summary>
public sealed class ModelCheckedFakeTests : BrowserTest
{
    [Test]
    public async Task Widget_cart_message_diagnostics_and_native_cart_follow_the_model_through_seeded_random_sessions()
    {
        var budget = ModelCheckBudget.FromEnvironment();
        var runner = NewRunner();
        var sessions = SessionGenerator.Sessions(budget.MaxSteps);

        for (var i = 0; i < budget.Sessions; i++)
        {
            var pcg = new PCG((uint)i, budget.Seed);
            var seed = pcg.ToString(pcg.State);
            var session = sessions.Generate(pcg, null, out _);
            if (await runner.RunAsync(session, new CartModel(SessionGenerator.Stock)) is { } divergence)
            {
                var shrunk = await new SessionShrinker(runner, () => new CartModel(SessionGenerator.Stock)).ShrinkAsync(sessions, seed, divergence);
                Assert.Fail($"session {i + 1} of seed {budget.Seed} diverged from the model at {divergence}\n{shrunk}");
            }
        }

        await TestContext.Progress.WriteLineAsync($"model check: {budget.Sessions} sessions, {runner.StepsPlayed} steps, seed {budget.Seed}, 0 divergences");
        Assert.That(runner.StepsPlayed, Is.GreaterThanOrEqualTo(budget.Sessions), "every session played at least one step");
    }

    [Test]
    public async Task Eight_contexts_playing_random_sessions_at_once_each_see_only_their_own_carts()
    {
        // One shop server, eight shoppers at once, each with its own session and model: a cart
        // line, a message or a widget state that leaked between them would diverge.
        const int Contexts = 8;
        var budget = ModelCheckBudget.FromEnvironment();
        var sessions = SessionGenerator.Sessions(budget.MaxSteps);
        var contexts = new List<Harness.Browsers.OfflineContext>();
        try
        {
            for (var i = 0; i < Contexts; i++)
            {
                contexts.Add(await BrowserTestEnvironment.Browser.NewContextAsync(Server.EmbedScript));
            }

            var results = await Task.WhenAll(contexts.Select(async (context, i) =>
            {
                var runner = new SessionRunner(await context.Context.NewPageAsync(), Server);
                var session = sessions.Generate(new PCG((uint)(1_000 + i), budget.Seed), null, out _);
                return (Context: i + 1, Divergence: await runner.RunAsync(session, new CartModel(SessionGenerator.Stock)), runner.StepsPlayed);
            }));

            Assert.That(results.Where(r => r.Divergence is not null).Select(r => $"context {r.Context}: {r.Divergence}"), Is.Empty);
            Assert.That(contexts.SelectMany(c => c.BlockedRequests), Is.Empty, "requests tried to leave 127.0.0.1");
            await TestContext.Progress.WriteLineAsync($"concurrent model check: {Contexts} contexts, {results.Sum(r => r.StepsPlayed)} steps at once, 0 divergences");
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task A_fake_that_differs_from_the_model_is_found_and_shrunk_to_the_one_step_that_shows_it()
    {
        // The check must be able to fail: against a model that believes a silent handler leaves no
        // message, the first session with a silent answer diverges, and shrinking keeps just that step.
        var runner = NewRunner();
        var sessions = SessionGenerator.Sessions(12);
        for (var i = 0; i < 200; i++)
        {
            var pcg = new PCG((uint)i, 7);
            var seed = pcg.ToString(pcg.State);
            var session = sessions.Generate(pcg, null, out _);
            if (!session.Any(s => s.Answer == PlannedAnswer.Silent))
            {
                continue;
            }

            CartModel Sabotaged() => new(SessionGenerator.Stock) { SilenceShowsNoMessage = true };
            if (await runner.RunAsync(session, Sabotaged()) is not { } divergence)
            {
                continue;
            }

            var shrunk = await new SessionShrinker(runner, Sabotaged).ShrinkAsync(sessions, seed, divergence);
            // The same minimal session every time, whatever CsCheck's random search found first.
            Assert.That(shrunk, Does.Match(@"^minimal session \(1 step, from seed \w+\):\n"), shrunk);
            Assert.That(shrunk, Does.EndWith("\n  1. add SHIRT-BLUE-M, answered Silent\nstep 1 (add SHIRT-BLUE-M, answered Silent): message: expected [none], got [timeout]"), shrunk);
            return;
        }

        Assert.Fail("no generated session with a silent answer diverged from the sabotaged model");
    }

    private SessionRunner NewRunner() => new(Page, Server);

}

using CsCheck;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// Makes a diverging session as small as it will go while it still diverges the same way:
/// CsCheck first (from the session's seed it tries smaller generated sessions, at random), then
/// deterministic passes to a fixed point, so the result does not depend on CsCheck's luck: a
/// divergence at step k needs nothing after k, so those steps are cut; each step is made simpler
/// (an add, the first SKU, a mirrored answer) where the divergence survives it; and each earlier
/// step is dropped where the divergence survives without it.
/// </summary>
internal sealed class SessionShrinker(SessionRunner runner, Func<CartModel> newModel)
{
    private const int CsCheckTries = 100;

    public async Task<string> ShrinkAsync(Gen<SessionStep[]> sessions, string seed, Divergence original)
    {
        SessionStep[]? smallest = null;
        try
        {
            await sessions.SampleAsync(
                async session =>
                {
                    if (await runner.RunAsync(session, newModel()) is { } divergence && divergence.Kind == original.Kind)
                    {
                        smallest = session;
                        throw new ModelDivergenceException(divergence.ToString());
                    }
                },
                seed: seed,
                iter: CsCheckTries,
                threads: 1,
                print: SessionGenerator.Print);
        }
        catch (CsCheckException)
        {
            // smallest holds the last (so the smallest) session CsCheck saw diverge.
        }

        if (smallest is null)
        {
            return $"it did not diverge again when replayed from its seed {seed}: the fake is not deterministic";
        }

        var (minimal, divergence) = await ToFixedPointAsync([.. smallest], original.Kind);
        return $"minimal session ({minimal.Count} step{(minimal.Count == 1 ? string.Empty : "s")}, from seed {seed}):\n{SessionGenerator.Print([.. minimal])}\n{divergence}";
    }

    private async Task<(List<SessionStep> Session, Divergence Divergence)> ToFixedPointAsync(List<SessionStep> session, string kind)
    {
        var divergence = (await runner.RunAsync(session, newModel()))!;
        session = session[..divergence.Step];
        bool changed;
        do
        {
            changed = false;
            for (var i = session.Count - 1; i >= 0; i--)
            {
                var candidates = Simpler(session[i]).Select(simpler => session.Select((s, j) => j == i ? simpler : s).ToList());
                if (session.Count > 1)
                {
                    candidates = candidates.Prepend(session.Where((_, j) => j != i).ToList());
                }

                foreach (var candidate in candidates.Where(c => c.Count > 0))
                {
                    if (await runner.RunAsync(candidate, newModel()) is { } still && still.Kind == kind)
                    {
                        session = candidate[..still.Step];
                        divergence = still;
                        changed = true;
                        break;
                    }
                }

                i = Math.Min(i, session.Count);
            }
        }
        while (changed);

        return (session, divergence);
    }

    // One value at a time, towards the generator's simplest: an add, the first SKU, a mirrored answer, quantity 0.
    private static IEnumerable<SessionStep> Simpler(SessionStep step)
    {
        if (step.Action != AgentAction.Add)
        {
            yield return step with { Action = AgentAction.Add, Quantity = 0 };
        }

        if (step.Sku != SessionGenerator.SimplestSku)
        {
            yield return step with { Sku = SessionGenerator.SimplestSku };
        }

        if (step.Answer != PlannedAnswer.Mirror)
        {
            yield return step with { Answer = PlannedAnswer.Mirror };
        }

        if (step.Quantity != 0)
        {
            yield return step with { Quantity = 0 };
        }
    }

    private sealed class ModelDivergenceException(string message) : Exception(message);
}

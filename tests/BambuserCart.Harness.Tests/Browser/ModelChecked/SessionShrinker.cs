using CsCheck;

namespace BambuserCart.Harness.Tests.Browser.ModelChecked;

/// <summary>
/// Makes a diverging session as small as it will go while it still diverges the same way:
/// CsCheck first (from the session's seed it tries smaller generated sessions), then, because a
/// divergence at step k needs nothing after k, the steps after it are cut and each earlier step
/// is dropped in turn where the divergence survives without it.
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

        var (minimal, divergence) = await DropStepsAsync([.. smallest], original.Kind);
        return $"minimal session ({minimal.Count} step{(minimal.Count == 1 ? string.Empty : "s")}, from seed {seed}):\n{SessionGenerator.Print([.. minimal])}\n{divergence}";
    }

    private async Task<(List<SessionStep> Session, Divergence Divergence)> DropStepsAsync(List<SessionStep> session, string kind)
    {
        var divergence = (await runner.RunAsync(session, newModel()))!;
        session = session[..divergence.Step];
        for (var i = session.Count - 2; i >= 0; i--)
        {
            var without = session.Where((_, j) => j != i).ToList();
            if (await runner.RunAsync(without, newModel()) is { } still && still.Kind == kind)
            {
                session = without[..still.Step];
                divergence = still;
                i = Math.Min(i, session.Count - 1);
            }
        }

        return (session, divergence);
    }

    private sealed class ModelDivergenceException(string message) : Exception(message);
}

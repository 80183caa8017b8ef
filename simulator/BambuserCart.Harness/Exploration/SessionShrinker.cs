using BambuserCart.Contract;

namespace BambuserCart.Harness.Exploration;

/// <summary>
/// Makes a diverging session as small and as plain as it will go while it still diverges the same
/// kind of way (<see cref="Divergence.Kind"/>). Every try is a real run against the page, so the
/// passes are the cheap, deterministic ones of delta debugging rather than a random search:
/// cut what comes after the divergence; try the diverging move alone; drop chunks of moves, halves
/// first, down to single moves; put the first SKU in place of another everywhere at once; then
/// simplify each move towards the generator's simplest (an add, the first SKU, a working backend);
/// repeated until nothing changes. The same session always shrinks to the same result. No run is
/// spent on what earlier runs already prove (<see cref="KnownRuns"/>).
/// </summary>
internal sealed class SessionShrinker
{
    private readonly Func<AgentMove[], Task<(Divergence? Divergence, int LastMove)>> run;
    private readonly int maxTries;
    private readonly int skuCount;

    /// <param name="run">Plays a session: its divergence (or null), and the index of the move its divergence came from.</param>
    /// <param name="maxTries">The most runs to spend; the smallest session found by then is the result.</param>
    /// <param name="skuCount">How many SKUs the catalog has: move indexes equal modulo it name the same SKU.</param>
    public SessionShrinker(Func<AgentMove[], Task<(Divergence? Divergence, int LastMove)>> run, int maxTries = 200, int skuCount = int.MaxValue)
    {
        this.run = run;
        this.maxTries = maxTries;
        this.skuCount = skuCount;
    }

    /// <summary>How many runs the last shrink took.</summary>
    public int Tries { get; private set; }

    public async Task<(AgentMove[] Moves, Divergence Divergence)> ShrinkAsync(AgentMove[] session, Divergence original, int lastMove, CancellationToken cancellation)
    {
        Tries = 0;
        var kind = original.Kind;
        var best = session[..(lastMove + 1)];
        var divergence = original;
        var known = new KnownRuns();
        known.Add(session, original, lastMove);

        async Task<bool> TryAsync(AgentMove[] candidate)
        {
            if (candidate.Length == 0)
            {
                return false;
            }

            if (!known.TryGet(candidate, out var found, out var last))
            {
                if (Tries >= maxTries)
                {
                    return false;
                }

                cancellation.ThrowIfCancellationRequested();
                Tries++;
                (found, last) = await run(candidate);
                known.Add(candidate, found, last);
            }

            if (found is null || found.Kind != kind)
            {
                return false;
            }

            best = candidate[..(last + 1)];
            divergence = found;
            return true;
        }

        bool changed;
        do
        {
            changed = false;
            // Many bugs need one move: this finds them in one run instead of a cascade of halvings.
            if (best.Length > 1 && await TryAsync([best[^1]]))
            {
                changed = true;
            }

            for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1; chunk /= 2)
            {
                for (var start = best.Length - chunk; start >= 0; start -= chunk)
                {
                    if (start + chunk <= best.Length && await TryAsync([.. best[..start], .. best[(start + chunk)..]]))
                    {
                        changed = true;
                    }
                }

                if (chunk == 1)
                {
                    break;
                }
            }

            // One SKU for another everywhere at once: "remove B, re-add B" needs both moves to change together.
            foreach (var sku in best.Select(m => m.Sku % skuCount).Where(s => s != 0).Distinct().ToList())
            {
                if (await TryAsync([.. best.Select(m => m.Sku % skuCount == sku ? m with { Sku = 0 } : m)]))
                {
                    changed = true;
                }
            }

            for (var i = best.Length - 1; i >= 0; i--)
            {
                foreach (var simpler in Simpler(best[i]))
                {
                    if (i < best.Length && await TryAsync([.. best[..i], simpler, .. best[(i + 1)..]]))
                    {
                        changed = true;
                        break;
                    }
                }
            }
        }
        while (changed && Tries < maxTries);

        return (best, divergence);
    }

    // One value at a time, towards the simplest: an add, the first SKU, one more, a working backend.
    private static IEnumerable<AgentMove> Simpler(AgentMove move)
    {
        if (move.Kind != MoveKind.Add)
        {
            yield return move with { Kind = MoveKind.Add };
        }

        // "setQuantity 0" reads better as what it is.
        if (move is { Kind: MoveKind.SetQuantity, Change: QuantityChange.Zero })
        {
            yield return move with { Kind = MoveKind.Remove, Change = QuantityChange.Up };
        }

        if (move.Sku != 0)
        {
            yield return move with { Sku = 0 };
        }

        if (move.Backend != BackendCondition.Ok)
        {
            yield return move with { Backend = BackendCondition.Ok };
        }

        if (move.Change != QuantityChange.Up)
        {
            yield return move with { Change = QuantityChange.Up };
        }
    }

    /// <summary>
    /// The sessions played so far and where each diverged. A candidate played before gets the same
    /// answer again. A candidate that is the start of a played session, ending before the move it
    /// diverged at, passes without a run: its steps are that session's first steps, played the
    /// same way on a fresh page, and they all held. (Cutting a chunk off the end is such a start.)
    /// </summary>
    private sealed class KnownRuns
    {
        private readonly List<(AgentMove[] Moves, Divergence? Divergence, int LastMove)> played = [];

        public void Add(AgentMove[] moves, Divergence? divergence, int lastMove) => played.Add((moves, divergence, lastMove));

        public bool TryGet(AgentMove[] candidate, out Divergence? divergence, out int lastMove)
        {
            foreach (var run in played)
            {
                if (run.Moves.AsSpan().SequenceEqual(candidate))
                {
                    (divergence, lastMove) = (run.Divergence, run.LastMove);
                    return true;
                }

                var held = run.Divergence is null ? run.Moves.Length : run.LastMove;
                if (candidate.Length <= held && run.Moves.AsSpan(0, candidate.Length).SequenceEqual(candidate))
                {
                    (divergence, lastMove) = (null, -1);
                    return true;
                }
            }

            (divergence, lastMove) = (null, -1);
            return false;
        }
    }
}

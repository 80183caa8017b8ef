using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Exploration;
using BambuserCart.Harness.Scenarios;

namespace BambuserCart.Harness.Tests.Exploration;

/// <summary>Shrinking against a stand-in for the page: deterministic, minimal, and never drifting to another kind of failure.</summary>
public sealed class SessionShrinkerTests
{
    [Test]
    public async Task A_bug_needing_remove_then_re_add_shrinks_to_those_moves_of_the_simplest_sku()
    {
        // The stand-in page fails when a line is removed and the same SKU is added again, like an
        // integration whose removal leaves a stale quantity behind.
        AgentMove[] session =
        [
            Move(MoveKind.Add, 1), Move(MoveKind.SetQuantity, 0), Move(MoveKind.Add, 2), Move(MoveKind.Add, 3),
            Move(MoveKind.Remove, 2), Move(MoveKind.Add, 4), Move(MoveKind.Add, 3), Move(MoveKind.Add, 5), Move(MoveKind.Remove, 1),
        ];
        var shrinker = new SessionShrinker(moves => Task.FromResult(RemoveThenReAdd(moves)));
        var (_, last) = RemoveThenReAdd(session);

        var (minimal, divergence) = await shrinker.ShrinkAsync(session, RemoveThenReAdd(session).Divergence!, last, CancellationToken.None);

        Assert.That(minimal, Is.EqualTo(new[] { Move(MoveKind.Add, 0), Move(MoveKind.Remove, 0), Move(MoveKind.Add, 0) }));
        Assert.That(divergence.Kind, Is.EqualTo("add: nativeCart"));
        Assert.That(shrinker.Tries, Is.LessThan(200));
    }

    [Test]
    public async Task Shrinking_keeps_only_sessions_that_fail_the_same_kind_of_way()
    {
        // Any session of two or more moves fails differently: shrinking must not trade the
        // original failure (on a lone add of SKU 2) for that one.
        var session = new[] { Move(MoveKind.Add, 1), Move(MoveKind.Add, 2) };
        static (Divergence?, int) Run(AgentMove[] moves) =>
            moves.Length >= 2 ? (Fail("remove: outcome"), moves.Length - 1)
            : moves.Any(m => m.Sku == 2) ? (Fail("add: nativeCart"), 0)
            : (null, -1);
        var shrinker = new SessionShrinker(moves => Task.FromResult(Run(moves)));

        var (minimal, divergence) = await shrinker.ShrinkAsync(session, Fail("add: nativeCart"), 1, CancellationToken.None);

        Assert.That(minimal, Is.EqualTo(new[] { Move(MoveKind.Add, 2) }));
        Assert.That(divergence.Kind, Is.EqualTo("add: nativeCart"));
    }

    [Test]
    public async Task A_bug_of_one_move_shrinks_to_that_move_in_one_run_before_any_halving()
    {
        // Only an add of SKU 3 fails, wherever it comes: the diverging move alone is the first try.
        AgentMove[] session = [Move(MoveKind.Add, 1), Move(MoveKind.Add, 2), Move(MoveKind.SetQuantity, 1), Move(MoveKind.Add, 4), Move(MoveKind.Add, 3)];
        static (Divergence?, int) Run(AgentMove[] moves)
        {
            var at = Array.FindIndex(moves, m => m is { Kind: MoveKind.Add, Sku: 3 });
            return at < 0 ? (null, -1) : (Fail("add: nativeCart"), at);
        }

        var runs = new List<AgentMove[]>();
        var shrinker = new SessionShrinker(moves => Task.FromResult(Run(Recorded(runs, moves))), skuCount: 5);

        var (minimal, _) = await shrinker.ShrinkAsync(session, Fail("add: nativeCart"), 4, CancellationToken.None);

        Assert.That(minimal, Is.EqualTo(new[] { Move(MoveKind.Add, 3) }));
        Assert.That(runs[0], Is.EqualTo(new[] { Move(MoveKind.Add, 3) }), "first run");
        Assert.That(runs, Has.Count.EqualTo(2), "the move alone, then the first SKU in its place (which passes); nothing else is left to try");
    }

    [Test]
    public async Task No_session_is_run_twice_and_no_start_of_a_played_session_that_held_is_run()
    {
        AgentMove[] session =
        [
            Move(MoveKind.Add, 1), Move(MoveKind.SetQuantity, 0), Move(MoveKind.Add, 2), Move(MoveKind.Add, 3),
            Move(MoveKind.Remove, 2), Move(MoveKind.Add, 4), Move(MoveKind.Add, 3), Move(MoveKind.Add, 5), Move(MoveKind.Remove, 1),
        ];
        var runs = new List<AgentMove[]>();
        var shrinker = new SessionShrinker(moves => Task.FromResult(RemoveThenReAdd(Recorded(runs, moves))));
        var (_, last) = RemoveThenReAdd(session);
        runs.Add(session);

        await shrinker.ShrinkAsync(session, RemoveThenReAdd(session).Divergence!, last, CancellationToken.None);

        for (var i = 1; i < runs.Count; i++)
        {
            var candidate = runs[i];
            foreach (var earlier in runs.Take(i))
            {
                var (divergence, diverged) = RemoveThenReAdd(earlier);
                var held = divergence is null ? earlier.Length : diverged;
                var isStart = candidate.Length <= earlier.Length && earlier.AsSpan(0, candidate.Length).SequenceEqual(candidate);
                Assert.That(candidate.SequenceEqual(earlier), Is.False, $"run {i} repeats an earlier run: {string.Join(", ", candidate)}");
                Assert.That(isStart && candidate.Length <= held, Is.False, $"run {i} is the start of an earlier run that held that far: {string.Join(", ", candidate)}");
            }
        }

        Assert.That(shrinker.Tries, Is.EqualTo(runs.Count - 1), "Tries counts only real runs");
    }

    private static AgentMove[] Recorded(List<AgentMove[]> runs, AgentMove[] moves)
    {
        runs.Add(moves);
        return moves;
    }

    private static (Divergence? Divergence, int LastMove) RemoveThenReAdd(AgentMove[] moves)
    {
        var removed = new HashSet<int>();
        var inCart = new List<int>();
        for (var i = 0; i < moves.Length; i++)
        {
            var move = moves[i];
            if (move.Kind is MoveKind.Remove && inCart.Count > 0)
            {
                var sku = inCart[move.Sku % inCart.Count];
                inCart.Remove(sku);
                removed.Add(sku);
            }
            else if (move.Kind is MoveKind.Add or MoveKind.Remove or MoveKind.SetQuantity)
            {
                var sku = move.Kind == MoveKind.Add ? move.Sku : inCart.Count > 0 ? inCart[move.Sku % inCart.Count] : move.Sku;
                if (removed.Contains(sku) && !inCart.Contains(sku))
                {
                    return (Fail("add: nativeCart"), i);
                }

                if (!inCart.Contains(sku))
                {
                    inCart.Add(sku);
                }
            }
        }

        return (null, -1);
    }

    private static Divergence Fail(string kind) =>
        new(0, kind, new StepResult(0, new ScenarioStep(ScenarioAction.Add, "X", null, null, null, StepExpectations.None), [kind]));

    private static AgentMove Move(MoveKind kind, int sku) => new(kind, sku, QuantityChange.Up, BackendCondition.Ok);
}

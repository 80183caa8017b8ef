using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios;

namespace BambuserCart.Harness.Exploration;

/// <summary>What an exploration did, and the divergence it found (null: none).</summary>
public sealed record ExploreResult(ulong Seed, int Runs, int Steps, TimeSpan Duration, ExploreFinding? Finding)
{
    /// <summary>The time budget ran out before every run was played.</summary>
    public bool StoppedByBudget { get; init; }
}

/// <summary>
/// A session that left the model, shrunk: the minimal scenario (its expectations are the model's),
/// the failing run of it, and how many confirming runs failed the same way.
/// </summary>
/// <param name="Run">The 1-based run that first diverged.</param>
public sealed record ExploreFinding(int Run, int OriginalMoves, Scenario Minimal, ScenarioResult Result, Divergence Divergence, int Confirmed, int Confirmations)
{
    public int ShrinkRuns { get; init; }

    /// <summary>Every confirming run failed at the same step the same kind of way.</summary>
    public bool Reproducible => Confirmed == Confirmations;
}

/// <summary>Where an exploration is, for a progress line.</summary>
public sealed record ExploreProgress(string Phase, int Run, int Runs, int Steps, ulong Seed);

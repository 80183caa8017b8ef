using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Exploration;

/// <summary>How much to explore, and how.</summary>
public sealed record ExploreSettings
{
    /// <summary>Sessions to play (each a fresh page).</summary>
    public int Runs { get; init; } = 50;

    /// <summary>The most moves in a session.</summary>
    public int MaxSteps { get; init; } = 12;

    /// <summary>The seed; the same seed plays the same sessions.</summary>
    public ulong Seed { get; init; }

    /// <summary>No new session starts after this; the one in flight, and a shrink, finish.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The widget's callback timeout in every session.</summary>
    public int CallbackTimeoutMs { get; init; } = 5_000;

    /// <summary>Runs of the minimal session that must fail the same way before it is reported as reproducible.</summary>
    public int Confirmations { get; init; } = 3;

    /// <summary>The sessions this machine plays: session k (0-based) when <see cref="Shard.Includes"/> k.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>The most runs shrinking may spend.</summary>
    public int MaxShrinkRuns { get; init; } = 200;

    /// <summary>The problem with these settings, or null when they are fine.</summary>
    public string? Problem() => this switch
    {
        { Runs: < 1 or > 100_000 } => $"{RunInput.Runs.Named()}: must be from 1 to 100000, got {Runs}",
        { MaxSteps: < 1 or > Scenarios.ScenarioLoader.MaxSteps } => $"{RunInput.Steps.Named()}: must be from 1 to {Scenarios.ScenarioLoader.MaxSteps}, got {MaxSteps}",
        { CallbackTimeoutMs: < 1 or > 600_000 } => $"{RunInput.CallbackTimeout.Named()}: must be from 1 to 600000 ms, got {CallbackTimeoutMs}",
        _ when TimeBudget <= TimeSpan.Zero || TimeBudget > TimeSpan.FromDays(1) => $"{RunInput.TimeBudget.Named()}: must be from 1 s to a day, got {TimeBudget.TotalSeconds:0} s",
        _ => null,
    };
}

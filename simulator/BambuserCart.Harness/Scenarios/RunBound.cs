using System.Diagnostics;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// The bound on a whole replay (<c>--max-time</c>), shared by every scenario in it. Each step is
/// bounded by its own callback timeout, but a long list of slow steps is not: past this bound the
/// step in flight fails by name and no further step or scenario starts.
/// </summary>
internal sealed class RunBound
{
    /// <summary>The longest bound: a day, as for validate.</summary>
    public const int MaxSecondsLimit = 86_400;

    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <param name="seconds">From 1 to <see cref="MaxSecondsLimit"/>; the caller has checked it.</param>
    public RunBound(int seconds) => Limit = TimeSpan.FromSeconds(seconds);

    public TimeSpan Limit { get; }

    /// <summary>Time left, never negative.</summary>
    public TimeSpan Remaining => Limit > clock.Elapsed ? Limit - clock.Elapsed : TimeSpan.Zero;

    public bool Reached => Remaining == TimeSpan.Zero;

    /// <summary>"the run reached its --max-time of 30 s", for failure lines.</summary>
    public string Description => $"the run reached its {RunInput.MaxTime.Named()} of {Limit.TotalSeconds:0} s";

    /// <summary>The error for an out-of-range <c>--max-time</c>, or null when it is fine.</summary>
    public static string? Problem(int seconds) =>
        seconds is < 1 or > MaxSecondsLimit ? $"{RunInput.MaxTime.Named()}: must be from 1 to {MaxSecondsLimit} s, got {seconds}" : null;
}

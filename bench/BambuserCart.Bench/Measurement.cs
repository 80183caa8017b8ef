using System.Diagnostics;

namespace BambuserCart.Bench;

/// <summary>Several timed runs of one thing: its median and spread, in milliseconds.</summary>
internal sealed record Measurement(string Name, IReadOnlyList<double> Ms)
{
    public double Median
    {
        get
        {
            var sorted = Ms.Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Ms.Min();

    public double Max => Ms.Max();

    public static async Task<Measurement> TimeAsync(string name, int runs, Func<Task> run)
    {
        await run(); // warm-up: JIT and first-connection costs are not what is compared
        var ms = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            ms.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Measurement(name, ms);
    }

    /// <summary>
    /// Several things timed in turns: each round runs every one once, in order, after one warm-up
    /// round. A machine that is busy for a while slows them all alike, so their ratio holds where
    /// timing each in a block of its own would compare one quiet spell with one busy one.
    /// </summary>
    public static async Task<IReadOnlyList<Measurement>> InTurnsAsync(int runs, params (string Name, Func<Task> Run)[] variants)
    {
        foreach (var (_, run) in variants)
        {
            await run();
        }

        var times = variants.Select(_ => new List<double>()).ToList();
        for (var round = 0; round < runs; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var clock = Stopwatch.StartNew();
                await variants[v].Run();
                times[v].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return [.. variants.Select((v, i) => new Measurement(v.Name, times[i]))];
    }
}

/// <summary>One benchmark: the harness's figure beside its floor, and the goal for their ratio.</summary>
internal sealed record Comparison(string Benchmark, Measurement Harness, Measurement Floor, string Goal, Func<Comparison, bool> Met)
{
    public double Ratio => Harness.Median / Floor.Median;

    /// <summary>The floor with the harness's costs put back one at a time, ending in the harness: where the ratio comes from.</summary>
    public IReadOnlyList<Measurement> Breakdown { get; init; } = [];

    public bool GoalMet => Met(this);
}

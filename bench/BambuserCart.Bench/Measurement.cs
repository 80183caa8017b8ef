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
}

/// <summary>One benchmark: the harness's figure beside its floor, and the goal for their ratio.</summary>
internal sealed record Comparison(string Benchmark, Measurement Harness, Measurement Floor, string Goal, Func<Comparison, bool> Met)
{
    public double Ratio => Harness.Median / Floor.Median;

    public bool GoalMet => Met(this);
}

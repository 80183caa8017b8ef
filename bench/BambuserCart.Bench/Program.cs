using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using BambuserCart.Bench;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using Spectre.Console;

var runs = new Option<int>("--runs") { Description = "Timed runs of each measurement (after one warm-up).", DefaultValueFactory = _ => 5 };
var cli = new Option<FileInfo>("--cli") { Description = "The built bambuser-cart.dll that benchmark 3 starts.", DefaultValueFactory = _ => new FileInfo(RepoPath("simulator/BambuserCart.Cli/bin/Release/net10.0/bambuser-cart.dll")) };
var output = new Option<FileInfo>("--out") { Description = "Where to write the figures as JSON.", DefaultValueFactory = _ => new FileInfo(RepoPath($"artifacts/bench/bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json")) };
var results = new Option<DirectoryInfo>("--test-results") { Description = "Where the last dotnet test left its TRX files, for benchmark 4.", DefaultValueFactory = _ => new DirectoryInfo(RepoPath("TestResults")) };
var only = new Option<int[]>("--only") { Description = "Run only these benchmarks (1, 2, 3, 5), e.g. --only 1 --only 3.", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("BambuserCart's benchmarks: the harness beside plain Playwright on the same shop and browser, as ratios measured in the same run.") { runs, cli, output, results, only };
root.Subcommands.Add(new Command(Program.FloorCommand, "The floor of benchmark 3 (run by it): launch Chromium, open one page of the shop, close.") { Hidden = true });
root.Subcommands[0].SetAction(async (_, _) =>
{
    await Benchmarks.FloorAsync();
    return 0;
});
root.SetAction(async (result, cancellation) =>
{
    var count = result.GetValue(runs);
    var cliPath = result.GetValue(cli)!;
    var selected = result.GetValue(only) is { Length: > 0 } chosen ? chosen.ToHashSet() : [1, 2, 3, 5];
    if (selected.Where(n => n is not (1 or 2 or 3 or 5)).ToList() is [var unknown, ..])
    {
        await Console.Error.WriteLineAsync($"error: --only: there is no benchmark {unknown}; choose from 1, 2, 3 and 5 (4 is the suite, read from --test-results)");
        return 2;
    }

    if (count < 1 || !cliPath.Exists)
    {
        await Console.Error.WriteLineAsync(count < 1 ? "error: --runs must be 1 or more" : $"error: --cli: {cliPath.FullName} not found; build it with 'dotnet build simulator/BambuserCart.Cli -c Release'");
        return 2;
    }

    await using var shop = await SimulatorServer.StartAsync();
    await using var browser = await BrowserSession.OpenAsync();
    var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {browser.Choice.Description}";
    AnsiConsole.MarkupLineInterpolated($"[bold]BambuserCart benchmarks[/] — {machine}, {count} runs each");
    var benchmarks = new Benchmarks(browser, shop, count);
    var comparisons = new List<Comparison>();
    foreach (var (number, name, run) in new (int, string, Func<Task<Comparison>>)[]
    {
        (1, "1. scenario overhead", benchmarks.ScenarioOverheadAsync),
        (2, "2. event throughput", () => benchmarks.EventThroughputAsync()),
        (3, "3. validate cold", () => benchmarks.ValidateColdAsync(cliPath.FullName)),
        (5, "5. validate --workers", () => benchmarks.WorkersAsync(cliPath.FullName, RepoPath("fixtures/integrations/reference.js"))),
    })
    {
        if (selected.Contains(number))
        {
            AnsiConsole.MarkupLineInterpolated($"  running {name}…");
            comparisons.Add(await run());
        }
    }

    var table = new Table().AddColumns("Benchmark", "Harness: median (min–max)", "Floor: median (min–max)", "Ratio", "Goal", "Met");
    foreach (var c in comparisons)
    {
        table.AddRow(Markup.Escape(c.Benchmark), Describe(c.Harness), Describe(c.Floor), $"{c.Ratio:0.00}×", Markup.Escape(c.Goal), c.GoalMet ? "[green]yes[/]" : "[red]no[/]");
    }

    AnsiConsole.Write(table);
    foreach (var c in comparisons.Where(c => c.Breakdown.Count > 0))
    {
        var layers = new Table().AddColumns($"{Markup.Escape(c.Benchmark)}: the floor with the harness's costs put back (timed in turns)", "Median (min–max)", "Added");
        for (var i = 0; i < c.Breakdown.Count; i++)
        {
            var added = i == 0 ? "" : $"{c.Breakdown[i].Median - c.Breakdown[i - 1].Median:+0;-0} ms";
            layers.AddRow(Markup.Escape(c.Breakdown[i].Name), Describe(c.Breakdown[i]), added);
        }

        AnsiConsole.Write(layers);
    }

    var suite = SuiteTotals.FromLatestRun(result.GetValue(results)!.FullName);
    if (suite.Count > 0)
    {
        var suiteTable = new Table().AddColumns("4. suite: fixture (last dotnet test)", "Tests", "Test time");
        foreach (var fixture in suite.Take(10))
        {
            suiteTable.AddRow(Markup.Escape(fixture.Fixture), fixture.Tests.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{fixture.Seconds:0} s");
        }

        suiteTable.AddRow("[bold]all[/]", suite.Sum(f => f.Tests).ToString(System.Globalization.CultureInfo.InvariantCulture), $"[bold]{suite.Sum(f => f.Seconds):0} s[/]");
        AnsiConsole.Write(suiteTable);
    }

    var path = result.GetValue(output)!;
    Directory.CreateDirectory(path.DirectoryName!);
    await File.WriteAllTextAsync(path.FullName, JsonSerializer.Serialize(
        new
        {
            machine,
            runs = count,
            benchmarks = comparisons.Select(c => new { c.Benchmark, harness = c.Harness, floor = c.Floor, ratio = c.Ratio, c.Goal, met = c.GoalMet, breakdown = c.Breakdown }),
            suite,
        },
        new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
        cancellation);
    AnsiConsole.MarkupLineInterpolated($"figures: {path.FullName}");
    return 0;
});
return await root.Parse(args).InvokeAsync();

static string Describe(Measurement m) => $"{m.Median:0} ms ({m.Min:0}–{m.Max:0})";

// The repository root (beside BambuserCart.sln), so the defaults work from any folder.
static string RepoPath(string relative)
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "BambuserCart.sln")))
        {
            return Path.Combine(directory.FullName, relative);
        }
    }

    return Path.GetFullPath(relative);
}

internal static partial class Program
{
    public const string FloorCommand = "floor";
}

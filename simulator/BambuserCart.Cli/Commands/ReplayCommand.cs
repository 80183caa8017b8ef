using System.CommandLine;
using BambuserCart.Cli.Output;
using BambuserCart.Harness;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using Spectre.Console;

namespace BambuserCart.Cli.Commands;

/// <summary><c>replay FILE…</c>: runs scenario files and prints each step with its outcome.</summary>
public static class ReplayCommand
{
    /// <summary>The default --max-time, as for validate: 15 minutes.</summary>
    public const int DefaultMaxSeconds = 900;

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Scenario files to replay.", Arity = ArgumentArity.OneOrMore }.RefusingOptionLikeTokens();
        var target = new Option<string?>("--target") { Description = "Replay against this page URL instead of each scenario's target (its cartProbe and cartApi are kept)." };
        var cartApi = new Option<string?>("--cart-api") { Description = "For a URL target: URL glob of the cart backend's requests, where a step's backend condition is injected (default **/cart/**)." };
        var sets = new Option<string[]>("--set") { Description = "Override a value for this run, e.g. setup.callbackTimeoutMs=500 (repeatable)." };
        var artifacts = new Option<DirectoryInfo>("--artifacts")
        {
            Description = "Where a failed scenario keeps its Playwright trace, screenshot and event trace.",
            DefaultValueFactory = _ => new DirectoryInfo("artifacts"),
        };
        var browserPath = new Option<string?>("--browser") { Description = "Chromium or Chrome to use." };
        var connect = ConnectOption.Create();
        var shard = ShardOption.Create("the scenario files (in path order, file k goes to part k mod n + 1)");
        var maxTime = new Option<int>("--max-time") { Description = "Bound on the whole replay, in seconds: past it the step in flight fails by name and the scenarios not yet run count as failed.", DefaultValueFactory = _ => DefaultMaxSeconds };

        var command = new Command("replay", "Replay scenario files; exit 0 all passed, 1 a step failed, 2 bad input, 3 environment error.")
        {
            files, target, cartApi, sets, artifacts, browserPath, connect, maxTime, shard,
        };
        command.SetAction((result, cancellation) => RunAsync(
            new ReplayRequest(result.GetValue(files)!, new ScenarioTargetOptions(result.GetValue(target), result.GetValue(cartApi)), result.GetValue(sets) ?? [], result.GetValue(artifacts)!, result.GetValue(browserPath)) { MaxSeconds = result.GetValue(maxTime), Shard = result.GetValue(shard)!, Connect = result.GetValue(connect) },
            Terminal.Create(),
            Console.Error,
            cancellation));
        return command;
    }

    internal static Task<int> RunAsync(ReplayRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation) =>
        CommandErrors.GuardAsync(errors, async () =>
        {
            if (RunBound.Problem(request.MaxSeconds) is { } problem)
            {
                throw new ScenarioException(problem);
            }

            if (File.Exists(request.Artifacts.FullName))
            {
                throw new ScenarioException($"--artifacts: {request.Artifacts.FullName} is a file; give a folder (it is created when needed)");
            }

            await using var shop = await SimulatorServer.StartAsync();
            // Every file is checked before the browser starts: a typo in the third file should not cost two runs.
            var all = request.Files.Select(f => ScenarioLoader.Load(f.FullName, shop.Catalog, request.Overrides, request.Target)).ToList();
            // Every machine of a sharded run loads (and so checks) every file, then keeps its part.
            // Membership follows path order, so it does not depend on the order the shell listed
            // the files in; the files kept still run in the order given, which the user chose.
            var inShard = all.Select(s => s.Source).Order(StringComparer.Ordinal).Where((_, k) => request.Shard.Includes(k)).ToHashSet(StringComparer.Ordinal);
            var scenarios = all.Where(s => inShard.Contains(s.Source)).ToList();
            if (request.Shard != Shard.All)
            {
                console.WriteLine($"replay: shard {request.Shard}: {scenarios.Count} of {all.Count} scenario files");
                if (scenarios.Count == 0)
                {
                    return ExitCodes.Success;
                }
            }

            await using var browser = await BrowserSession.OpenAsync(request.BrowserPath, request.Connect);
            var runner = new ScenarioRunner(browser, shop);
            // The bound covers the whole replay, from the first scenario's start; loading is not timed.
            var bound = new RunBound(request.MaxSeconds);
            var passed = 0;
            foreach (var scenario in scenarios)
            {
                console.MarkupLineInterpolated($"[bold]{TerminalText.Clean(scenario.Name)}[/] ({scenario.Source})");
                if (bound.Reached)
                {
                    console.WriteLine($"  not run: {bound.Description}");
                    continue;
                }

                var result = await runner.RunAsync(
                    scenario,
                    new ScenarioRunOptions { ArtifactsDirectory = request.Artifacts.FullName, Progress = new StepPrinter(console), Bound = bound },
                    cancellation);
                // A scenario stopped part-way proves nothing either way: the replay ends as cancelled.
                cancellation.ThrowIfCancellationRequested();
                if (result.Passed)
                {
                    passed++;
                    continue;
                }

                console.WriteLine(TerminalText.Clean(result.FailureMessage()));
                foreach (var file in result.Artifacts)
                {
                    console.WriteLine($"  kept {file}");
                }
            }

            var failed = scenarios.Count - passed;
            console.MarkupLine($"replay: {passed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.ChecksFailed;
        }, cancellation);

    private sealed class StepPrinter(IAnsiConsole console) : IProgress<StepResult>
    {
        public void Report(StepResult value)
        {
            var mark = value.Passed ? "[green]✓[/]" : "[red]✗[/]";
            console.MarkupLine($"  {mark} {value.Index + 1}. {Markup.Escape(TerminalText.Clean(value.Step.Describe()))} → {Markup.Escape(TerminalText.Clean(value.Happened))}");
        }
    }
}

internal sealed record ReplayRequest(FileInfo[] Files, ScenarioTargetOptions Target, IReadOnlyList<string> Overrides, DirectoryInfo Artifacts, string? BrowserPath)
{
    public int MaxSeconds { get; init; } = ReplayCommand.DefaultMaxSeconds;

    public Shard Shard { get; init; } = Shard.All;

    /// <summary>A Playwright browser server to use instead of launching a browser.</summary>
    public string? Connect { get; init; }
}

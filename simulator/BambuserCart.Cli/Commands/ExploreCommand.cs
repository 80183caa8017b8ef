using System.CommandLine;
using BambuserCart.Cli.Output;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Exploration;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;
using Spectre.Console;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// <c>explore [TARGET]</c>: seeded random agent sessions against an integration, each step
/// compared with the reference model; the first divergence is shrunk, confirmed and saved as a
/// scenario file that <c>replay</c> runs red until the integration is fixed.
/// </summary>
public static class ExploreCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("TARGET")
        {
            Description = "As for validate: an http(s):// URL, a local .html file, or a local .js integration script. None: the built-in sample shop.",
            Arity = ArgumentArity.ZeroOrOne,
        }.RefusingOptionLikeTokens();
        var runs = new Option<int>("--runs") { Description = "Sessions to play, each in a fresh page.", DefaultValueFactory = _ => 50 };
        var steps = new Option<int>("--steps") { Description = "The most agent moves in a session.", DefaultValueFactory = _ => 12 };
        var seed = new Option<ulong?>("--seed") { Description = "The seed (the same seed plays the same sessions). Default: a new one, printed." };
        var budget = new Option<int>("--time-budget") { Description = "Seconds after which no new session starts (a shrink in progress finishes).", DefaultValueFactory = _ => 600 };
        var save = new Option<FileInfo?>("--save") { Description = "Where to write the minimal failing session as a scenario (default: artifacts/explore/<target>-seed-<seed>.json; never replaces a file)." };
        var skus = new Option<string[]>("--sku") { Description = "Without the sample backend: an in-stock SKU, with at least 4 in stock (repeatable)." };
        var outOfStock = new Option<string?>("--out-of-stock-sku") { Description = "Without the sample backend: a SKU the native cart refuses as out of stock." };
        var unknownSku = new Option<string?>("--unknown-sku") { Description = $"A SKU the shop does not sell (default {ValidationSettings.DefaultUnknownSku})." };
        var backend = new Option<string?>("--backend") { Description = "'sample': mount the sample shop's cart API and catalog on a local file's origin." };
        backend.AcceptOnlyFromAmong("sample");
        var probe = new Option<string?>("--cart-probe") { Description = "JavaScript expression giving the native cart as [{sku, quantity}] (built in for the sample backend)." };
        var cartApi = new Option<string?>("--cart-api") { Description = "URL glob of the native cart backend's requests, for backend conditions (default **/cart/**)." };
        var timeout = new Option<int>("--timeout") { Description = "Widget callback timeout, in ms.", DefaultValueFactory = _ => 5_000 };
        var browserPath = new Option<string?>("--browser") { Description = "Chromium or Chrome to use." };
        var connect = ConnectOption.Create();
        var shard = ShardOption.Create("the --runs sessions (session k goes to part k mod n + 1)");

        var command = new Command("explore", "Play seeded random agent sessions against an integration and shrink the first divergence from the contract to a replayable scenario; exit 0 none found, 1 one found, 2 bad input, 3 environment error.")
        {
            target, runs, steps, seed, budget, save, skus, outOfStock, unknownSku, backend, probe, cartApi, timeout, browserPath, connect, shard,
        };
        command.SetAction((result, cancellation) => RunAsync(
            new ExploreRequest(
                result.GetValue(target),
                new ExploreSettings
                {
                    Runs = result.GetValue(runs),
                    MaxSteps = result.GetValue(steps),
                    Seed = result.GetValue(seed) ?? NewSeed(),
                    TimeBudget = TimeSpan.FromSeconds(result.GetValue(budget)),
                    CallbackTimeoutMs = result.GetValue(timeout),
                    Shard = result.GetValue(shard)!,
                },
                new ExploreTargetOptions
                {
                    SampleBackend = result.GetValue(backend) == "sample",
                    Skus = result.GetValue(skus) ?? [],
                    OutOfStockSku = result.GetValue(outOfStock),
                    UnknownSku = result.GetValue(unknownSku),
                    CartProbe = result.GetValue(probe),
                    CartApi = result.GetValue(cartApi),
                },
                result.GetValue(save),
                result.GetValue(browserPath))
            {
                Connect = result.GetValue(connect),
            },
            Terminal.Create(),
            Console.Error,
            cancellation));
        return command;
    }

    internal static Task<int> RunAsync(ExploreRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation) =>
        CommandErrors.GuardAsync(errors, async () =>
        {
            if (request.Settings.Problem() is { } problem)
            {
                throw new ValidationInputException(problem);
            }

            var parsed = ValidationTarget.Parse(request.Target);
            await using var shop = await SimulatorServer.StartAsync();
            var (target, catalog) = ExploreTarget.Resolve(parsed, request.TargetOptions, shop.Catalog);
            var save = SavePath(request, parsed);
            await using var browser = await BrowserSession.OpenAsync(request.BrowserPath, request.Connect);

            var settings = request.Settings;
            var sharded = settings.Shard == Shard.All ? string.Empty : $" (shard {settings.Shard}: sessions k with k mod {settings.Shard.Count} = {settings.Shard.Index - 1})";
            console.MarkupLineInterpolated($"explore: {TerminalText.Clean(target.Describe())}, seed {settings.Seed}, {settings.Runs} sessions of up to {settings.MaxSteps} moves{sharded}");
            var result = await new Explorer(browser, shop, target, catalog, settings).RunAsync(new ProgressPrinter(console), cancellation);
            cancellation.ThrowIfCancellationRequested();
            var summary = $"{Count(result.Runs, "session")}, {Count(result.Steps, "step")}, {Count(result.Finding is null ? 0 : 1, "divergence")}, seed {settings.Seed}, {result.Duration.TotalSeconds:0} s";
            if (result.Finding is not { } finding)
            {
                var stopped = result.StoppedByBudget ? $" (the time budget of {settings.TimeBudget.TotalSeconds:0} s ended it before {settings.Runs})" : string.Empty;
                console.MarkupLineInterpolated($"explore: {summary}{stopped}");
                return ExitCodes.Success;
            }

            var scenario = finding.Minimal with
            {
                Description = $"Found by bambuser-cart explore (seed {settings.Seed}, session {finding.Run}). Each step expects what a correct integration does; replay runs red until the integration is fixed.",
            };
            await ScenarioWriter.SaveAsync(scenario, save);
            Report(console, finding, scenario, save);
            console.MarkupLineInterpolated($"explore: {summary}");
            return ExitCodes.ChecksFailed;
        }, cancellation);

    private static void Report(IAnsiConsole console, ExploreFinding finding, Scenario scenario, string save)
    {
        var divergence = finding.Divergence;
        console.MarkupLine(finding.Run == 0
            ? "[red]✗[/] the widget did not start on the page, so no session could be played:"
            : $"[red]✗[/] session {finding.Run} left the model; shrunk from {finding.OriginalMoves} moves to {scenario.Steps.Count} step{(scenario.Steps.Count == 1 ? string.Empty : "s")} in {finding.ShrinkRuns} runs:");
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            var mark = i == divergence.StepIndex ? "[red]✗[/]" : " ";
            console.MarkupLine($"  {mark} {i + 1}. {Markup.Escape(TerminalText.Clean(step.Describe()))} → expects {Markup.Escape(TerminalText.Clean(step.Expect.Describe()))}");
        }

        console.WriteLine(TerminalText.Clean(finding.Result.FailureMessage()));
        if (finding.Run > 0)
        {
            console.MarkupLine(finding.Reproducible
                ? $"reproducible: the minimal session failed the same way in {finding.Confirmed} of {finding.Confirmations} runs"
                : $"[yellow]not reproducible every time[/]: the minimal session failed the same way in {finding.Confirmed} of {finding.Confirmations} runs (the integration depends on timing)");
        }

        console.MarkupLineInterpolated($"saved: {save} (replay it: bambuser-cart replay {save})");
    }

    // The default never replaces a file: a second find of the same seed gets its own name.
    private static string SavePath(ExploreRequest request, ValidationTarget target)
    {
        if (request.Save is { } given)
        {
            return File.Exists(given.FullName) || Directory.Exists(given.FullName)
                ? throw new ScenarioException($"--save: {given.FullName} already exists; give another file (explore never replaces one)")
                : given.FullName;
        }

        var stem = target.Kind == TargetKind.SampleShop ? "sample-shop" : FailureArtifacts.SafeName(target.Kind == TargetKind.Url ? new Uri(target.Location).Host : Path.GetFileNameWithoutExtension(target.Location));
        var folder = Path.GetFullPath(Path.Combine("artifacts", "explore"));
        var path = Path.Combine(folder, $"{stem}-seed-{request.Settings.Seed}.json");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{stem}-seed-{request.Settings.Seed}-{n}.json");
        }

        return path;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? string.Empty : "s")}";

    private static ulong NewSeed() => (ulong)Random.Shared.NextInt64(1, 1_000_000);

    // One line per phase change and every tenth session: readable in a CI log as in a terminal.
    private sealed class ProgressPrinter(IAnsiConsole console) : IProgress<ExploreProgress>
    {
        public void Report(ExploreProgress value)
        {
            if (value.Phase != "exploring" || value.Run % 10 == 0)
            {
                console.MarkupLineInterpolated($"  {value.Phase}: session {value.Run} of {value.Runs}, {value.Steps} steps so far, seed {value.Seed}");
            }
        }
    }
}

/// <summary>Everything one explore invocation was asked for.</summary>
internal sealed record ExploreRequest(string? Target, ExploreSettings Settings, ExploreTargetOptions TargetOptions, FileInfo? Save, string? BrowserPath)
{
    /// <summary>A Playwright browser server to use instead of launching a browser.</summary>
    public string? Connect { get; init; }
}

using System.CommandLine;
using BambuserCart.Cli.Output;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;
using Spectre.Console;

namespace BambuserCart.Cli.Commands;

/// <summary><c>validate [TARGET…]</c>: the conformance checks of docs/validation-checks.md against a merchant's integration.</summary>
public static class ValidateCommand
{
    private static readonly Lock GitHubOutput = new();

    public static Command Create()
    {
        var target = new Argument<string[]>("TARGET")
        {
            Description = "An http(s):// URL, a local .html file, or a local .js integration script (several: each is validated). None: the built-in sample shop.",
            Arity = ArgumentArity.ZeroOrMore,
        }.RefusingOptionLikeTokens();
        var targetsFile = new Option<FileInfo?>("--targets") { Description = "A file listing more targets, one per line (# comments; relative paths from the file's folder)." };
        var workers = new Option<int>("--workers") { Description = $"With several targets: how many to validate at once (1 to {ManyTargets.MaxWorkers}).", DefaultValueFactory = _ => 1 };
        var orgId = new Option<string?>("--org-id") { Description = "The orgId the GTM affiliation must name (default: the one the page gives the widget)." };
        var skus = new Option<string[]>("--sku") { Description = "An in-stock SKU to add, with at least 4 in stock (repeatable; the first is added, updated and removed; a second one sits beside it, so an integration that replaces or empties the whole cart is caught). Default with the sample backend: two of its catalog's.", AllowMultipleArgumentsPerToken = false };
        var outOfStock = new Option<string?>("--out-of-stock-sku") { Description = "A SKU the native cart refuses as out of stock." };
        var unknownSku = new Option<string?>("--unknown-sku") { Description = $"A SKU the shop does not sell (default {ValidationSettings.DefaultUnknownSku})." };
        var productUrl = new Option<string?>("--product-url") { Description = "A product page on the target's origin, for the hydration check's lookup by URL (default: the sample backend's, or a URL target's own page)." };
        var backend = new Option<string?>("--backend") { Description = "'sample': mount the sample shop's cart API and catalog on a local file's origin." };
        backend.AcceptOnlyFromAmong("sample");
        var probe = new Option<string?>("--cart-probe") { Description = "JavaScript expression giving the native cart as [{sku, quantity}], as the shopper sees it (built in for the sample backend)." };
        var cartApi = new Option<string>("--cart-api") { Description = "URL glob of the native cart backend's requests, for fault injection.", DefaultValueFactory = _ => "**/cart/**" };
        var timeout = new Option<int>("--timeout") { Description = "Widget callback timeout for the run, in ms.", DefaultValueFactory = _ => 5_000 };
        var maxTime = new Option<int>("--max-time") { Description = "Bound on the whole run, in seconds: past it the check being judged fails by name, the rest are not run, and the reports are written.", DefaultValueFactory = _ => 900 };
        var latency = new Option<int>("--cart-latency") { Description = "Delay every cart API response by this many ms, to see that the verdict holds on a slow backend." };
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) when a required check could not be proven (was skipped). Use it in CI." };
        var checks = CheckIdOption.Create("--check", "Run only this check id (repeatable).");
        var skips = CheckIdOption.Create("--skip", "Do not run this check id (repeatable).");
        var json = new Option<FileInfo?>("--report-json") { Description = "Write a CTRF JSON report here." };
        var junit = new Option<FileInfo?>("--junit") { Description = "Write a JUnit XML report here." };
        var html = new Option<DirectoryInfo?>("--html") { Description = "Write a static HTML report (index.html, screenshot, failure trace) into this folder." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary line and errors." };
        var browserPath = new Option<string?>("--browser") { Description = $"Chromium or Chrome to use (default: ${BrowserLocator.EnvironmentVariable}, Playwright's, then the system's)." };
        var connect = ConnectOption.Create();
        var allowHosts = new Option<string[]>("--allow-host") { Description = "For a URL TARGET: another host the page may load from (repeatable). The target's own host is allowed." };

        var command = new Command("validate", "Check a merchant's Calls Widget cart integration against the contract; exit 0 all required checks passed, 1 one failed, 2 bad input, 3 environment error.")
        {
            target, targetsFile, workers, orgId, skus, outOfStock, unknownSku, productUrl, backend, probe, cartApi, timeout, maxTime, latency, strict, checks, skips, json, junit, html, quiet, browserPath, connect, allowHosts,
        };
        command.SetAction((result, cancellation) => RunAsync(
            new ValidateRequest(
                result.GetValue(target) ?? [],
                new ValidationSettings
                {
                    OrgId = result.GetValue(orgId),
                    Skus = result.GetValue(skus) ?? [],
                    OutOfStockSku = result.GetValue(outOfStock),
                    UnknownSku = result.GetValue(unknownSku),
                    ProductUrl = result.GetValue(productUrl),
                    SampleBackend = result.GetValue(backend) == "sample",
                    CartProbe = result.GetValue(probe),
                    CartApi = result.GetValue(cartApi)!,
                    CallbackTimeoutMs = result.GetValue(timeout),
                    MaxRunSeconds = result.GetValue(maxTime),
                    CartLatencyMs = result.GetValue(latency),
                    Strict = result.GetValue(strict),
                    OnlyChecks = (result.GetValue(checks) ?? []).ToHashSet(),
                    SkippedChecks = (result.GetValue(skips) ?? []).ToHashSet(),
                    RecordTrace = result.GetValue(html) is not null,
                    AllowedHosts = result.GetValue(allowHosts) ?? [],
                },
                result.GetValue(json),
                result.GetValue(junit),
                result.GetValue(html),
                result.GetValue(quiet),
                result.GetValue(browserPath))
            {
                Connect = result.GetValue(connect),
                TargetsFile = result.GetValue(targetsFile),
                Workers = result.GetValue(workers),
            },
            Terminal.Create(),
            Console.Error,
            cancellation));
        return command;
    }

    /// <param name="errors">Where errors go (stderr): one unwrapped line each, whatever the terminal width.</param>
    internal static async Task<int> RunAsync(ValidateRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation)
    {
        return await CommandErrors.GuardAsync(errors, async () =>
        {
            var targets = TargetList.Collect(request.Targets, request.TargetsFile);
            request.Settings.Check();
            if (request.Workers is < 1 or > ManyTargets.MaxWorkers)
            {
                throw new ValidationInputException($"--workers: expected 1 to {ManyTargets.MaxWorkers}, got {request.Workers}");
            }

            // Before anything runs: a report that cannot be written must not cost a whole run.
            ReportPaths.Prepare(request);
            await using var browser = await BrowserSession.OpenAsync(request.BrowserPath, request.Connect);
            if (targets.Count > 1)
            {
                return await ManyTargets.RunAsync(targets, request, browser, console, errors, cancellation);
            }

            return (await ValidateOneAsync(targets[0], request, browser, console, label: null, cancellation)).ExitCode;
        }, cancellation);
    }

    /// <summary>One target: its progress lines, its verdict, and its reports, as <paramref name="request"/> names them.</summary>
    /// <param name="label">With several targets: the target's name, for GitHub annotations.</param>
    internal static async Task<ValidationReport> ValidateOneAsync(
        ValidationTarget target,
        ValidateRequest request,
        BrowserSession browser,
        IAnsiConsole console,
        string? label,
        CancellationToken cancellation)
    {
        var output = new ValidationConsole(console, request.Quiet);
        output.Starting(target);
        var report = await Validator.RunAsync(target, request.Settings, browser, output, cancellation);
        // A run stopped part-way has no verdict: it ends as cancelled, with no report to mistake for one.
        cancellation.ThrowIfCancellationRequested();
        output.Finish(report);
        WriteReports(request, report, console, label);
        return report;
    }

    /// <param name="target">With several targets: the one this report is about, for GitHub annotations.</param>
    private static void WriteReports(ValidateRequest request, ValidationReport report, IAnsiConsole console, string? target)
    {
        if (request.Json is { } json)
        {
            ReportPaths.Write("--report-json", json.FullName, () => File.WriteAllText(json.FullName, CtrfReport.ToJson(report)));
            console.MarkupLineInterpolated($"JSON report: {json.FullName}");
        }

        if (request.Junit is { } junit)
        {
            ReportPaths.Write("--junit", junit.FullName, () => JunitReport.Write([report], junit.FullName));
            console.MarkupLineInterpolated($"JUnit report: {junit.FullName}");
        }

        if (request.Html is { } html)
        {
            var page = string.Empty;
            ReportPaths.Write("--html", html.FullName, () => page = HtmlReport.Write(report, html.FullName));
            console.MarkupLineInterpolated($"HTML report: {page}");
        }

        if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true")
        {
            // Several targets finish at once: one writes its annotations and summary at a time.
            using var exclusive = GitHubOutput.EnterScope();
            foreach (var annotation in GitHubActionsReport.Annotations(report, target))
            {
                Console.WriteLine(annotation);
            }

            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            {
                File.AppendAllText(summary, GitHubActionsReport.Summary(report));
            }
        }
    }
}

/// <summary>Everything one validate invocation was asked for.</summary>
internal sealed record ValidateRequest(
    IReadOnlyList<string> Targets,
    ValidationSettings Settings,
    FileInfo? Json,
    FileInfo? Junit,
    DirectoryInfo? Html,
    bool Quiet,
    string? BrowserPath)
{
    /// <summary>A Playwright browser server to use instead of launching a browser.</summary>
    public string? Connect { get; init; }

    /// <summary>A file listing more targets, one per line.</summary>
    public FileInfo? TargetsFile { get; init; }

    /// <summary>With several targets, how many run at once.</summary>
    public int Workers { get; init; } = 1;
}

using System.Xml.Linq;
using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>validate's exit codes, console and report files (docs/validation-checks.md).</summary>
public sealed class ValidateCommandTests
{
    private static readonly string Broken = Path.Combine(AppContext.BaseDirectory, "fixtures", "integrations", "broken");
    private string output = null!;

    [SetUp]
    public void CreateOutputDirectory() => output = Directory.CreateTempSubdirectory("bambuser-cart-cli-").FullName;

    [TearDown]
    public void DeleteOutputDirectory() => Directory.Delete(output, recursive: true);

    [Test]
    public async Task Validate_with_no_target_passes_the_sample_shop_and_exits_0()
    {
        var console = new TestConsole();

        var exit = await ValidateCommand.RunAsync(Request(null), console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Contain("validate: 24 passed, 0 failed, 0 skipped — all required checks passed (exit 0)"));
        Assert.That(console.Output, Does.Contain("✓ add.success"), "a progress line per check");
    }

    [Test]
    public async Task Failing_integration_exits_1_and_writes_json_junit_and_html_reports()
    {
        var console = new TestConsole();
        var request = Request(Path.Combine(Broken, "update.remove.js")) with
        {
            Json = new FileInfo(Path.Combine(output, "report.json")),
            Junit = new FileInfo(Path.Combine(output, "junit.xml")),
            Html = new DirectoryInfo(Path.Combine(output, "html")),
        };
        request = request with { Settings = request.Settings with { RecordTrace = true } };

        var exit = await ValidateCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), console.Output);
        Assert.That(File.ReadAllText(Path.Combine(output, "report.json")), Does.Contain("\"name\": \"update.remove\""));
        var junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        Assert.That(junit.Descendants("failure").Select(f => f.Parent!.Attribute("name")!.Value), Is.EqualTo(new[] { "update.remove", "callback.confirmed" }));
        Assert.That(File.ReadAllText(Path.Combine(output, "html", "index.html")), Does.Contain("<a href=\"trace-update.remove.zip\">"), "a failed run links the Playwright trace of the page it failed on");
        Assert.That(new FileInfo(Path.Combine(output, "html", "trace-update.remove.zip")).Length, Is.GreaterThan(0));
        Assert.That(Directory.GetFiles(Path.Combine(output, "html"), "trace-*.zip").Select(Path.GetFileName), Is.EquivalentTo(new[] { "trace-update.remove.zip" }), "only the pages where checks failed keep a trace");
    }

    [Test]
    public async Task Quiet_prints_only_the_verdict_which_names_the_failed_and_unproven_checks()
    {
        var console = new TestConsole();

        await ValidateCommand.RunAsync(Request(Path.Combine(Broken, "checkout.handler.js")) with { Quiet = true }, console, TextWriter.Null, CancellationToken.None);

        // checkout.navigation and .same-origin cannot run without a handler; the script pushes no GTM events
        // and registers no hydration handler (both advisory).
        Assert.That(Unwrapped(console.Output), Is.EqualTo(
            "validate: 19 passed, 1 failed, 4 skipped — a required check failed: checkout.handler; "
            + "2 required checks were not proven: checkout.navigation, checkout.same-origin (exit 1)"));
    }

    [Test]
    public async Task Failures_section_gives_each_failed_check_its_message_fix_and_events()
    {
        var console = new TestConsole { Profile = { Width = 120 } };

        await ValidateCommand.RunAsync(Request(Path.Combine(Broken, "callback.confirmed--answer-then-send.js")), console, TextWriter.Null, CancellationToken.None);

        var failures = console.Output[console.Output.IndexOf("Failures", StringComparison.Ordinal)..];
        Assert.That(failures, Does.Contain("✗ callback.confirmed").And.Contain("Fix: Call callback(true) inside the .then of your cart request"));
        Assert.That(Unwrapped(failures), Does.Contain("callback(true) came before any cart request was sent; callback(true) at 0 ms; POST /cart/add answered 200 at"));
        Assert.That(failures, Does.Contain("Event #1 should-add-item-to-cart { sku: 'SHIRT-BLUE-M' } [add.success] → callback(true)"));
        Assert.That(console.Lines.Max(l => l.Length), Is.LessThanOrEqualTo(120), "fits the console");
    }

    [Test]
    public async Task Unproven_required_check_exits_0_saying_so_and_1_with_strict()
    {
        var settings = Settings() with { CartApi = "**/api/basket/**" };
        var relaxed = new TestConsole();
        var strict = new TestConsole();

        var relaxedExit = await ValidateCommand.RunAsync(Request(null) with { Settings = settings, Quiet = true }, relaxed, TextWriter.Null, CancellationToken.None);
        var strictExit = await ValidateCommand.RunAsync(Request(null) with { Settings = settings with { Strict = true }, Quiet = true }, strict, TextWriter.Null, CancellationToken.None);

        Assert.That((relaxedExit, strictExit), Is.EqualTo((ExitCodes.Success, ExitCodes.ChecksFailed)));
        Assert.That(Unwrapped(relaxed.Output), Does.Contain("no required check failed, but 3 required checks were not proven: add.backend-failure, update.backend-failure, callback.confirmed").And.Not.Contain("all required checks passed"));
        Assert.That(Unwrapped(strict.Output), Does.EndWith("3 required checks were not proven: add.backend-failure, update.backend-failure, callback.confirmed (--strict) (exit 1)"));
    }

    [Test]
    public async Task Report_into_a_missing_folder_is_created_and_one_that_cannot_be_written_is_exit_2_before_the_run()
    {
        var nested = new FileInfo(Path.Combine(output, "a", "b", "report.json"));
        var blocker = Path.Combine(output, "file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        using var errors = new StringWriter();
        var console = new TestConsole();

        var created = await ValidateCommand.RunAsync(Request(null) with { Json = nested, Quiet = true }, new TestConsole(), TextWriter.Null, CancellationToken.None);
        var refused = await ValidateCommand.RunAsync(Request(null) with { Junit = new FileInfo(Path.Combine(blocker, "junit.xml")) }, console, errors, CancellationToken.None);

        Assert.That(created, Is.EqualTo(ExitCodes.Success));
        Assert.That(nested.Exists, Is.True);
        Assert.That(refused, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Does.StartWith($"error: --junit: cannot write {Path.Combine(blocker, "junit.xml")}: "));
        Assert.That(console.Output, Does.Not.Contain("Validating"), "nothing ran");
    }

    [TestCase("fetch('/cart').then(r => r.json(", "--cart-probe: it failed in the page: SyntaxError")]
    [TestCase("fetch('/cart').then(r => r.json()).then(c => c.lines.map(l => l))", "--cart-probe: it failed in the page: TypeError")]
    [TestCase("({ items: [] })", "--cart-probe: it must give an array [{ sku, quantity }], gave {\"items\":[]}")]
    [TestCase("new Promise(() => {})", "--cart-probe: it did not finish within 10 s (a promise that never settles, or a stuck page)")]
    public async Task Broken_cart_probe_is_bad_input_exit_2_naming_the_problem(string probe, string expected)
    {
        using var errors = new StringWriter();

        var exit = await ValidateCommand.RunAsync(Request(null) with { Settings = Settings() with { CartProbe = probe } }, new TestConsole(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Does.StartWith($"error: {expected}").And.Contain("before the first event, with an empty cart"));
    }

    [Test]
    public async Task Missing_target_file_exits_2_naming_the_file()
    {
        using var errors = new StringWriter();
        var missing = Path.Combine(output, "nope.js");

        var exit = await ValidateCommand.RunAsync(Request(missing), new TestConsole(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString().Trim(), Is.EqualTo($"error: TARGET: file '{missing}' does not exist"));
    }

    [Test]
    public async Task Missing_browser_exits_3_saying_how_to_get_one()
    {
        using var errors = new StringWriter();

        var exit = await ValidateCommand.RunAsync(Request(null) with { BrowserPath = "/nope/chromium" }, new TestConsole(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.EnvironmentError));
        Assert.That(errors.ToString(), Does.StartWith("error: The browser '/nope/chromium' given by --browser does not exist.").And.Contain("apt-get update && apt-get install -y chromium"));
    }

    [Test]
    public async Task Installed_command_exits_2_on_an_unknown_option_with_a_message()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("validate", "--no-such-option");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(stdout + stderr, Does.Contain("--no-such-option"));
    }

    [Test]
    public async Task Installed_command_validates_a_local_script_and_exits_by_its_checks()
    {
        var (passing, passOutput, _) = await CliProcess.RunAsync("validate", Path.Combine(AppContext.BaseDirectory, "fixtures", "integrations", "reference.js"), "--backend", "sample", "--quiet");
        var (failing, failOutput, _) = await CliProcess.RunAsync("validate", Path.Combine(Broken, "add.out-of-stock.js"), "--backend", "sample", "--quiet");

        Assert.That((passing, failing), Is.EqualTo((ExitCodes.Success, ExitCodes.ChecksFailed)), passOutput + failOutput);
        Assert.That(failOutput.Trim(), Does.StartWith("validate: 21 passed, 1 failed, 2 skipped — a required check failed: add.out-of-stock (exit 1)"));
    }

    [Test]
    public async Task On_github_actions_failed_required_checks_become_annotations_and_a_step_summary()
    {
        var summary = Path.Combine(output, "summary.md");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        var (exit, stdout, _) = await CliProcess.RunAsync(environment, "validate", Path.Combine(Broken, "checkout.handler.js"), "--backend", "sample", "--quiet");

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), stdout);
        Assert.That(stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "::error title=bambuser-cart checkout.handler::expected a 'goto-checkout' handler within 5 s of the widget starting (and of the page's own requests being answered), found handlers for [should-add-item-to-cart, should-update-item-in-cart]; the shopper never sees a Checkout button",
            "::warning title=bambuser-cart checkout.navigation (not proven)::not proven: there is no goto-checkout handler, so no Checkout button (see checkout.handler)",
            "::warning title=bambuser-cart checkout.same-origin (not proven)::not proven: there is no goto-checkout handler, so no Checkout button (see checkout.handler)",
        }));
        Assert.That(File.ReadAllText(summary), Does.Contain("| `checkout.handler` | ❌ failed |").And.Contain("| `checkout.navigation` | ⚠️ not proven |"));
    }

    // The console wraps long lines at its width; the words are what matter here.
    private static string Unwrapped(string text) => System.Text.RegularExpressions.Regex.Replace(text.Trim(), @"\s*\n\s*", " ");

    private static ValidationSettings Settings() => new() { SampleBackend = false, CallbackTimeoutMs = 1_000 };

    private static ValidateRequest Request(string? target) => new(
        target is null ? [] : [target],
        target is null ? Settings() : Settings() with { SampleBackend = true },
        Json: null,
        Junit: null,
        Html: null,
        Quiet: false,
        BrowserPath: null);
}

using System.Xml.Linq;
using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>validate's exit codes, console and report files (DESIGN.md §5).</summary>
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
        Assert.That(console.Output, Does.Contain("validate: 19 passed, 0 failed, 0 skipped — all required checks passed (exit 0)"));
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
        Assert.That(junit.Descendants("failure").Select(f => f.Parent!.Attribute("name")!.Value), Is.EqualTo(new[] { "update.remove" }));
        Assert.That(File.ReadAllText(Path.Combine(output, "html", "index.html")), Does.Contain("<a href=\"trace.zip\">"), "a failed run links its Playwright trace");
        Assert.That(new FileInfo(Path.Combine(output, "html", "trace.zip")).Length, Is.GreaterThan(0));
    }

    [Test]
    public async Task Quiet_prints_only_the_summary_line()
    {
        var console = new TestConsole();

        await ValidateCommand.RunAsync(Request(Path.Combine(Broken, "checkout.handler.js")) with { Quiet = true }, console, TextWriter.Null, CancellationToken.None);

        // checkout.navigation and .same-origin cannot run without a handler; the script pushes no GTM events.
        Assert.That(console.Output.Trim(), Is.EqualTo("validate: 15 passed, 1 failed, 3 skipped — a required check failed (exit 1)"));
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
        Assert.That(errors.ToString(), Does.StartWith("error: The browser '/nope/chromium' given by the browser option does not exist.").And.Contain("apt-get install -y chromium"));
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
        Assert.That(failOutput.Trim(), Does.StartWith("validate: 17 passed, 1 failed, 1 skipped"));
    }

    [Test]
    public async Task On_github_actions_failed_required_checks_become_annotations_and_a_step_summary()
    {
        var summary = Path.Combine(output, "summary.md");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        var (exit, stdout, _) = await CliProcess.RunAsync(environment, "validate", Path.Combine(Broken, "checkout.handler.js"), "--backend", "sample", "--quiet");

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), stdout);
        Assert.That(stdout.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "::error title=bambuser-cart checkout.handler::expected a 'goto-checkout' handler, found handlers for [should-add-item-to-cart, should-update-item-in-cart]; the shopper never sees a Checkout button",
        }));
        Assert.That(File.ReadAllText(summary), Does.Contain("| `checkout.handler` | ❌ failed |"));
    }

    private static ValidationSettings Settings() => new() { SampleBackend = false, CallbackTimeoutMs = 1_000 };

    private static ValidateRequest Request(string? target) => new(
        target,
        target is null ? Settings() : Settings() with { SampleBackend = true },
        Json: null,
        Junit: null,
        Html: null,
        Quiet: false,
        BrowserPath: null);
}

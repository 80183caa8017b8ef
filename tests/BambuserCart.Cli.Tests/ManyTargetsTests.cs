using System.Xml.Linq;
using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>validate with several targets (arguments and --targets FILE), --workers, and their reports.</summary>
public sealed class ManyTargetsTests
{
    private static readonly string Integrations = Path.Combine(AppContext.BaseDirectory, "fixtures", "integrations");
    private static readonly string Reference = Path.Combine(Integrations, "reference.js");
    private static readonly string Broken = Path.Combine(Integrations, "broken", "update.remove.js");
    private string output = null!;

    [SetUp]
    public void CreateOutputDirectory() => output = Directory.CreateTempSubdirectory("bambuser-cart-many-").FullName;

    [TearDown]
    public void DeleteOutputDirectory() => Directory.Delete(output, recursive: true);

    [Test]
    public async Task Several_targets_run_side_by_side_each_with_its_own_block_and_reports_then_a_summary_with_the_worst_exit()
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        var request = Request([Reference, Broken]) with
        {
            Workers = 2,
            Json = new FileInfo(Path.Combine(output, "report.json")),
            Junit = new FileInfo(Path.Combine(output, "junit.xml")),
            Html = new DirectoryInfo(Path.Combine(output, "html")),
        };

        var exit = await ValidateCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), console.Output);
        Assert.That(console.Output, Does.StartWith("validate: 2 targets, 2 at a time\n"));
        // Each block is whole: from its "Validating" line to its own verdict, with no line of the other run inside.
        foreach (var (target, verdict) in new[] { (Reference, "validate: 24 passed"), (Broken, "2 required checks failed: update.remove, callback.confirmed") })
        {
            var start = console.Output.IndexOf($"Validating {target} …", StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), console.Output);
            var block = console.Output[start..console.Output.IndexOf("\nvalidate: ", start, StringComparison.Ordinal)];
            Assert.That(block.Split('\n').Count(l => l.StartsWith("Validating ", StringComparison.Ordinal)), Is.EqualTo(1), block);
            Assert.That(console.Output[start..], Does.Contain(verdict));
        }

        Assert.That(console.Output, Does.Contain($"  ✓ {Reference} — 24 passed, 0 failed, 0 skipped — all required checks passed (exit 0)"));
        Assert.That(console.Output, Does.Contain($"  ✗ {Broken} — ").And.Contain("2 required checks failed: update.remove, callback.confirmed"));
        Assert.That(console.Output, Does.Contain("validate: 2 targets: 1 passed, 1 failed, 0 not run (exit 1)"));

        Assert.That(File.ReadAllText(Path.Combine(output, "report-1-reference.json")), Does.Contain("\"failed\": 0"));
        Assert.That(File.ReadAllText(Path.Combine(output, "report-2-update-remove.json")), Does.Contain("\"name\": \"update.remove\""));
        Assert.That(File.Exists(Path.Combine(output, "report.json")), Is.False, "several targets: one CTRF file each, none under the shared name");
        var suites = XDocument.Load(Path.Combine(output, "junit.xml")).Descendants("testsuite").Select(s => s.Attribute("name")!.Value);
        Assert.That(suites, Is.EqualTo(new[] { Reference, Broken }));
        var summary = File.ReadAllText(Path.Combine(output, "html", "index.html"));
        Assert.That(summary, Does.Contain("<a href=\"1-reference/index.html\">").And.Contain("<a href=\"2-update-remove/index.html\">"));
        Assert.That(File.ReadAllText(Path.Combine(output, "html", "2-update-remove", "index.html")), Does.Contain("update.remove"));
    }

    [Test]
    public async Task Target_that_cannot_be_run_is_reported_by_name_and_the_others_still_run()
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        using var errors = new StringWriter();
        // --backend sample is for local files: the URL target is refused when its turn comes, the script runs.
        const string Url = "http://127.0.0.1:9/shop";
        const string Refusal = "--backend sample: only for a local .html or .js target (the sample shop always has it; a URL has its own backend)";
        var request = Request([Url, Reference]) with { Quiet = true };

        var exit = await ValidateCommand.RunAsync(request, console, errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), console.Output + errors);
        Assert.That(errors.ToString(), Is.EqualTo($"error: {Url}: {Refusal}\n"));
        Assert.That(console.Output, Does.Contain($"  ✗ {Url} — not run: {Refusal} (exit 2)"));
        Assert.That(console.Output, Does.Contain($"  ✓ {Reference} — 24 passed"));
        Assert.That(console.Output, Does.Contain("validate: 2 targets: 1 passed, 0 failed, 1 not run (exit 2)"));
        Assert.That(console.Output, Does.Not.Contain("Validating "), "--quiet keeps only the summary");
    }

    [Test]
    public async Task One_worker_streams_each_target_in_the_order_given_then_the_summary()
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        using var errors = new StringWriter();
        const string Url = "http://127.0.0.1:9/shop";

        var exit = await ValidateCommand.RunAsync(Request([Url, Reference]), console, errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), console.Output + errors);
        var output = console.Output;
        var refused = output.IndexOf($"Validating {Url} …", StringComparison.Ordinal);
        var reference = output.IndexOf($"Validating {Reference} …", StringComparison.Ordinal);
        var summary = output.IndexOf("Summary of 2 targets (1 at a time", StringComparison.Ordinal);
        Assert.That(refused, Is.GreaterThanOrEqualTo(0), output);
        Assert.That(new[] { refused, reference, summary }, Is.Ordered, "blocks in the order given, then the summary:\n" + output);
        Assert.That(output[reference..summary], Does.Contain("  ✓ add.success").And.Contain("validate: 24 passed"), "the reference run's own lines, before the summary");
    }

    [Test]
    public async Task On_github_actions_each_target_gets_annotations_titled_with_it_and_its_own_step_summary()
    {
        var summary = Path.Combine(output, "summary.md");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
        var noHandler = Path.Combine(Integrations, "broken", "checkout.handler.js");

        var (exit, stdout, _) = await CliProcess.RunAsync(environment, "validate", noHandler, Reference, "--backend", "sample", "--quiet", "--workers", "2");

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), stdout);
        var annotations = stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.That(annotations, Has.Count.EqualTo(3), stdout);
        Assert.That(annotations, Has.All.Contain($"title=bambuser-cart {noHandler}: checkout."), "the title names the target it is about");
        var sections = File.ReadAllText(summary).Split("### bambuser-cart validate: ", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(sections.Select(s => s[..s.IndexOf('\n', StringComparison.Ordinal)].Trim()), Is.EquivalentTo(new[] { noHandler, Reference }), "one whole section per target");
    }

    [Test]
    public async Task Target_list_names_the_file_and_line_of_every_bad_target_and_nothing_runs()
    {
        var list = Path.Combine(output, "sites.txt");
        await File.WriteAllTextAsync(list, "# markets\nshop.js\n\nftp://example.test/\nshop.txt\n");
        await File.WriteAllTextAsync(Path.Combine(output, "shop.txt"), "not a target");
        using var errors = new StringWriter();
        var console = new TestConsole();

        var exit = await ValidateCommand.RunAsync(Request([]) with { TargetsFile = new FileInfo(list), BrowserPath = "/nope/never-started" }, console, errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"error: {list}:2: file '{Path.Combine(output, "shop.js")}' does not exist",
            $"error: {list}:4: 'ftp://example.test/' is not an http(s):// URL, a .html file or a .js integration script",
            $"error: {list}:5: '{Path.Combine(output, "shop.txt")}' is not an http(s):// URL, a .html file or a .js integration script",
        }));
        Assert.That(console.Output, Is.Empty, "checked before the browser starts (the browser given does not exist)");
    }

    [Test]
    public void Target_list_reads_relative_paths_from_its_own_folder_and_skips_comments_and_blank_lines()
    {
        var sites = Directory.CreateDirectory(Path.Combine(output, "sites")).FullName;
        File.Copy(Reference, Path.Combine(sites, "de.js"));
        var list = Path.Combine(sites, "list.txt");
        File.WriteAllText(list, "\uFEFF# one per line\r\nde.js\r\n\r\n   https://shop.example.test/de  \r\n");

        var targets = TargetList.Collect([Reference], new FileInfo(list));

        Assert.That(targets.Select(t => (t.Kind, t.Location)), Is.EqualTo(new[]
        {
            (TargetKind.Script, Reference),
            (TargetKind.Script, Path.Combine(sites, "de.js")),
            (TargetKind.Url, "https://shop.example.test/de"),
        }));
    }

    [TestCase("", "names no target")]
    [TestCase("# only a comment\n", "names no target")]
    public void Target_list_with_no_target_is_bad_input(string content, string expected)
    {
        var list = Path.Combine(output, "empty.txt");
        File.WriteAllText(list, content);

        var error = Assert.Throws<ValidationInputException>(() => TargetList.Collect([], new FileInfo(list)));

        Assert.That(error!.Message, Is.EqualTo($"--targets: {list}: names no target (one URL, .html or .js file per line)"), expected);
    }

    [TestCase("missing.txt", "target list not found")]
    [TestCase("/dev/zero", "larger than 256 KB, which no target list is")]
    public void Target_list_that_cannot_be_read_is_bad_input_naming_it(string name, string expected)
    {
        var list = Path.Combine(output, name);

        var error = Assert.Throws<ValidationInputException>(() => TargetList.Collect([], new FileInfo(list)));

        Assert.That(error!.Message, Is.EqualTo($"--targets: {list}: {expected}"));
    }

    [TestCase(0)]
    [TestCase(17)]
    public async Task Workers_outside_1_to_16_is_a_usage_error(int workers)
    {
        using var errors = new StringWriter();

        var exit = await ValidateCommand.RunAsync(Request([Reference, Reference]) with { Workers = workers }, new TestConsole(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Is.EqualTo($"error: --workers: expected 1 to 16, got {workers}\n"));
    }

    [Test]
    public void Command_line_takes_several_targets_a_list_file_and_workers()
    {
        var parsed = ValidateCommand.Create().Parse(["a.js", "https://shop.example.test/", "--targets", "markets.txt", "--workers", "3"]);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(parsed.GetValue<string[]>("TARGET"), Is.EqualTo(new[] { "a.js", "https://shop.example.test/" }));
        Assert.That(parsed.GetValue<FileInfo?>("--targets")!.Name, Is.EqualTo("markets.txt"));
        Assert.That(parsed.GetValue<int>("--workers"), Is.EqualTo(3));
    }

    [TestCase("https://shop.example.test/de/cart?x=1", "shop-example-test-de-cart")]
    [TestCase("/srv/My Shop/Checkout Integration.js", "checkout-integration")]
    [TestCase("/srv/ünïcode.html", "n-code")]
    [TestCase("/srv/...html", "target")]
    public void Each_target_gets_a_file_name_safe_report_name(string location, string expected)
    {
        var target = location.StartsWith("https", StringComparison.Ordinal) ? new ValidationTarget(TargetKind.Url, location) : new ValidationTarget(TargetKind.Script, location);

        Assert.That(ManyTargets.Slug(target), Is.EqualTo(expected));
    }

    private static ValidateRequest Request(string[] targets) =>
        new(targets, new ValidationSettings { SampleBackend = true }, Json: null, Junit: null, Html: null, Quiet: false, BrowserPath: null);
}

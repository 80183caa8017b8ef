using BambuserCart.Cli.Commands;
using BambuserCart.Contract;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>
/// Hostile and careless input, as data: every case must end with exit 2 and an error that names
/// the place (file, JSON path, option), one line per problem, no stack trace, and in bounded time.
/// </summary>
[CancelAfter(60_000)]
public sealed class HostileInputTests
{
    private static readonly string Scenarios = Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios");
    private static readonly string Reference = Path.Combine(AppContext.BaseDirectory, "fixtures", "integrations", "reference.js");
    private static string directory = null!;

    [OneTimeSetUp]
    public void CreateDirectory()
    {
        directory = Directory.CreateTempSubdirectory("bambuser-cart-hostile-").FullName;
        File.WriteAllText(Path.Combine(directory, "a-file"), "not a folder");
        File.CreateSymbolicLink(Path.Combine(directory, "dangling.json"), Path.Combine(directory, "nowhere.json"));
        File.CreateSymbolicLink(Path.Combine(directory, "zero.json"), "/dev/zero");
        Directory.CreateDirectory(Path.Combine(directory, "folder.json"));
    }

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    /// <summary>A scenario file's text, and what the error must say (after the file's path).</summary>
    public static IEnumerable<TestCaseData> ScenarioFiles()
    {
        const string Shop = """ "target": { "shop": {} } """;
        object[][] cases =
        [
            ["empty", string.Empty, ":1: not valid JSON: the file is empty"],
            ["array", "[]", ": $: a scenario is a JSON object"],
            ["trailing comma", $$"""{ "name": "n", {{Shop}}, "steps": [ { "action": "checkout" }, ] }""", ": not valid JSON: "],
            ["nul byte", "{ \"name\": \"n\u0000\" }", ": not valid JSON: "],
            ["unclosed", "{ \"name\": ", ": not valid JSON: "],
            ["deep nesting", new string('[', 100_000), ": not valid JSON: "],
            ["no steps", $$"""{ "name": "n", {{Shop}}, "steps": [] }""", "$.steps: needs at least 1 item(s)"],
            ["no name", $$"""{ {{Shop}}, "steps": [ { "action": "checkout" } ] }""", "$: missing `name`"],
            ["fraction", $$"""{ "name": "n", {{Shop}}, "steps": [ { "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 2.5 } ] }""", "$.steps[0].quantity: expected a whole number, got 2.5"],
            ["huge quantity", $$"""{ "name": "n", {{Shop}}, "steps": [ { "action": "setQuantity", "sku": "SHIRT-BLUE-M", "quantity": 1e20 } ] }""", "$.steps[0].quantity: must be a whole number below 2147483647"],
            ["negative timeout", $$"""{ "name": "n", {{Shop}}, "setup": { "callbackTimeoutMs": -5 }, "steps": [ { "action": "checkout" } ] }""", "$.setup.callbackTimeoutMs: must be 1 or more, got -5"],
            ["script url", """{ "name": "n", "target": { "url": "javascript:alert(1)" }, "steps": [ { "action": "checkout" } ] }""", "$.target.url: must start with http:// or https://"],
            ["file url", """{ "name": "n", "target": { "url": "file:///etc/passwd" }, "steps": [ { "action": "checkout" } ] }""", "$.target.url: must start with http:// or https://"],
            ["both targets", """{ "name": "n", "target": { "shop": {}, "url": "http://127.0.0.1/" }, "steps": [ { "action": "checkout" } ] }""", "$.target"],
            ["unknown sku", $$"""{ "name": "n", {{Shop}}, "steps": [ { "action": "add", "sku": "<script>" } ] }""", "$.steps[0].sku: unknown SKU \"<script>\""],
            ["sku object", $$"""{ "name": "n", {{Shop}}, "steps": [ { "action": "add", "sku": { "$ne": 1 } } ] }""", "$.steps[0].sku: expected text in quotes, got an object"],
            ["prototype key", $$"""{ "name": "n", {{Shop}}, "__proto__": {}, "steps": [ { "action": "checkout" } ] }""", "$.__proto__: unknown field `__proto__`"],
            ["too many steps", $$"""{ "name": "n", {{Shop}}, "steps": [ {{string.Join(", ", Enumerable.Repeat("""{ "action": "checkout" }""", ScenarioLoader.MaxSteps + 1))}} ] }""", $"$.steps: {ScenarioLoader.MaxSteps + 1} steps; a scenario has at most {ScenarioLoader.MaxSteps}"],
            ["too large", $$"""{ "name": "{{new string('x', ScenarioLoader.MaxFileBytes)}}" }""", ": larger than 1024 KB, which no scenario file is"],
        ];
        return cases.Select(c => new TestCaseData(c[1], c[2]).SetArgDisplayNames((string)c[0]));
    }

    [TestCaseSource(nameof(ScenarioFiles))]
    public async Task Hostile_scenario_file_is_refused_with_exit_2_naming_the_place(string content, string expected)
    {
        var file = Path.Combine(directory, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);

        var (exit, errors) = await ReplayAsync(file);

        AssertRefused(exit, errors, file, expected);
    }

    [TestCase("dangling.json", ": scenario file not found")]
    [TestCase("zero.json", ": larger than 1024 KB, which no scenario file is")]
    [TestCase("folder.json", ": is a folder, not a scenario file")]
    [TestCase("missing.json", ": scenario file not found")]
    public async Task Scenario_path_that_is_not_a_readable_file_is_refused_with_exit_2(string name, string expected)
    {
        var path = Path.Combine(directory, name);

        var (exit, errors) = await ReplayAsync(path);

        AssertRefused(exit, errors, path, expected);
    }

    [TestCase("steps[99999999999].sku=X", "--set 'steps[99999999999].sku=X': $.steps[2147483647] does not exist")]
    [TestCase("steps[0]sku", "--set 'steps[0]sku': expected path=value")]
    [TestCase("steps..sku=X", "--set 'steps..sku=X': 'steps..sku' is not a path")]
    [TestCase("=X", "--set '=X': expected path=value")]
    [TestCase("setup.callbackTimeoutMs=soon", ": $.setup.callbackTimeoutMs: expected a whole number, got `soon`")]
    public async Task Hostile_set_override_is_refused_with_exit_2_naming_it(string assignment, string expected)
    {
        var (exit, errors) = await ReplayAsync(Path.Combine(Scenarios, "out-of-stock-add.json"), [assignment]);

        AssertRefused(exit, errors, null, expected);
    }

    [Test]
    public async Task Artifacts_folder_that_is_a_file_is_refused_before_anything_runs()
    {
        var (exit, errors) = await ReplayAsync(Path.Combine(Scenarios, "out-of-stock-add.json"), artifacts: Path.Combine(directory, "a-file"));

        AssertRefused(exit, errors, null, "--artifacts: ");
    }

    /// <summary>validate's options and targets: what is wrong, and the option or target that says it.</summary>
    public static IEnumerable<TestCaseData> ValidateInputs()
    {
        (string Name, string? Target, Func<ValidationSettings, ValidationSettings> Settings, string Expected)[] cases =
        [
            ("timeout zero", null, s => s with { CallbackTimeoutMs = 0 }, "--timeout: must be from 1 to 600000 ms"),
            ("timeout huge", null, s => s with { CallbackTimeoutMs = int.MaxValue }, "--timeout: must be from 1 to 600000 ms"),
            ("max time zero", null, s => s with { MaxRunSeconds = 0 }, "--max-time: must be from 1 to 86400 s, got 0"),
            ("max time past a day", null, s => s with { MaxRunSeconds = 86_401 }, "--max-time: must be from 1 to 86400 s, got 86401"),
            ("negative latency", null, s => s with { CartLatencyMs = -1 }, "--cart-latency: must be from 0 to 60000 ms, got -1"),
            ("latency past a minute", null, s => s with { CartLatencyMs = 60_001 }, "--cart-latency: must be from 0 to 60000 ms, got 60001"),
            ("empty sku", null, s => s with { Skus = [""] }, "--sku: a SKU must not be empty"),
            ("empty unknown sku", null, s => s with { UnknownSku = " " }, "--unknown-sku: must not be empty"),
            ("empty cart api", null, s => s with { CartApi = "" }, "--cart-api: must not be empty"),
            ("product url scheme", null, s => s with { ProductUrl = "ftp://shop/p" }, "--product-url: expected an http(s) URL"),
            ("unknown sku sold", null, s => s with { UnknownSku = "SHIRT-BLUE-M" }, "--unknown-sku: 'SHIRT-BLUE-M' is in the catalog"),
            ("ftp target", "ftp://shop.example/p", s => s, "TARGET: 'ftp://shop.example/p' is not an http(s):// URL"),
            ("text target", "notes.txt", s => s, "TARGET: 'notes.txt' is not an http(s):// URL, a .html file or a .js integration script"),
            ("missing script", "nope.js", s => s, "TARGET: file '"),
            ("unreachable url", "http://127.0.0.1:9/shop", s => s with { Skus = ["A"] }, "TARGET: http://127.0.0.1:9/shop is unreachable"),
            ("sample backend on url", "http://127.0.0.1:9/", s => s with { SampleBackend = true }, "--backend sample: only for a local .html or .js target"),
            ("url without skus", "http://127.0.0.1:9/", s => s, "--sku: give at least one in-stock SKU"),
            ("probe syntax", null, s => s with { CartProbe = "fetch(" }, "--cart-probe: it failed in the page: SyntaxError"),
            ("probe shape", null, s => s with { CartProbe = "42" }, "--cart-probe: it must give an array [{ sku, quantity }], gave 42"),
            ("probe item", null, s => s with { CartProbe = "[{ sku: 'A' }]" }, "--cart-probe: it must give [{ sku, quantity }] with a string sku and a whole quantity; item [0] is {\"sku\":\"A\"}"),
        ];
        return cases.Select(c => new TestCaseData(c.Target, c.Settings, c.Expected).SetArgDisplayNames(c.Name));
    }

    [TestCaseSource(nameof(ValidateInputs))]
    public async Task Hostile_validate_input_is_refused_with_exit_2_naming_the_option(string? target, Func<ValidationSettings, ValidationSettings> settings, string expected)
    {
        using var errors = new StringWriter();
        var request = new ValidateRequest(target is null ? [] : [target], settings(new ValidationSettings()), null, null, null, Quiet: true, BrowserPath: null);

        var exit = await ValidateCommand.RunAsync(request, new TestConsole(), errors, CancellationToken.None);

        AssertRefused(exit, errors.ToString(), null, expected);
    }

    [Test]
    public async Task Folder_named_like_a_script_is_refused_as_a_folder()
    {
        using var errors = new StringWriter();
        var folder = Directory.CreateDirectory(Path.Combine(directory, "integration.js")).FullName;
        var request = new ValidateRequest([folder], new ValidationSettings { SampleBackend = true }, null, null, null, Quiet: true, BrowserPath: null);

        var exit = await ValidateCommand.RunAsync(request, new TestConsole(), errors, CancellationToken.None);

        AssertRefused(exit, errors.ToString(), null, $"TARGET: '{folder}' is a folder, not a file");
    }

    [TestCase("--report-json")]
    [TestCase("--junit")]
    [TestCase("--html")]
    public async Task Report_that_cannot_be_written_is_refused_before_the_run(string option)
    {
        using var errors = new StringWriter();
        var inFile = Path.Combine(directory, "a-file", "report");
        var request = new ValidateRequest([Reference], new ValidationSettings { SampleBackend = true }, null, null, null, Quiet: true, BrowserPath: null) switch
        {
            var r when option == "--report-json" => r with { Json = new FileInfo(inFile) },
            var r when option == "--junit" => r with { Junit = new FileInfo(inFile) },
            var r => r with { Html = new DirectoryInfo(Path.Combine(directory, "a-file")) },
        };

        var exit = await ValidateCommand.RunAsync(request, new TestConsole(), errors, CancellationToken.None);

        AssertRefused(exit, errors.ToString(), null, $"{option}: cannot write ");
    }

    [TestCase("--check")]
    [TestCase("--skip")]
    public void Unknown_check_id_is_a_usage_error_listing_the_known_ones(string option)
    {
        var parsed = ValidateCommand.Create().Parse([option, "add.success", option, "add.sucess"]);

        Assert.That(parsed.Errors.Select(e => e.Message), Is.EqualTo(new[] { $"{option}: unknown check id 'add.sucess'; known ids: {string.Join(", ", CheckIds.All)}" }));
    }

    [Test]
    public void Check_and_skip_read_check_ids_by_their_wire_names()
    {
        var parsed = ValidateCommand.Create().Parse(["--check", "add.success", "--check", "checkout.navigation", "--skip", "page.no-errors"]);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(parsed.GetValue<CheckId[]>("--check"), Is.EqualTo(new[] { CheckId.AddSuccess, CheckId.CheckoutNavigation }));
        Assert.That(parsed.GetValue<CheckId[]>("--skip"), Is.EqualTo(new[] { CheckId.PageNoErrors }));
    }

    [TestCase("validate", "--timeout", "abc")]
    [TestCase("validate", "--no-such-option")]
    [TestCase("replay")]
    public async Task Unparsable_command_line_exits_2_saying_what_and_where_to_read_more(params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(args);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), stdout + stderr);
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("--help)"));
        Assert.That(stdout + stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    private static async Task<(int Exit, string Errors)> ReplayAsync(string file, IReadOnlyList<string>? overrides = null, string? artifacts = null)
    {
        using var errors = new StringWriter();
        var request = new ReplayRequest([new FileInfo(file)], new ScenarioTargetOptions(), overrides ?? [], new DirectoryInfo(artifacts ?? Path.Combine(directory, "artifacts")), null);
        var exit = await ReplayCommand.RunAsync(request, new TestConsole(), errors, CancellationToken.None);
        return (exit, errors.ToString());
    }

    private static void AssertRefused(int exit, string errors, string? place, string expected)
    {
        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), errors);
        Assert.That(errors, Does.StartWith($"error: {place}"));
        Assert.That(errors, Does.Contain(expected));
        Assert.That(errors, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace, no exception names");
        Assert.That(errors.TrimEnd().Split('\n'), Has.All.StartsWith("error: "), "one line per problem");
    }
}

using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Scenarios;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>replay and record as a user runs them: step lines, exit codes, artefacts, files.</summary>
public sealed class ScenarioCommandTests
{
    private static readonly string Scenarios = Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios");
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("bambuser-cart-scenarios-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Replay_prints_each_step_with_its_outcome_and_exits_0()
    {
        var console = Wide();

        var exit = await ReplayCommand.RunAsync(Replay("re-add-becomes-update.json"), console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Contain("✓ 2. add SNEAKER-42 → should-update-item-in-cart → success"));
        Assert.That(console.Output, Does.Contain("replay: 1 passed, 0 failed"));
    }

    [Test]
    public async Task Replay_with_a_broken_expectation_exits_1_naming_the_step_and_keeps_artifacts()
    {
        var console = Wide();
        var request = Replay("low-stock-reached-by-quantity.json") with { Overrides = ["steps[2].expect.outcome=success"] };

        var exit = await ReplayCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed));
        Assert.That(console.Output, Does.Contain("step 3 of 3 (setQuantity WATCH-STEEL 3) failed:\n  outcome: expected success, got out-of-stock\nevent trace up to here:"));
        Assert.That(File.Exists(Path.Combine(directory, "artifacts", "low-stock-reached-by-quantity", "trace.zip")), Is.True);
    }

    [Test]
    public async Task Replay_of_a_malformed_file_exits_2_with_one_line_naming_file_and_line()
    {
        var file = Path.Combine(directory, "broken.json");
        await File.WriteAllTextAsync(file, "{\n  \"name\": \"x\",\n  oops\n}");
        using var errors = new StringWriter();

        var exit = await ReplayCommand.RunAsync(Replay(file), Wide(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Does.StartWith($"error: {file}: line 3: not valid JSON (").And.EndWith(")\n"));
        Assert.That(errors.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Record_driven_by_a_script_writes_a_scenario_that_replays_green()
    {
        var output = new FileInfo(Path.Combine(directory, "recorded.json"));
        var script = new FileInfo(Path.Combine(directory, "drive.js"));
        await File.WriteAllTextAsync(script.FullName, "await simulator.agent.addToCart('SNEAKER-42');\nawait simulator.agent.addToCart('BAG-LEATHER');\nawait simulator.shopper.checkout();");
        var console = Wide();

        var exit = await RecordCommand.RunAsync(new RecordRequest(output, ScenarioTarget.Shop("new-tab"), script, Force: false, Name: "scripted", BrowserPath: null, Headed: false), console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Contain($"record: 3 steps written to {output.FullName}"));
        var replay = Wide();
        Assert.That(await ReplayCommand.RunAsync(Replay(output.FullName), replay, TextWriter.Null, CancellationToken.None), Is.EqualTo(ExitCodes.Success), replay.Output);
    }

    [Test]
    public async Task Record_without_a_display_or_a_script_exits_2_saying_what_to_do()
    {
        using var errors = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(new FileInfo(Path.Combine(directory, "x.json")), ScenarioTarget.Shop(), null, false, null, null, Headed: false), Wide(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Does.Contain("pass --script FILE"));
    }

    private ReplayRequest Replay(string file) =>
        new([new FileInfo(Path.IsPathRooted(file) ? file : Path.Combine(Scenarios, file))], null, [], new DirectoryInfo(Path.Combine(directory, "artifacts")), null);

    private static TestConsole Wide()
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        return console;
    }
}

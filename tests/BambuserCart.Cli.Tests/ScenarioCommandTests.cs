using BambuserCart.Cli.Commands;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness;
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
        Assert.That(console.Output, Does.Contain("step 3 of 3 (setQuantity WATCH-STEEL 3) failed:\n  outcome: expected success, got out-of-stock\nwhat the page did during the event: POST /cart/update answered 409 at "));
        Assert.That(console.Output, Does.Contain("\nevent trace up to here:"));
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
        Assert.That(errors.ToString(), Does.StartWith($"error: {file}:3: not valid JSON: ").And.EndWith(")\n"));
        Assert.That(errors.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Replay_of_a_file_with_several_problems_exits_2_with_an_error_line_for_each()
    {
        var file = Path.Combine(directory, "typos.json");
        await File.WriteAllTextAsync(file, """
            {
              "name": "typos",
              "target": { "shop": {} },
              "steps": [
                { "acton": "add", "sku": "SHIRT-BLUE-M" },
                { "action": "add", "sku": "SHIRT-BLU-M" }
              ]
            }
            """);
        using var errors = new StringWriter();

        var exit = await ReplayCommand.RunAsync(Replay(file), Wide(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString().TrimEnd().Split('\n'), Is.EqualTo(new[]
        {
            $"error: {file}:5: $.steps[0].acton: unknown field `acton`; did you mean `action`? (fields here: action, sku, ref, quantity, backend, timeoutMs, expect)",
            $"error: {file}:6: $.steps[1].sku: unknown SKU \"SHIRT-BLU-M\" for the sample shop; did you mean `SHIRT-BLUE-M`? (it sells SHIRT-BLUE-M, SHIRT-WHITE-L, SNEAKER-42, WATCH-STEEL, BAG-LEATHER, SCARF-WOOL)",
        }));
    }

    [Test]
    public async Task Replay_with_target_and_cart_api_keeps_the_scenarios_probe_and_injects_where_told()
    {
        var file = Path.Combine(directory, "url.json");
        await File.WriteAllTextAsync(file, """
            {
              "name": "a failing add on another host",
              "target": { "url": "http://127.0.0.1:9/", "cartProbe": "fetch('/cart').then(r => r.json()).then(c => c.items.map(i => ({ sku: i.sku, quantity: i.quantity })))" },
              "steps": [
                { "action": "add", "sku": "SHIRT-BLUE-M", "backend": "http-500", "expect": { "outcome": "failure", "nativeCart": [] } },
                { "action": "add", "sku": "SHIRT-BLUE-M", "expect": { "outcome": "success", "nativeCart": [ { "sku": "SHIRT-BLUE-M", "quantity": 1 } ] } }
              ]
            }
            """);
        await using var shop = await Harness.Hosting.SimulatorServer.StartAsync();
        var console = Wide();

        var exit = await ReplayCommand.RunAsync(
            Replay(file) with { Target = new ScenarioTargetOptions(shop.BaseUrl.ToString(), "**/cart/add") },
            console,
            TextWriter.Null,
            CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Contain("✓ 1. add SHIRT-BLUE-M → should-add-item-to-cart → failure"));
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

    // The bound the two endless-run tests use: long enough for their first step on a loaded machine
    // (3 s was not, with the suite running twice at once), so that only the endless part meets it.
    private const int MaxSeconds = 10;

    [Test]
    public async Task Replay_past_its_max_time_fails_the_step_in_flight_by_name_and_does_not_start_the_rest()
    {
        // A wait of 24 days for a cart that never comes: only the run's bound can end it.
        var stuck = Path.Combine(directory, "stuck.json");
        await File.WriteAllTextAsync(stuck, """
            {
              "name": "waits for a cart that never comes",
              "target": { "shop": {} },
              "steps": [
                { "action": "add", "sku": "SHIRT-BLUE-M" },
                { "action": "waitFor", "timeoutMs": 2147483647, "expect": { "nativeCart": [ { "sku": "SHIRT-BLUE-M", "quantity": 5 } ] } }
              ]
            }
            """);
        var console = Wide();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var exit = await ReplayCommand.RunAsync(
            new ReplayRequest([new FileInfo(stuck), new FileInfo(Path.Combine(Scenarios, "re-add-becomes-update.json"))], new ScenarioTargetOptions(), [], new DirectoryInfo(Path.Combine(directory, "artifacts")), null) { MaxSeconds = MaxSeconds },
            console,
            TextWriter.Null,
            CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), console.Output);
        Assert.That(console.Output, Does.Contain("✓ 1. add SHIRT-BLUE-M"));
        Assert.That(console.Output, Does.Contain("step 2 of 2 (waitFor nativeCart [").And.Contain($"]) failed:\n  the run reached its --max-time of {MaxSeconds} s while this step ran"));
        Assert.That(console.Output, Does.Contain($"  not run: the run reached its --max-time of {MaxSeconds} s"));
        Assert.That(console.Output, Does.Contain("replay: 0 passed, 2 failed"));
        // Closing the page ends the wait at once; before it did, the wait polled on through the 15 s grace.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(MaxSeconds + 12)), "the replay ended soon after its bound");
    }

    [TestCase("while (true) {}", TestName = "Record_script_in_an_endless_loop_is_stopped_at_max_time_and_its_steps_are_saved")]
    [TestCase("await new Promise(() => {});", TestName = "Record_script_awaiting_forever_is_stopped_at_max_time_and_its_steps_are_saved")]
    public async Task Record_script_that_never_ends_is_stopped_at_max_time_and_its_steps_are_saved(string never)
    {
        var output = new FileInfo(Path.Combine(directory, "recorded.json"));
        var script = new FileInfo(Path.Combine(directory, "drive.js"));
        await File.WriteAllTextAsync(script.FullName, $"await simulator.agent.addToCart('SNEAKER-42');\n{never}");
        var console = Wide();
        using var errors = new StringWriter();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var exit = await RecordCommand.RunAsync(new RecordRequest(output, ScenarioTarget.Shop(), script, Force: false, Name: "stuck", BrowserPath: null, Headed: false) { MaxSeconds = MaxSeconds }, console, errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), console.Output + errors);
        Assert.That(errors.ToString(), Is.EqualTo($"error: --script: {script.FullName} was still running when the recording reached its --max-time of {MaxSeconds} s; it was stopped, and the steps recorded before it were saved\n"));
        Assert.That(console.Output, Does.Contain($"record: 1 steps written to {output.FullName}"));
        Assert.That(await File.ReadAllTextAsync(output.FullName), Does.Contain("\"sku\": \"SNEAKER-42\""));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the recording ended soon after its bound");
    }

    [TestCase(0)]
    [TestCase(86_401)]
    public async Task Replay_and_record_refuse_a_max_time_outside_1_s_to_a_day(int seconds)
    {
        using var replayErrors = new StringWriter();
        using var recordErrors = new StringWriter();

        var replay = await ReplayCommand.RunAsync(Replay("re-add-becomes-update.json") with { MaxSeconds = seconds }, Wide(), replayErrors, CancellationToken.None);
        var record = await RecordCommand.RunAsync(new RecordRequest(new FileInfo(Path.Combine(directory, "x.json")), ScenarioTarget.Shop(), null, false, null, null, Headed: true) { MaxSeconds = seconds }, Wide(), recordErrors, CancellationToken.None);

        var expected = $"error: --max-time: must be from 1 to 86400 s, got {seconds}\n";
        Assert.That((replay, replayErrors.ToString()), Is.EqualTo((ExitCodes.UsageError, expected)));
        Assert.That((record, recordErrors.ToString()), Is.EqualTo((ExitCodes.UsageError, expected)));
    }

    [Test]
    public async Task Record_without_a_display_or_a_script_exits_2_saying_what_to_do()
    {
        using var errors = new StringWriter();

        var exit = await RecordCommand.RunAsync(new RecordRequest(new FileInfo(Path.Combine(directory, "x.json")), ScenarioTarget.Shop(), null, false, null, null, Headed: false), Wide(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(errors.ToString(), Does.Contain("pass --script FILE"));
    }

    [Test]
    public async Task Replay_shards_give_each_scenario_file_to_exactly_one_machine_whatever_the_listing_order_and_run_them_as_listed()
    {
        string[] files = ["short-callback-timeout.json", "re-add-becomes-update.json", "out-of-stock-add.json"];
        var ran = new List<string>();
        foreach (var (shard, listing) in new[] { (new Shard(1, 2), files), (new Shard(2, 2), files.Reverse().ToArray()) })
        {
            var console = Wide();
            var request = Replay(listing[0]) with { Files = [.. listing.Select(f => new FileInfo(Path.Combine(Scenarios, f)))], Shard = shard };

            var exit = await ReplayCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

            Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
            ran.AddRange(files
                .Select(f => (File: f, At: console.Output.IndexOf($"{Path.DirectorySeparatorChar}{f})", StringComparison.Ordinal)))
                .Where(run => run.At >= 0)
                .OrderBy(run => run.At)
                .Select(run => run.File));
        }

        // In path order: out-of-stock-add, re-add-becomes-update, short-callback-timeout → 1/2 gets the 1st and 3rd,
        // and runs them in the order they were listed (short-callback-timeout first), not in path order.
        Assert.That(ran, Is.EqualTo(new[] { "short-callback-timeout.json", "out-of-stock-add.json", "re-add-becomes-update.json" }));
    }

    [Test]
    public async Task Replay_shard_that_holds_no_file_exits_0_saying_so()
    {
        var console = Wide();

        var exit = await ReplayCommand.RunAsync(Replay("out-of-stock-add.json") with { Shard = new Shard(2, 3) }, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(console.Output, Is.EqualTo("replay: shard 2/3: 0 of 1 scenario files\n"));
    }

    [TestCase("replay", "x.json", "--shard", "0/2")]
    [TestCase("replay", "x.json", "--shard", "two/four")]
    [TestCase("explore", "--shard", "3/2")]
    public void Shard_that_is_not_i_of_n_is_a_usage_error_naming_the_option(params string[] args)
    {
        var command = args[0] == "replay" ? ReplayCommand.Create() : ExploreCommand.Create();

        var errors = command.Parse(args[1..]).Errors.Select(e => e.Message);

        Assert.That(errors, Is.EqualTo(new[] { $"--shard: expected i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4; got '{args[^1]}'" }));
    }

    private ReplayRequest Replay(string file) =>
        new([new FileInfo(Path.IsPathRooted(file) ? file : Path.Combine(Scenarios, file))], new ScenarioTargetOptions(), [], new DirectoryInfo(Path.Combine(directory, "artifacts")), null);

    private static TestConsole Wide()
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        return console;
    }
}

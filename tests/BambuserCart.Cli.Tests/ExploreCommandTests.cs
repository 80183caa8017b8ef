using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Exploration;
using BambuserCart.Harness.Scenarios;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>explore as a user runs it: the progress, the minimal session, the saved file replay runs red, exit codes.</summary>
public sealed class ExploreCommandTests
{
    private static readonly string Integrations = Path.Combine(AppContext.BaseDirectory, "fixtures", "integrations");
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("bambuser-cart-explore-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Explore_of_an_order_dependent_bug_exits_1_shows_the_minimal_session_and_saves_a_scenario_replay_runs_red()
    {
        var console = Wide();
        var save = new FileInfo(Path.Combine(directory, "found.json"));
        var request = Request(Path.Combine(Integrations, "order-dependent", "line-reappears-after-remove-and-re-add.js"), new ExploreSettings { Runs = 40, MaxSteps = 8, Seed = 1, CallbackTimeoutMs = 1_000 }) with { Save = save };

        var exit = await ExploreCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.ChecksFailed), console.Output);
        Assert.That(console.Output, Does.Contain("seed 1, 40 sessions of up to 8 moves"));
        Assert.That(console.Output, Does.Match(@"✗ session \d+ left the model; shrunk from \d+ moves to [2-4] steps in \d+ runs:"));
        Assert.That(console.Output, Does.Contain("nativeCart: expected ["));
        Assert.That(console.Output, Does.Contain("what the page did during the event: "));
        Assert.That(console.Output, Does.Contain("reproducible: the minimal session failed the same way in 3 of 3 runs"));
        Assert.That(console.Output, Does.Contain($"saved: {save.FullName} (replay it: bambuser-cart replay {save.FullName})"));
        Assert.That(console.Output, Does.Match(@"explore: \d+ sessions?, \d+ steps?, 1 divergence, seed 1, \d+ s"));

        var replay = Wide();
        var replayed = await ReplayCommand.RunAsync(new ReplayRequest([save], new ScenarioTargetOptions(), [], new DirectoryInfo(Path.Combine(directory, "artifacts")), null), replay, TextWriter.Null, CancellationToken.None);
        Assert.That(replayed, Is.EqualTo(ExitCodes.ChecksFailed), replay.Output);
        Assert.That(replay.Output, Does.Contain("replay: 0 passed, 1 failed"));
    }

    [Test]
    public async Task Explore_of_the_sample_shop_exits_0_with_its_sessions_steps_and_seed()
    {
        var console = Wide();

        var exit = await ExploreCommand.RunAsync(Request(null, new ExploreSettings { Runs = 3, MaxSteps = 6, Seed = 11 }), console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Match(@"explore: 3 sessions, \d+ steps, 0 divergences, seed 11, \d+ s"));
        Assert.That(Directory.Exists(Path.Combine(directory, "artifacts")), Is.False, "nothing is saved when nothing was found");
    }

    [Test]
    public async Task Explore_of_a_url_target_uses_the_skus_and_the_cart_probe_given()
    {
        // The sample shop served as any merchant's page: no catalog, only what the options say.
        await using var shop = await Harness.Hosting.SimulatorServer.StartAsync();
        var console = Wide();
        var request = Request(shop.BaseUrl.ToString(), new ExploreSettings { Runs = 3, MaxSteps = 8, Seed = 5 }) with
        {
            TargetOptions = new ExploreTargetOptions
            {
                Skus = ["SHIRT-BLUE-M", "SNEAKER-42"],
                OutOfStockSku = "BAG-LEATHER",
                CartProbe = Harness.Validation.NativeCartProbe.SampleBackend,
            },
        };

        var exit = await ExploreCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output);
        Assert.That(console.Output, Does.Match(@"explore: 3 sessions, \d+ steps, 0 divergences, seed 5"));
    }

    [Test]
    public async Task Explore_refuses_to_replace_a_file_given_to_save_before_it_runs()
    {
        var save = new FileInfo(Path.Combine(directory, "mine.json"));
        await File.WriteAllTextAsync(save.FullName, "mine");
        using var errors = new StringWriter();

        var exit = await ExploreCommand.RunAsync(Request(null, new ExploreSettings { Seed = 1 }) with { Save = save }, Wide(), errors, CancellationToken.None);

        Assert.That((exit, errors.ToString()), Is.EqualTo((ExitCodes.UsageError, $"error: --save: {save.FullName} already exists; give another file (explore never replaces one)\n")));
        Assert.That(await File.ReadAllTextAsync(save.FullName), Is.EqualTo("mine"));
    }

    [TestCase("runs", "--runs: must be from 1 to 100000, got 0")]
    [TestCase("steps", "--steps: must be from 1 to 2000, got 0")]
    [TestCase("timeout", "--timeout: must be from 1 to 600000 ms, got 0")]
    [TestCase("budget", "--time-budget: must be from 1 s to a day, got 0 s")]
    [TestCase("sku with sample", "--sku/--out-of-stock-sku: the sample backend's catalog gives the SKUs and their stock; leave them out")]
    [TestCase("url without sku", "--sku: give at least one in-stock SKU of your catalog (each with at least 4 in stock), or use --backend sample for a local file")]
    [TestCase("sample backend on url", "--backend sample: only for a local .html or .js target")]
    [TestCase("text target", "TARGET: 'notes.txt' is not an http(s):// URL, a .html file or a .js integration script")]
    public async Task Bad_explore_input_exits_2_naming_the_option(string what, string expected)
    {
        var settings = new ExploreSettings { Seed = 1 };
        var request = what switch
        {
            "runs" => Request(null, settings with { Runs = 0 }),
            "steps" => Request(null, settings with { MaxSteps = 0 }),
            "timeout" => Request(null, settings with { CallbackTimeoutMs = 0 }),
            "budget" => Request(null, settings with { TimeBudget = TimeSpan.Zero }),
            "sku with sample" => Request(null, settings) with { TargetOptions = new ExploreTargetOptions { Skus = ["A"] } },
            "url without sku" => Request("http://127.0.0.1:9/", settings),
            "sample backend on url" => Request("http://127.0.0.1:9/", settings) with { TargetOptions = new ExploreTargetOptions { SampleBackend = true } },
            _ => Request("notes.txt", settings),
        };
        using var errors = new StringWriter();

        var exit = await ExploreCommand.RunAsync(request, Wide(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), errors.ToString());
        Assert.That(errors.ToString(), Does.StartWith($"error: {expected}"));
        Assert.That(errors.ToString(), Does.Not.Contain("   at "), "no stack trace");
    }

    private ExploreRequest Request(string? target, ExploreSettings settings) =>
        new(target, settings, new ExploreTargetOptions { SampleBackend = target is not null && !target.StartsWith("http", StringComparison.Ordinal) && target.EndsWith(".js", StringComparison.Ordinal) }, new FileInfo(Path.Combine(directory, "artifacts", "explore", "found.json")), null);

    private static TestConsole Wide()
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        return console;
    }
}

using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>What explore saves is what replay reads: written scenarios load back to the same scenario.</summary>
public sealed class ScenarioWriterTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.BuiltIn;
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("bambuser-cart-writer-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    public static IEnumerable<TestCaseData> ShippedScenarios() => ScenarioLoaderTests.ShippedScenarios();

    [TestCaseSource(nameof(ShippedScenarios))]
    public async Task Shipped_scenario_written_and_read_back_is_the_same_scenario(string path)
    {
        var original = ScenarioLoader.Load(path, Catalog);
        var copy = Path.Combine(directory, "copy.json");

        await ScenarioWriter.SaveAsync(original, copy);
        var read = ScenarioLoader.Load(copy, Catalog);

        AssertSame(read, original);
    }

    [Test]
    public async Task Scenario_saved_inside_a_checkout_points_at_the_schema_and_one_saved_elsewhere_does_not()
    {
        var scenario = new Scenario("saved", null, ScenarioTarget.Shop(), ScenarioSetup.None, [new ScenarioStep(ScenarioAction.Add, "SNEAKER-42", null, null, null, StepExpectations.None)]);
        var schema = Path.Combine(directory, "checkout", "fixtures", "scenarios", "scenario.schema.json");
        Directory.CreateDirectory(Path.GetDirectoryName(schema)!);
        await File.WriteAllTextAsync(schema, "{}");

        var inside = ScenarioWriter.ToJson(scenario, Path.Combine(directory, "checkout", "artifacts", "explore", "found.json"));
        var outside = ScenarioWriter.ToJson(scenario, Path.Combine(directory, "elsewhere", "found.json"));

        Assert.That(inside, Does.Contain("\"$schema\": \"../../fixtures/scenarios/scenario.schema.json\""), "editors find the schema from where the file is saved");
        Assert.That(outside, Does.Not.Contain("$schema"));
    }

    [Test]
    public async Task Outcome_lists_contract_rules_and_a_file_target_beside_it_round_trip()
    {
        var page = Path.Combine(directory, "pages", "integration.js");
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        await File.WriteAllTextAsync(page, "// an integration");
        var scenario = new Scenario(
            "explored",
            "found by explore",
            ScenarioTarget.LocalFile(page, sampleBackend: true),
            new ScenarioSetup(1_000, []),
            [
                new ScenarioStep(ScenarioAction.Add, "SHIRT-BLUE-M", null, BackendCondition.Http500, null, new StepExpectations
                {
                    OutcomeAnyOf = [CallbackOutcome.Failure, CallbackOutcome.OutOfStock],
                    FollowsContract = true,
                    WidgetCart = [],
                    NativeCart = [],
                }),
                new ScenarioStep(ScenarioAction.LookupProduct, null, null, null, null, new StepExpectations { Lookup = LookupResult.Hydrated, HasProduct = true, Product = new ProductExpectation(null, "SNEAKER-42") }) { Ref = "SNEAKER-42" },
            ]);
        var saved = Path.Combine(directory, "found.json");

        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = directory;
        try
        {
            await ScenarioWriter.SaveAsync(scenario, saved);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.That(await File.ReadAllTextAsync(saved), Does.Contain("\"file\": \"pages/integration.js\""), "a page in the same project is written relative to the scenario");
        AssertSame(ScenarioLoader.Load(saved, Catalog), scenario);
    }

    [Test]
    public async Task Saving_never_replaces_a_file()
    {
        var path = Path.Combine(directory, "mine.json");
        await File.WriteAllTextAsync(path, "my own work");
        var scenario = ScenarioLoader.Parse(ScenarioLoaderTests.ValidJson, "s.json", Catalog);

        var error = Assert.ThrowsAsync<ScenarioException>(() => ScenarioWriter.SaveAsync(scenario, path));

        Assert.That(error!.Message, Is.EqualTo($"{path}: already exists; give another file"));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("my own work"));
    }

    private static void AssertSame(Scenario read, Scenario expected)
    {
        Assert.That((read.Name, read.Description, read.Target, read.Setup.CallbackTimeoutMs), Is.EqualTo((expected.Name, expected.Description, expected.Target, expected.Setup.CallbackTimeoutMs)));
        Assert.That(read.Setup.NativeCart, Is.EqualTo(expected.Setup.NativeCart));
        Assert.That(read.Steps, Has.Count.EqualTo(expected.Steps.Count));
        for (var i = 0; i < expected.Steps.Count; i++)
        {
            var (r, e) = (read.Steps[i], expected.Steps[i]);
            Assert.That(r with { Expect = StepExpectations.None }, Is.EqualTo(e with { Expect = StepExpectations.None }), $"step {i + 1}");
            Assert.That(r.Expect.Describe(), Is.EqualTo(e.Expect.Describe()), $"step {i + 1} expectations");
            Assert.That((r.Expect.Outcome, r.Expect.Lookup, r.Expect.OutcomeAnyOf?.ToList()), Is.EqualTo((e.Expect.Outcome, e.Expect.Lookup, e.Expect.OutcomeAnyOf?.ToList())), $"step {i + 1} outcome, typed by its action");
            Assert.That((r.Expect.FollowsContract, r.Expect.HasProduct, r.Expect.Product, r.Expect.HasAgentMessage, r.Expect.AgentMessage, r.Expect.Event, r.Expect.Navigation, r.Expect.HasUrl, r.Expect.Url), Is.EqualTo((e.Expect.FollowsContract, e.Expect.HasProduct, e.Expect.Product, e.Expect.HasAgentMessage, e.Expect.AgentMessage, e.Expect.Event, e.Expect.Navigation, e.Expect.HasUrl, e.Expect.Url)), $"step {i + 1} expectations");
        }
    }
}

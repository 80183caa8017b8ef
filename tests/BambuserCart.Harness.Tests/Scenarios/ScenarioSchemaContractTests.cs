using System.Reflection;
using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>
/// The scenario schema's enums are the contract's names, not copies that drift: a new outcome,
/// navigation, message, action or backend condition fails here until the schema has it too.
/// </summary>
public sealed class ScenarioSchemaContractTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(TestFixtures.Directory, "scenarios", "scenario.schema.json")))!;

    [Test]
    public void Cart_outcomes_are_the_contracts_outcomes() =>
        Assert.That(SchemaEnum("$defs", "cartOutcomeName"), Is.EquivalentTo(Constants(typeof(WidgetContract.Outcomes))));

    [Test]
    public void Step_outcomes_are_the_cart_and_the_lookup_outcomes() =>
        Assert.That(SchemaEnum("$defs", "outcomeName"), Is.EquivalentTo(Constants(typeof(WidgetContract.Outcomes)).Union(WidgetContract.LookupOutcomes.All)));

    [Test]
    public void Navigations_are_the_contracts_navigations() =>
        Assert.That(SchemaEnum("$defs", "navigationName"), Is.EquivalentTo(Constants(typeof(WidgetContract.Navigations))));

    [Test]
    public void Messages_are_the_contracts_message_kinds_or_none()
    {
        var kinds = typeof(WidgetContract.Messages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Kind", StringComparison.Ordinal))
            .Select(f => (string?)f.GetRawConstantValue());

        Assert.That(SchemaEnum("$defs", "expect", "properties", "message"), Is.EquivalentTo(kinds.Prepend(null)));
    }

    [Test]
    public void Cart_events_are_the_contracts_add_and_update_events() =>
        Assert.That(SchemaEnum("$defs", "expect", "properties", "event"), Is.EquivalentTo(new[] { WidgetContract.Events.AddItem, WidgetContract.Events.UpdateItem }));

    [Test]
    public void Actions_are_the_steps_the_runner_knows() =>
        Assert.That(SchemaEnum("$defs", "step", "properties", "action"), Is.EquivalentTo(ScenarioActions.All));

    [Test]
    public void Backend_conditions_are_ok_and_every_fault_the_runner_injects()
    {
        Assert.That(SchemaEnum("$defs", "step", "properties", "backend"), Is.EquivalentTo(ContractNames.All<BackendCondition>()));
    }

    private static string?[] SchemaEnum(params string[] path)
    {
        var node = path.Aggregate(Schema, (at, name) => at[name] ?? throw new AssertionException($"scenario.schema.json has no {string.Join(".", path)}"));
        return [.. node["enum"]!.AsArray().Select(v => (string?)v)];
    }

    private static IEnumerable<string?> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string?)f.GetRawConstantValue());
}

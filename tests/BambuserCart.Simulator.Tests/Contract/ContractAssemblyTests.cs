using System.Reflection;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;

namespace BambuserCart.Simulator.Tests.Contract;

/// <summary>
/// The contract is what a merchant's own code and the harness share, so it must stay a leaf: the
/// scenario model and the widget's shapes in it, and nothing of the harness, the host or Playwright.
/// </summary>
public sealed class ContractAssemblyTests
{
    private static readonly Assembly Contract = typeof(CallbackOutcome).Assembly;

    [Test]
    public void Contract_references_nothing_but_the_dotnet_runtime()
    {
        var outside = Contract.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name != "netstandard" && name != "System" && !name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.Win32", StringComparison.Ordinal))
            .ToList();

        Assert.That(outside, Is.Empty, $"BambuserCart.Contract must depend on the runtime only; it references {string.Join(", ", outside)}");
    }

    [Test]
    public void Scenario_model_is_plain_contract_data_without_hosting_members()
    {
        var model = new[] { typeof(Scenario), typeof(ScenarioTarget), typeof(ScenarioSetup), typeof(ScenarioStep), typeof(StepExpectations), typeof(ProductExpectation) };
        Assert.That(model.Select(t => t.Assembly).Distinct(), Is.EqualTo(new[] { Contract }));

        // Hosting (which server, which URL, which request glob) is the harness's call, not the file's.
        var hosting = typeof(ScenarioTarget).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name is "HostOptions" or "PageUrl" or "CartApiPattern" or "ReachableHosts")
            .Select(m => m.Name)
            .ToList();
        Assert.That(hosting, Is.Empty, "ScenarioTarget carries hosting members that belong in the harness's ScenarioTargetHosting");
    }
}

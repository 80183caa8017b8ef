using System.Text.Json;
using System.Text.RegularExpressions;
using BambuserCart.Contract;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Widget;
using Snapshooter.NUnit;

namespace BambuserCart.Simulator.Tests.Contract;

/// <summary>The contract has one source (WidgetContract.cs); the fake embed only receives it.</summary>
public sealed partial class FakeEmbedContractTests
{
    [Test]
    public void Fake_embed_source_holds_no_copy_of_contract_names()
    {
        var names = WidgetContract.Events.Known
            .Concat(WidgetContract.Outcomes.All.Where(o => o.Contains('-', StringComparison.Ordinal)))
            .Concat(WidgetContract.Navigations.All.Where(n => n.Contains('-', StringComparison.Ordinal)))
            .Concat(ContractNames.All<DiagnosticCode>())
            // Not 'open': it is also the shadow root's mode, which is no widget mode.
            .Concat([WidgetMode.Closed.Wire(), WidgetMode.Miniplayer.Wire()])
            // Not 'shown': it is also a class in the widget's markup, which is no framing verdict.
            .Concat([FramingVerdict.Refused.Wire(), FramingVerdict.Unknown.Wire()])
            .Concat([WidgetContract.Messages.ErrorText, WidgetContract.Messages.TimeoutText]);

        var copies = names.Where(name => FakeEmbedScript.Template.Contains($"'{name}'", StringComparison.Ordinal)
            || FakeEmbedScript.Template.Contains($"\"{name}\"", StringComparison.Ordinal)).ToList();

        Assert.That(copies, Is.Empty, "embed.js must read these from CONTRACT, generated from WidgetContract.cs");
    }

    [Test]
    public void Rendered_embed_carries_the_contract_and_the_catalog_products()
    {
        var script = FakeEmbedScript.Render([new Product("SKU-1", "Name </script>", 1m, 1)]);

        var contract = ContractLiteral().Match(script);
        Assert.That(contract.Success, Is.True, "const CONTRACT = {...}; generated");
        using var parsed = JsonDocument.Parse(contract.Groups[1].Value);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.RootElement.GetProperty("events").GetProperty("add").GetString(), Is.EqualTo("should-add-item-to-cart"));
            Assert.That(script, Does.Contain("SKU-1"));
            Assert.That(script, Does.Not.Contain("</script>"), "a product name must not be able to end an inline script");
        });
    }

    [Test]
    public void Contract_matches_its_snapshot()
    {
        // A deliberate change to event names, outcomes or messages shows up here as a diff.
        Snapshot.Match(JsonDocument.Parse(WidgetContract.ToJavaScriptObject()).RootElement.GetRawText());
    }

    [GeneratedRegex(@"const CONTRACT = (\{.*?\});\n", RegexOptions.Singleline)]
    private static partial Regex ContractLiteral();
}

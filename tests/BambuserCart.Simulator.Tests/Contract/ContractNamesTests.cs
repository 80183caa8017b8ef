using System.Text.Json;
using BambuserCart.Contract;

namespace BambuserCart.Simulator.Tests.Contract;

/// <summary>The typed contract: its enums are the names, on the wire in kebab-case, and the string constants follow them.</summary>
public sealed class ContractNamesTests
{
    [Test]
    public void Outcome_navigation_lookup_and_message_constants_are_the_enums_wire_names()
    {
        Assert.That(
            new[] { WidgetContract.Outcomes.Success, WidgetContract.Outcomes.Failure, WidgetContract.Outcomes.OutOfStock, WidgetContract.Outcomes.Invalid, WidgetContract.Outcomes.Timeout, WidgetContract.Outcomes.Threw, WidgetContract.Outcomes.NoHandler },
            Is.EqualTo(ContractNames.All<CallbackOutcome>()));
        Assert.That(
            new[] { WidgetContract.Navigations.Miniplayer, WidgetContract.Navigations.NewTab, WidgetContract.Navigations.SameTab, WidgetContract.Navigations.None },
            Is.EqualTo(ContractNames.All<CheckoutNavigation>()));
        Assert.That(
            new[] { WidgetContract.LookupOutcomes.Hydrated, WidgetContract.LookupOutcomes.Error, WidgetContract.LookupOutcomes.Invalid, WidgetContract.LookupOutcomes.Timeout, WidgetContract.LookupOutcomes.NoHandler },
            Is.EqualTo(ContractNames.All<LookupResult>()));
        Assert.That(
            new[] { WidgetContract.Messages.ErrorKind, WidgetContract.Messages.OutOfStockKind, WidgetContract.Messages.TimeoutKind },
            Is.EqualTo(ContractNames.All<MessageKind>()));
    }

    [Test]
    public void Contract_enums_are_written_by_their_kebab_case_names_and_refuse_numbers_and_unknown_names()
    {
        var outcome = JsonSerializer.Deserialize<CartOutcome>("""{ "event": "should-add-item-to-cart", "payload": { "sku": "A" }, "outcome": "out-of-stock", "callbackCalls": 1 }""", JsonSerializerOptions.Web)!;

        Assert.That(outcome.Outcome, Is.EqualTo(CallbackOutcome.OutOfStock));
        Assert.That(JsonSerializer.Serialize(CheckoutNavigation.NewTab), Is.EqualTo("\"new-tab\""));
        Assert.That(() => JsonSerializer.Deserialize<CallbackOutcome>("2"), Throws.InstanceOf<JsonException>(), "a number is not an outcome");
        Assert.That(() => JsonSerializer.Deserialize<CallbackOutcome>("\"sold-out\""), Throws.InstanceOf<JsonException>(), "a name the contract does not have is not one");
    }

    [Test]
    public void Fake_receives_outcomes_navigations_lookup_outcomes_and_message_kinds_from_the_enums()
    {
        using var contract = JsonDocument.Parse(WidgetContract.ToJavaScriptObject());

        var outcomes = contract.RootElement.GetProperty("outcomes").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));
        var navigations = contract.RootElement.GetProperty("navigations").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));

        Assert.That(outcomes, Is.EqualTo(new[] { ("success", "success"), ("failure", "failure"), ("outOfStock", "out-of-stock"), ("invalid", "invalid"), ("timeout", "timeout"), ("threw", "threw"), ("noHandler", "no-handler") }));
        Assert.That(navigations, Is.EqualTo(new[] { ("miniplayer", "miniplayer"), ("newTab", "new-tab"), ("sameTab", "same-tab"), ("none", "none") }));
        Assert.That(contract.RootElement.GetProperty("lookupOutcomes").EnumerateObject().Select(p => p.Value.GetString()), Is.EqualTo(ContractNames.All<LookupResult>()));
        Assert.That(contract.RootElement.GetProperty("messages").EnumerateObject().Select(p => p.Value.GetProperty("kind").GetString()), Is.EqualTo(ContractNames.All<MessageKind>()));
    }
}

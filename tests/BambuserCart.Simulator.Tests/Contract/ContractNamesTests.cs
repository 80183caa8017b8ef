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

    [Test]
    public void Fake_receives_its_diagnostic_codes_and_modes_from_the_enums_and_state_reads_them_back_typed()
    {
        using var contract = JsonDocument.Parse(WidgetContract.ToJavaScriptObject());

        var codes = contract.RootElement.GetProperty("diagnostics").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
        var diagnostic = JsonSerializer.Deserialize<WidgetDiagnostic>("""{ "code": "callback-called-twice", "detail": "twice" }""", JsonSerializerOptions.Web)!;

        Assert.That(codes.Select(c => c.Item2), Is.EqualTo(ContractNames.All<DiagnosticCode>()));
        Assert.That(contract.RootElement.GetProperty("modes").EnumerateObject().Select(p => p.Value.GetString()), Is.EqualTo(ContractNames.All<WidgetMode>()));
        Assert.That(contract.RootElement.GetProperty("framing").EnumerateObject().Select(p => p.Value.GetString()), Is.EqualTo(ContractNames.All<FramingVerdict>()));
        Assert.That(JsonSerializer.Deserialize<FramingVerdict>("\"refused\""), Is.EqualTo(FramingVerdict.Refused));
        Assert.That(codes, Does.Contain(("lateCheckoutNavigation", "late-checkout-navigation")), "keyed by camelCase member, as the fake reads them");
        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCode.CallbackCalledTwice));
    }
}

/// <summary>Backend conditions: one enum for validate, scenario files and the explorer, with the names the files use.</summary>
public sealed class BackendConditionTests
{
    [Test]
    public void Backend_conditions_are_written_as_scenario_files_name_them_and_read_back_by_those_names_only()
    {
        Assert.That(ContractNames.All<BackendCondition>(), Is.EqualTo(new[] { "ok", "http-500", "network-error", "slow" }));
        Assert.That(JsonSerializer.Serialize(BackendCondition.Http500), Is.EqualTo("\"http-500\""), "the converter and Wire() agree");
        Assert.That(JsonSerializer.Deserialize<BackendCondition>("\"network-error\""), Is.EqualTo(BackendCondition.NetworkError));
        Assert.That(ContractNames.TryParse<BackendCondition>("http-500", out var parsed) && parsed == BackendCondition.Http500, Is.True);
        Assert.That(ContractNames.TryParse<BackendCondition>("http500", out _), Is.False, "only the wire name");
        Assert.That(ContractNames.TryParse<BackendCondition>("1", out _), Is.False, "numbers are no names");
        Assert.That(ContractNames.TryParse<BackendCondition>(null, out _), Is.False);
    }
}

/// <summary>Check ids: one enum, dotted on the wire (<c>group.name</c>), read back by that name only.</summary>
public sealed class CheckIdTests
{
    [Test]
    public void Check_ids_are_written_as_group_dot_kebab_name()
    {
        Assert.That(CheckId.EmbedReadyHandler.Wire(), Is.EqualTo("embed.ready-handler"));
        Assert.That(CheckId.AddOutOfStock.Wire(), Is.EqualTo("add.out-of-stock"));
        Assert.That(CheckId.CallbackValidValue.Group(), Is.EqualTo("callback"));
        Assert.That(ContractNames.All<CheckId>(), Is.EqualTo(CheckIds.All), "a caller that only knows the enum type gets the dotted names too");
        Assert.That(JsonSerializer.Serialize(new[] { CheckId.PageNoErrors }), Is.EqualTo("""["page.no-errors"]"""));
    }

    [Test]
    public void Check_id_is_read_by_its_wire_name_and_nothing_else()
    {
        Assert.That(JsonSerializer.Deserialize<CheckId>("\"checkout.same-origin\""), Is.EqualTo(CheckId.CheckoutSameOrigin));
        Assert.That(ContractNames.TryParse<CheckId>("add.sucess", out _), Is.False, "a typo is no check");
        Assert.That(ContractNames.TryParse<CheckId>("AddSuccess", out _), Is.False, "the C# name is not the wire name");
        Assert.That(ContractNames.TryParse<CheckId>("ADD.SUCCESS", out _), Is.False, "ids are fixed, case included");
        Assert.That(() => JsonSerializer.Deserialize<CheckId>("5"), Throws.InstanceOf<JsonException>().With.Message.Contains("expected a check id (embed.ready-handler, "));
    }
}

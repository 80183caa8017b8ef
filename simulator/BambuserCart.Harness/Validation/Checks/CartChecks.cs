using BambuserCart.Contract;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// add.success and add.native-cart on an empty cart, then update.quantity on the line the add
/// made, on the first page: each step runs only when the one before left the widget and the
/// native cart in the state it needs (otherwise its check says it was not proven, and why).
/// </summary>
internal static class CartChecks
{
    public static IReadOnlyList<CheckId> Ids { get; } = [AddSuccess, AddNativeCart, UpdateQuantity];

    /// <summary>The quantities update.quantity sets, from 1: the --sku needs this much stock.</summary>
    public static IReadOnlyList<int> QuantitySteps { get; } = [4, 2];

    public static async Task RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        var sku = run.Sku;
        // What the add must change: the shopper may have had a cart before the call (null: no probe).
        var start = await session.NativeCartAsync($"before {AddSuccess.Wire()}");
        var add = await session.AddAsync(sku, AddSuccess.Wire());
        var added = add.Outcome == WidgetContract.Outcomes.Success;
        if (added)
        {
            verdicts.Pass(AddSuccess, $"{add.Describe()} answered callback(true)", [add]);
        }
        else
        {
            verdicts.Fail(AddSuccess, $"{add.Describe()}: expected callback(true), got {add.AnswerText}; {add.Timeline(run.Cart, run.PageUri)}", [add]);
        }

        var unsettled = added ? SettledCart.NotProvenAfter(add, run) : null;
        var native = added && unsettled is null ? await session.NativeCartAsync($"after {add.Label}") : null;
        if (!run.HasProbe)
        {
            verdicts.Skip(AddNativeCart, $"not proven: no cart probe, so the native cart cannot be read; pass {RunInput.CartProbe.Named()} '<js expression giving [{{sku, quantity}}]>' (built in with {RunInput.SampleBackend.Named()})", [add]);
        }
        else if (!added)
        {
            verdicts.Skip(AddNativeCart, "not proven: the add was not accepted (see add.success), so there is nothing to find in the native cart", [add]);
        }
        else if (unsettled is not null)
        {
            verdicts.Skip(AddNativeCart, unsettled, [add]);
        }
        else
        {
            native = await AddMirroredAsync(session, run, add, start!, native!);
        }

        if (!verdicts.Wanted(UpdateQuantity))
        {
            return;
        }

        if (!added)
        {
            verdicts.Skip(UpdateQuantity, $"not proven: '{sku}' is not in the widget cart (see add.success), so its quantity cannot change", [add]);
            return;
        }

        if (unsettled is not null)
        {
            verdicts.Skip(UpdateQuantity, unsettled, [add]);
            return;
        }

        if (native is not null && NativeCartProbe.QuantityOf(native, sku) != 1)
        {
            verdicts.Skip(UpdateQuantity, $"not proven: after the add the widget holds '{sku}' × 1 but the probe shows {NativeCartProbe.Describe(native)} (see add.native-cart), so a quantity change cannot be judged", [add]);
            return;
        }

        await QuantityAsync(session, run, sku, native);
    }

    // add.native-cart once the add was accepted and its requests are done: one more of the SKU and
    // nothing else lost; then a second add, of the other SKU, must keep the first line, or an add
    // that replaces the whole cart would pass on a cart that held nothing before. Returns the native
    // cart the quantity changes start from.
    private static async Task<IReadOnlyList<CartItem>> AddMirroredAsync(
        TargetSession session, RunContext run, ObservedEvent add, IReadOnlyList<CartItem> start, IReadOnlyList<CartItem> native)
    {
        var sku = run.Sku;
        var change = NativeCartChange.Of(start, native, sku, NativeCartProbe.QuantityOf(start, sku) + 1);
        if (!change.Mirrored)
        {
            run.Verdicts.Fail(AddNativeCart, $"{add.Describe()} answered callback(true) but, once its requests were done, the probe shows {NativeCartProbe.Describe(native)} (before: {NativeCartProbe.Describe(start)}): {change.Wrong}; {add.Timeline(run.Cart, run.PageUri)}", [add]);
            return native;
        }

        var extra = change.Extra is null ? string.Empty : $"; {change.Extra}";
        var passed = $"after callback(true) and the event's requests, the {NativeCartProbe.Describe(native)} holds '{sku}' one more than before, as the widget does{extra}";
        if (await KeptLine.AddAsync(session, run, $"{AddNativeCart.Wire()} (a second line)") is not { } second)
        {
            run.Verdicts.Pass(AddNativeCart, passed, [add]);
            return native;
        }

        var after = await session.NativeCartAsync($"after {second.Label}");
        var secondSku = KeptLine.Sku(run)!;
        var secondChange = NativeCartChange.Of(native, after!, secondSku, NativeCartProbe.QuantityOf(native, secondSku) + 1);
        if (secondChange.Mirrored)
        {
            run.Verdicts.Pass(AddNativeCart, $"{passed}; a second add, of '{secondSku}', kept it", [add, second]);
        }
        else
        {
            run.Verdicts.Fail(AddNativeCart, $"{second.Describe()} answered callback(true) but, once its requests were done, the probe shows {NativeCartProbe.Describe(after!)} (before: {NativeCartProbe.Describe(native)}): {secondChange.Wrong}; {second.Timeline(run.Cart, run.PageUri)}", [add, second]);
        }

        return after!;
    }

    // 1 → 4 tells setting (4) from adding one (2), sending the change (3) and adding the quantity (5);
    // 4 → 2 then tells setting from anything that only ever adds.
    /// <param name="native">The native cart after the add; null without a probe.</param>
    private static async Task QuantityAsync(TargetSession session, RunContext run, string sku, IReadOnlyList<CartItem>? native)
    {
        var verdicts = run.Verdicts;
        var changes = new List<ObservedEvent>();
        var seen = new List<int>();
        var current = 1;
        foreach (var quantity in QuantitySteps)
        {
            var update = await session.SetQuantityAsync(sku, quantity, $"{UpdateQuantity.Wire()} {current} → {quantity}");
            changes.Add(update);
            if (update.Outcome != WidgetContract.Outcomes.Success)
            {
                var stock = update.Outcome == WidgetContract.Outcomes.OutOfStock ? $" (give a {RunInput.Sku.Named()} with at least {QuantitySteps[0]} in stock)" : string.Empty;
                verdicts.Fail(UpdateQuantity, $"{update.Describe()}: expected callback(true), got {update.AnswerText}{stock}; {update.Timeline(run.Cart, run.PageUri)}", changes);
                return;
            }

            if (SettledCart.NotProvenAfter(update, run) is { } unsettled)
            {
                verdicts.Skip(UpdateQuantity, unsettled, changes);
                return;
            }

            if (await session.NativeCartAsync($"after {update.Label}") is { } after)
            {
                var actual = NativeCartProbe.QuantityOf(after, sku);
                seen.Add(actual);
                if (actual != quantity)
                {
                    verdicts.Fail(UpdateQuantity, $"{update.Describe()} answered callback(true) but the native cart then holds '{sku}' × {actual}: {Interpret(current, quantity, actual)}; {update.Timeline(run.Cart, run.PageUri)}", changes);
                    return;
                }

                if (NativeCartChange.Of(native!, after, sku, quantity) is { Mirrored: false } change)
                {
                    verdicts.Fail(UpdateQuantity, $"{update.Describe()} answered callback(true) and set '{sku}' × {quantity}, but the probe then shows {NativeCartProbe.Describe(after)}: {change.Wrong}; {update.Timeline(run.Cart, run.PageUri)}", changes);
                    return;
                }

                native = after;
            }

            current = quantity;
        }

        if (seen.Count == 0)
        {
            verdicts.Skip(UpdateQuantity, $"not proven: 1 → 4 and 4 → 2 were both answered callback(true), but without {RunInput.CartProbe.Named()} the native quantity cannot be read", changes);
        }
        else
        {
            verdicts.Pass(UpdateQuantity, "1 → 4 and 4 → 2 were answered callback(true) and the native cart followed (× 4, then × 2): it sets the quantity", changes);
        }
    }

    /// <summary>What a wrong native quantity says about the handler.</summary>
    public static string Interpret(int previous, int quantity, int actual)
    {
        if (actual == previous)
        {
            return "the native quantity did not change";
        }

        if (actual == previous + 1)
        {
            return "it added one instead of setting the quantity";
        }

        if (actual == previous - 1)
        {
            return "it removed one instead of setting the quantity";
        }

        if (actual == previous + quantity)
        {
            return "it added the new quantity to the line instead of setting it";
        }

        if (actual == quantity - previous)
        {
            return "it set the line to the change (quantity − previousQuantity) instead of the quantity";
        }

        return actual == 0 ? "the line is gone" : $"expected × {quantity}";
    }
}

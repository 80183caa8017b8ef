using BambuserCart.Contract;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// update.remove on a fresh page: the line is put in both carts first and proven to be in the
/// native one, so that its disappearance after quantity 0 means something.
/// </summary>
internal static class RemoveCheck
{
    public static async Task RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        var sku = run.Sku;
        var setup = await session.AddAsync(sku, $"{UpdateRemove.Wire()} (setup: add)");
        if (setup.Outcome != WidgetContract.Outcomes.Success)
        {
            verdicts.Skip(UpdateRemove, $"not proven: '{sku}' could not be put in the widget cart ({setup.Describe()} got {setup.AnswerText}; see add.success), so there is nothing to remove", [setup]);
            return;
        }

        if (SettledCart.NotProvenAfter(setup, run) is { } unsettledSetup)
        {
            verdicts.Skip(UpdateRemove, unsettledSetup, [setup]);
            return;
        }

        var before = await session.NativeCartAsync($"after {setup.Label}");
        if (before is not null && NativeCartProbe.QuantityOf(before, sku) < 1)
        {
            verdicts.Skip(UpdateRemove, $"not proven: after callback(true) for '{sku}' the probe shows {NativeCartProbe.Describe(before)}, so its removal would prove nothing (see add.native-cart)", [setup]);
            return;
        }

        var remove = await session.RemoveAsync(sku, UpdateRemove.Wire());
        if (remove.Outcome != WidgetContract.Outcomes.Success)
        {
            verdicts.Fail(UpdateRemove, $"{remove.Describe()}: expected callback(true), got {remove.AnswerText}; {remove.Timeline(run.Cart, run.PageUri)}", [setup, remove]);
            return;
        }

        if (SettledCart.NotProvenAfter(remove, run) is { } unsettled)
        {
            verdicts.Skip(UpdateRemove, unsettled, [setup, remove]);
            return;
        }

        if (await session.NativeCartAsync($"after {remove.Label}") is not { } after)
        {
            verdicts.Skip(UpdateRemove, "not proven: the removal was answered callback(true), but without --cart-probe the native cart cannot be read", [setup, remove]);
            return;
        }

        var left = NativeCartProbe.QuantityOf(after, sku);
        if (left == 0)
        {
            verdicts.Pass(UpdateRemove, $"'{sku}' × {NativeCartProbe.QuantityOf(before!, sku)} was in the native cart; quantity 0 was answered callback(true) and the line is gone", [setup, remove]);
        }
        else
        {
            verdicts.Fail(UpdateRemove, $"{remove.Describe()} answered callback(true) but the native cart still holds '{sku}' × {left}; {remove.Timeline(run.Cart, run.PageUri)}", [setup, remove]);
        }
    }
}

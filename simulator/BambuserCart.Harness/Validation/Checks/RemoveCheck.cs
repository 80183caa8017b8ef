using BambuserCart.Contract;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// update.remove on a fresh page: the line is put in both carts first and proven to be in the
/// native one, so that its disappearance after quantity 0 means something. With a second SKU (and
/// a probe) another line goes in beside it, which must still be there after the removal: a
/// handler that clears or replaces the whole cart would otherwise pass.
/// </summary>
internal static class RemoveCheck
{
    public static async Task RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        var sku = run.Sku;
        var setup = await session.AddAsync(sku, $"{UpdateRemove.Wire()} (setup: add)");
        ObservedEvent[] events = [setup];
        if (setup.Outcome != WidgetContract.Outcomes.Success)
        {
            verdicts.Skip(UpdateRemove, $"not proven: '{sku}' could not be put in the widget cart ({setup.Describe()} got {setup.AnswerText}; see add.success), so there is nothing to remove", events);
            return;
        }

        if (SettledCart.NotProvenAfter(setup, run) is { } unsettledSetup)
        {
            verdicts.Skip(UpdateRemove, unsettledSetup, events);
            return;
        }

        var before = await session.NativeCartAsync($"after {setup.Label}");
        if (before is not null && NativeCartProbe.QuantityOf(before, sku) < 1)
        {
            verdicts.Skip(UpdateRemove, $"not proven: after callback(true) for '{sku}' the probe shows {NativeCartProbe.Describe(before)}, so its removal would prove nothing (see add.native-cart)", events);
            return;
        }

        // Added after the line to remove, so that a broken add fails on the check's own setup first.
        if (await KeptLine.AddAsync(session, run, $"{UpdateRemove.Wire()} (setup: a line to keep)") is { } kept)
        {
            events = [setup, kept];
            before = await session.NativeCartAsync($"after {kept.Label}");
            if (NativeCartProbe.QuantityOf(before!, sku) < 1)
            {
                verdicts.Skip(UpdateRemove, $"not proven: adding '{KeptLine.Sku(run)}' beside '{sku}' took '{sku}' out of the native cart ({NativeCartProbe.Describe(before!)}), so its removal would prove nothing (see add.native-cart)", events);
                return;
            }
        }

        var remove = await session.RemoveAsync(sku, UpdateRemove.Wire());
        if (remove.Outcome != WidgetContract.Outcomes.Success)
        {
            verdicts.Fail(UpdateRemove, $"{remove.Describe()}: expected callback(true), got {remove.AnswerText}; {remove.Timeline(run.Cart, run.PageUri)}", [.. events, remove]);
            return;
        }

        if (SettledCart.NotProvenAfter(remove, run) is { } unsettled)
        {
            verdicts.Skip(UpdateRemove, unsettled, [.. events, remove]);
            return;
        }

        if (await session.NativeCartAsync($"after {remove.Label}") is not { } after)
        {
            verdicts.Skip(UpdateRemove, $"not proven: the removal was answered callback(true), but without {RunInput.CartProbe.Named()} the native cart cannot be read", [.. events, remove]);
            return;
        }

        var left = NativeCartProbe.QuantityOf(after, sku);
        var change = NativeCartChange.Of(before!, after, sku, 0);
        if (left != 0)
        {
            verdicts.Fail(UpdateRemove, $"{remove.Describe()} answered callback(true) but the native cart still holds '{sku}' × {left}; {remove.Timeline(run.Cart, run.PageUri)}", [.. events, remove]);
        }
        else if (!change.Mirrored)
        {
            verdicts.Fail(UpdateRemove, $"{remove.Describe()} answered callback(true) and '{sku}' is gone, but the probe then shows {NativeCartProbe.Describe(after)}: {change.Wrong}; {remove.Timeline(run.Cart, run.PageUri)}", [.. events, remove]);
        }
        else
        {
            var others = before!.Where(l => l.Sku != sku).Select(l => l.Sku).Distinct(StringComparer.Ordinal).ToList();
            var rest = others.Count == 0 ? string.Empty : $", and {string.Join(", ", others.Select(s => $"'{s}'"))} stayed as it was";
            verdicts.Pass(UpdateRemove, $"'{sku}' × {NativeCartProbe.QuantityOf(before!, sku)} was in the native cart; quantity 0 was answered callback(true) and the line is gone{rest}", [.. events, remove]);
        }
    }
}

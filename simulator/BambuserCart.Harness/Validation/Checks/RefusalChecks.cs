using BambuserCart.Contract;
using BambuserCart.Harness.Inputs;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// add.out-of-stock and add.unknown-sku: adds the native cart must refuse, each on a fresh page,
/// answered as refused and leaving the native cart as it was (<see cref="CartLeftAlone"/>).
/// </summary>
internal static class RefusalChecks
{
    public static async Task OutOfStockAsync(TargetSession session, RunContext run)
    {
        if (run.Settings.OutOfStockSku is not { } sku)
        {
            run.Verdicts.Skip(AddOutOfStock, $"not proven: no out-of-stock SKU; pass {RunInput.OutOfStockSku.Named()}");
            return;
        }

        var before = await session.NativeCartAsync($"before {AddOutOfStock.Wire()}");
        var add = await session.AddRefusedAsync(sku, AddOutOfStock.Wire());
        if (add.Outcome == WidgetContract.Outcomes.OutOfStock)
        {
            if (!await CartLeftAlone.AfterAsync(session, run, AddOutOfStock, add, $"{add.Describe()} (out of stock)", before, sku, [add]))
            {
                return;
            }

            run.Verdicts.Pass(AddOutOfStock, $"out-of-stock '{sku}' was answered {{ success: false, reason: 'out-of-stock' }}{LeftAlone(before)}", [add]);
        }
        else
        {
            run.Verdicts.Fail(AddOutOfStock, $"{add.Describe()} (out of stock): expected callback({{ success: false, reason: 'out-of-stock' }}), got {add.AnswerText}; {add.Timeline(run.Cart, run.PageUri)}", [add]);
        }
    }

    public static async Task UnknownSkuAsync(TargetSession session, RunContext run)
    {
        var sku = run.Settings.UnknownSkuOrDefault;
        var before = await session.NativeCartAsync($"before {AddUnknownSku.Wire()}");
        var add = await session.AddRefusedAsync(sku, AddUnknownSku.Wire());
        switch (add.Outcome)
        {
            case WidgetContract.Outcomes.Failure or WidgetContract.Outcomes.OutOfStock:
                if (!await CartLeftAlone.AfterAsync(session, run, AddUnknownSku, add, $"{add.Describe()} ('{sku}' is not sold by the shop)", before, sku, [add]))
                {
                    return;
                }

                run.Verdicts.Pass(AddUnknownSku, $"'{sku}', which the shop does not sell, was answered {add.AnswerText}{LeftAlone(before)}", [add]);
                break;
            case WidgetContract.Outcomes.NoHandler:
                run.Verdicts.Skip(AddUnknownSku, "not proven: there is no should-add-item-to-cart handler (see add.handler)", [add]);
                break;
            case WidgetContract.Outcomes.Success:
                run.Verdicts.Fail(AddUnknownSku, $"{add.Describe()}: '{sku}' is not sold by the shop, yet the add was answered callback(true), so the widget shows a product the native cart does not hold; {add.Timeline(run.Cart, run.PageUri)}", [add]);
                break;
            default:
                run.Verdicts.Fail(AddUnknownSku, $"{add.Describe()} ('{sku}' is not sold by the shop): expected callback(false), got {add.AnswerText}; {add.Timeline(run.Cart, run.PageUri)}", [add]);
                break;
        }
    }

    private static string LeftAlone(IReadOnlyList<CartItem>? before) =>
        before is null ? $" (native cart not read: no {RunInput.CartProbe.Named()})" : ", the native cart left as it was";
}

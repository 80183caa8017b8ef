using BambuserCart.Harness.Driver;
using BambuserCart.Simulator.Contract;

namespace BambuserCart.Harness.Validation;

internal sealed partial class ValidationRun
{
    private const string Success = WidgetContract.Outcomes.Success;

    /// <summary>add.success, add.native-cart, update.quantity, add.out-of-stock, update.remove — in that order, on one SKU.</summary>
    private async Task CartChecksAsync()
    {
        var add = await widget.AddToCartAsync(Sku);
        await SnapshotTraceAsync();
        var addEvidence = Evidence(("outcome", add));
        if (add.Outcome == Success)
        {
            Pass(CheckCatalog.AddSuccess, $"should-add-item-to-cart {{ sku: '{Sku}' }} answered callback(true)", addEvidence);
        }
        else
        {
            Fail(CheckCatalog.AddSuccess, $"should-add-item-to-cart {{ sku: '{Sku}' }}: expected callback(true), got {Answered(add)} (outcome {add.Outcome})", addEvidence);
        }

        await NativeAddCheckAsync(add);
        await QuantityCheckAsync(add.Outcome == Success);
        await OutOfStockCheckAsync();
        await RemoveCheckAsync();
    }

    private async Task NativeAddCheckAsync(CartOutcome add)
    {
        if (settings.CartProbe is null)
        {
            Skip(CheckCatalog.AddNativeCart, "no cart probe: pass --cart-probe '<js expression giving [{sku, quantity}]>' (built in with --backend sample)");
            return;
        }

        if (add.Outcome != Success)
        {
            Skip(CheckCatalog.AddNativeCart, "the add was not accepted (see add.success), so there is nothing to find in the native cart");
            return;
        }

        var native = await ProbeAsync(CheckCatalog.AddNativeCart);
        if (native is null)
        {
            return;
        }

        var evidence = Evidence(("nativeCart", native.Select(l => new { sku = l.Sku, quantity = l.Quantity })));
        if (native.Any(l => l.Sku == Sku && l.Quantity >= 1))
        {
            Pass(CheckCatalog.AddNativeCart, $"after callback(true) the {NativeCartProbe.Describe(native)} holds '{Sku}'", evidence);
        }
        else
        {
            Fail(CheckCatalog.AddNativeCart, $"should-add-item-to-cart {{ sku: '{Sku}' }} answered callback(true) but the probe shows {NativeCartProbe.Describe(native)}", evidence);
        }
    }

    private async Task QuantityCheckAsync(bool inWidgetCart)
    {
        if (!inWidgetCart)
        {
            Skip(CheckCatalog.UpdateQuantity, $"'{Sku}' is not in the widget cart (see add.success), so its quantity cannot change");
            return;
        }

        var update = await widget.SetQuantityAsync(Sku, 2);
        await SnapshotTraceAsync();
        await JudgeUpdateAsync(CheckCatalog.UpdateQuantity, update, expectedNative: 2);
    }

    private async Task OutOfStockCheckAsync()
    {
        if (settings.OutOfStockSku is not { } sku)
        {
            Skip(CheckCatalog.AddOutOfStock, "no out-of-stock SKU: pass --out-of-stock-sku");
            return;
        }

        var add = await widget.AddToCartAsync(sku);
        await SnapshotTraceAsync();
        var evidence = Evidence(("outcome", add));
        if (add.Outcome == WidgetContract.Outcomes.OutOfStock)
        {
            Pass(CheckCatalog.AddOutOfStock, $"out-of-stock '{sku}' answered {{ success: false, reason: 'out-of-stock' }}", evidence);
        }
        else
        {
            Fail(CheckCatalog.AddOutOfStock, $"should-add-item-to-cart {{ sku: '{sku}' }} (out of stock): expected callback({{ success: false, reason: 'out-of-stock' }}), got {Answered(add)}", evidence);
        }
    }

    private async Task RemoveCheckAsync()
    {
        if (!await InWidgetCartAsync(Sku))
        {
            Skip(CheckCatalog.UpdateRemove, $"'{Sku}' is not in the widget cart (see add.success), so it cannot be removed");
            return;
        }

        var remove = await widget.RemoveFromCartAsync(Sku);
        await SnapshotTraceAsync();
        await JudgeUpdateAsync(CheckCatalog.UpdateRemove, remove, expectedNative: 0);
    }

    /// <summary>An update must be answered callback(true) and leave the native line at the new quantity (0: gone).</summary>
    private async Task JudgeUpdateAsync(string id, CartOutcome update, int expectedNative)
    {
        var payload = $"should-update-item-in-cart {{ sku: '{update.Payload.Sku}', quantity: {update.Payload.Quantity}, previousQuantity: {update.Payload.PreviousQuantity} }}";
        if (update.Outcome != Success)
        {
            Fail(id, $"{payload}: expected callback(true), got {Answered(update)}", Evidence(("outcome", update)));
            return;
        }

        if (settings.CartProbe is null)
        {
            Pass(id, $"{payload} answered callback(true) (native cart not checked: no --cart-probe)", Evidence(("outcome", update)));
            return;
        }

        var native = await ProbeAsync(id);
        if (native is null)
        {
            return;
        }

        var evidence = Evidence(("outcome", update), ("nativeCart", native.Select(l => new { sku = l.Sku, quantity = l.Quantity })));
        var actual = native.Where(l => l.Sku == update.Payload.Sku).Sum(l => l.Quantity);
        if (actual == expectedNative)
        {
            Pass(id, $"{payload} answered callback(true); the native cart agrees ({NativeCartProbe.Describe(native)})", evidence);
        }
        else
        {
            var expected = expectedNative == 0 ? $"no '{update.Payload.Sku}' line" : $"'{update.Payload.Sku}' × {expectedNative}";
            Fail(id, $"{payload} answered callback(true) but the native cart does not follow: expected {expected}, the probe shows {NativeCartProbe.Describe(native)}", evidence);
        }
    }

    private async Task<IReadOnlyList<(string Sku, int Quantity)>?> ProbeAsync(string id)
    {
        try
        {
            return await NativeCartProbe.ReadAsync(page, settings.CartProbe!);
        }
        catch (SimulatorException ex)
        {
            Fail(id, ex.Message);
            return null;
        }
    }

    private async Task<bool> InWidgetCartAsync(string sku) => (await widget.StateAsync()).WidgetCart.Any(l => l.Sku == sku);
}

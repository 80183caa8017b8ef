using BambuserCart.Contract;
using BambuserCart.Harness.Validation.Run;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// A change the widget was told did not happen (callback false, out-of-stock) must leave the native
/// cart as it was. A shop that shows the line, or the new quantity, at once and does not take it
/// back when the backend fails or refuses leaves the shopper looking at a product the widget does
/// not show and the backend does not have. Only a probe that reads what the shopper sees (a mini
/// cart kept in the page) can tell; the sample backend's reads the server.
/// </summary>
internal static class CartLeftAlone
{
    /// <summary>
    /// Reads the native cart after <paramref name="refused"/> and judges <paramref name="id"/> when
    /// it is not as <paramref name="before"/>: failed, naming what changed; not proven when the
    /// event's requests never finished. True when the cart is as it was, or cannot be read (no
    /// probe): the check goes on.
    /// </summary>
    /// <param name="what">The event and why it was refused: "#4 should-add-item-to-cart { … } with the cart backend answering HTTP 500".</param>
    public static async Task<bool> AfterAsync(
        TargetSession session,
        RunContext run,
        CheckId id,
        ObservedEvent refused,
        string what,
        IReadOnlyList<CartItem>? before,
        string sku,
        IReadOnlyList<ObservedEvent> events)
    {
        if (before is null)
        {
            return true;
        }

        if (SettledCart.NotProvenAfter(refused, run) is { } unsettled)
        {
            run.Verdicts.Skip(id, unsettled, events);
            return false;
        }

        var after = await session.NativeCartAsync($"after {refused.Label}");
        if (after is null || NativeCartChange.Of(before, after, sku, NativeCartProbe.QuantityOf(before, sku)) is not { Mirrored: false } change)
        {
            return true;
        }

        run.Verdicts.Fail(
            id,
            $"{what} was answered {refused.AnswerText}, but the native cart changed anyway: {change.Wrong} ({NativeCartProbe.Describe(before)} before, {NativeCartProbe.Describe(after)} after); "
                + $"the shopper sees a change the widget does not show (shown before the answer and not taken back?); {refused.Timeline(run.Cart, run.PageUri)}",
            events);
        return false;
    }
}

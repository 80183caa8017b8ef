using BambuserCart.Contract;
using BambuserCart.Harness.Validation.Run;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// A line of a second SKU put in both carts before the line a check is about, so that a handler
/// that replaces or clears the whole native cart has something to lose: with one line in the cart,
/// "set the cart to this line" and "set this line" look the same.
/// </summary>
internal static class KeptLine
{
    /// <summary>
    /// Adds the second SKU and returns its event once it is in (answered true, its requests done);
    /// null when there is no second SKU or no probe (nothing to prove it with), or it did not go in:
    /// the check is then judged on its own line only.
    /// </summary>
    public static async Task<ObservedEvent?> AddAsync(TargetSession session, RunContext run, string label)
    {
        if (!run.HasProbe || Sku(run) is not { } other)
        {
            return null;
        }

        var kept = await session.AddAsync(other, label);
        return kept.Outcome == WidgetContract.Outcomes.Success && SettledCart.NotProvenAfter(kept, run) is null ? kept : null;
    }

    /// <summary>The second SKU of the run (the sample backend gives two); null when there is only one.</summary>
    public static string? Sku(RunContext run) => run.Settings.Skus.FirstOrDefault(s => s != run.Sku);
}

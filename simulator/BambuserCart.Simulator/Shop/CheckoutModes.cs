namespace BambuserCart.Simulator.Shop;

/// <summary>
/// How the sample shop's reference integration answers <c>goto-checkout</c>, chosen per page load
/// with <c>/?checkout=</c>: float the call above the checkout page, open it in a new tab, or
/// register no handler at all (so the widget shows no Checkout button).
/// </summary>
public static class CheckoutModes
{
    public const string Miniplayer = "miniplayer";
    public const string NewTab = "new-tab";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Miniplayer, NewTab, None];
}

using System.Text.Json;
using BambuserCart.Contract;

namespace BambuserCart.Harness.Driver;

/// <summary>Where a checkout took the shopper. <see cref="NewTab"/> is the opened tab, its document parsed.</summary>
public sealed record CheckoutResult(JsonElement Payload, CheckoutNavigation Navigation, string? Url)
{
    public Microsoft.Playwright.IPage? NewTab { get; init; }

    /// <summary>The HTTP status the new tab's page answered; null when it never answered.</summary>
    public int? NewTabStatus { get; init; }
}

using System.Text.Json;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// GTM add_to_cart / remove_from_cart pushed because of the call carry
/// <c>affiliation: "Bambuser Calls &lt;orgId&gt;"</c> (Cart integration page, "Affiliation tracking").
/// </summary>
public sealed class AffiliationTrackingTests : BrowserTest
{
    [Test]
    public async Task Reference_integration_tags_every_gtm_cart_event_with_the_affiliation()
    {
        await OpenShopAsync();
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.SetQuantityAsync("SHIRT-BLUE-M", 3);
        await Widget.SetQuantityAsync("SHIRT-BLUE-M", 2);
        await Widget.RemoveFromCartAsync("SHIRT-BLUE-M");

        var pushes = await Page.EvaluateAsync<JsonElement>(
            "() => window.dataLayer.filter(e => e.event === 'add_to_cart' || e.event === 'remove_from_cart')");

        var events = pushes.EnumerateArray().Select(e => (
            Event: e.GetProperty("event").GetString(),
            Affiliation: e.GetProperty("ecommerce").GetProperty("items")[0].GetProperty("affiliation").GetString(),
            Quantity: e.GetProperty("ecommerce").GetProperty("items")[0].GetProperty("quantity").GetInt32())).ToList();
        Assert.That(events, Is.EqualTo(new[]
        {
            ("add_to_cart", "Bambuser Calls sample-org", 1),
            ("add_to_cart", "Bambuser Calls sample-org", 2),
            ("remove_from_cart", "Bambuser Calls sample-org", 1),
            ("remove_from_cart", "Bambuser Calls sample-org", 2),
        }), pushes.GetRawText());
    }
}

using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using BambuserCart.NUnit;
using BambuserCart.Simulator;

namespace MerchantTests;

/// <summary>A merchant testing their own page and cart integration with BambuserCart's packages.</summary>
public class CartIntegrationTests : WidgetPageTest
{
    private static readonly string ShopFolder = Path.Combine(AppContext.BaseDirectory, "shop");
    private SimulatorServer shop = null!;

    // The page's folder on a loopback port, with BambuserCart's sample cart API standing in for the shop's backend.
    [OneTimeSetUp]
    public async Task ServeShopAsync() =>
        shop = await SimulatorServer.StartAsync(new SimulatorOptions { MerchantSiteDirectory = ShopFolder, SampleBackend = true });

    [OneTimeTearDown]
    public async Task StopShopAsync() => await shop.DisposeAsync();

    [Test]
    public async Task Agent_add_reaches_the_widget_cart()
    {
        await Page.GotoAsync(shop.Url("index.html").ToString());
        await Widget.ReadyForAgentAsync();
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Expect(Widget).ToHaveCartAsync(("SHIRT-BLUE-M", 1));
    }

    [Test]
    public async Task Integration_passes_every_required_check() =>
        Expect(await ValidateAsync(Path.Combine(ShopFolder, "index.html"), new ValidationSettings { SampleBackend = true })).ToPass();
}

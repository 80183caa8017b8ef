using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// One simulator host and one Chromium for every browser test in the run: starting them is the
/// slow part. Each test still gets a fresh browser context (see <see cref="BrowserTest"/>).
/// NUnit runs a setup fixture for the tests of its namespace and the namespaces under it, so
/// every test that needs the browser lives in this folder (<c>RealBrowser/</c>); tests outside
/// it never start one.
/// </summary>
[SetUpFixture]
public sealed class BrowserTestEnvironment
{
    private static SimulatorServer? server;
    private static BrowserSession? browser;

    public static SimulatorServer Server => server ?? throw new InvalidOperationException("the simulator host has not started");

    public static BrowserSession Browser => browser ?? throw new InvalidOperationException("the browser has not started");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await SimulatorServer.StartAsync();
        // BAMBUSER_CART_CONNECT runs the browser tests on a browser server instead.
        browser = await BrowserSession.OpenAsync();
        await TestContext.Progress.WriteLineAsync($"Browser tests: {browser.Choice.Description}, simulator at {server.BaseUrl}");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

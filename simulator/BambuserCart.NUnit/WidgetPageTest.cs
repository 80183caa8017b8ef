using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Validation;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Widget;
using Microsoft.Playwright;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace BambuserCart.NUnit;

/// <summary>
/// The base class of a merchant's widget test, in the spirit of Playwright's <c>PageTest</c>:
/// each test gets a fresh, offline browser context and page in which Bambuser's embed addresses
/// serve the fake widget, and <see cref="Widget"/> plays the remote agent.
/// <code>
/// public class CartTests : WidgetPageTest
/// {
///     [Test]
///     public async Task Agent_add_reaches_the_cart()
///     {
///         await Page.GotoAsync("http://localhost:5000/product/shirt");
///         await Widget.ReadyForAgentAsync();
///         await Widget.AddToCartAsync("SHIRT-M");
///         await Expect(Widget).ToHaveCartAsync(("SHIRT-M", 1));
///     }
/// }
/// </code>
/// Offline means a request to any host other than this machine and <see cref="AllowedHosts"/>
/// is blocked, and a test that made one fails, naming it.
/// </summary>
public abstract class WidgetPageTest
{
    private OfflineContext? offline;

    /// <summary>This test's page, in a context of its own.</summary>
    protected IPage Page { get; private set; } = null!;

    protected IBrowserContext Context => offline?.Context ?? throw new InvalidOperationException("the test's context is opened in [SetUp]");

    /// <summary>The fake widget on <see cref="Page"/>: the agent's cart actions, the shopper's checkout, its state and event trace.</summary>
    protected WidgetDriver Widget { get; private set; } = null!;

    /// <summary>Hosts outside this machine the page may reach (a CDN it cannot run without); none by default.</summary>
    protected virtual IEnumerable<string> AllowedHosts => [];

    /// <summary>The products the fake's agent console offers by name; the agent can add any SKU without them.</summary>
    protected virtual IEnumerable<Product> AgentProducts => [];

    [SetUp]
    public async Task OpenWidgetPageAsync()
    {
        var browser = await SharedBrowser.GetAsync();
        offline = await browser.NewContextAsync(FakeEmbedScript.Render(AgentProducts), AllowedHosts);
        Page = await offline.Context.NewPageAsync();
        Widget = new WidgetDriver(Page);
    }

    [TearDown]
    public async Task CloseWidgetPageAsync()
    {
        if (offline is null)
        {
            return;
        }

        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
            {
                await TestContext.Out.WriteLineAsync(await WidgetAssertions.TraceTextAsync(Widget));
            }

            Assert.That(offline.BlockedRequests, Is.Empty, "the page tried to reach hosts outside this machine (allow one with AllowedHosts)");
        }
        finally
        {
            await offline.DisposeAsync();
            offline = null;
        }
    }

    /// <summary>Assertions on the widget that retry until they hold or <paramref name="timeoutMs"/> passes.</summary>
    protected static WidgetAssertions Expect(WidgetDriver widget, int timeoutMs = WidgetAssertions.DefaultTimeoutMs) => new(widget, timeoutMs);

    /// <summary>Assertions on a validation's verdict.</summary>
    protected static ReportAssertions Expect(ValidationReport report) => new(report);

    /// <summary>
    /// Runs <c>validate</c> on <paramref name="target"/> (a URL, or a local .html page or .js
    /// integration script) in a context of its own: every check of the cart contract, judged on the
    /// evidence of what the page did. For a URL give the SKUs to add and, to prove the native cart,
    /// a cart probe (<see cref="ValidationSettings.CartProbe"/>); a local file can use the sample
    /// backend (<see cref="ValidationSettings.SampleBackend"/>).
    /// </summary>
    /// <exception cref="ValidationInputException">The settings or the target cannot be used (the message names which).</exception>
    protected static async Task<ValidationReport> ValidateAsync(string target, ValidationSettings settings) =>
        await Validator.RunAsync(ValidationTarget.Parse(target), settings, await SharedBrowser.GetAsync());
}

using System.Text.Json;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// A fresh browser context and page per test, offline: the real embed addresses serve the fake,
/// and a request to any other host fails the test.
/// </summary>
public abstract class BrowserTest
{
    private OfflineContext? offline;

    protected static SimulatorServer Server => BrowserTestEnvironment.Server;

    protected IPage Page { get; private set; } = null!;

    protected WidgetDriver Widget { get; private set; } = null!;

    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private bool tracing;

    /// <summary>artifacts/ at the repository root (beside BambuserCart.sln), where failed tests leave their evidence.</summary>
    protected static string ArtifactsRoot { get; } = FindArtifactsRoot();

    [SetUp]
    public async Task OpenContextAsync()
    {
        offline = await BrowserTestEnvironment.Browser.NewContextAsync(Server.EmbedScript);
        await FailureArtifacts.StartAsync(offline.Context);
        tracing = true;
        Page = await offline.Context.NewPageAsync();
        Widget = new WidgetDriver(Page);
    }

    [TearDown]
    public async Task CloseContextAsync()
    {
        if (offline is null)
        {
            return;
        }

        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
            {
                await WriteTraceAsync();
                await KeepFailureArtifactsAsync();
            }
            else if (tracing)
            {
                await FailureArtifacts.DiscardAsync(offline.Context);
            }

            Assert.That(offline.BlockedRequests, Is.Empty, "requests tried to leave 127.0.0.1 during the test");
        }
        finally
        {
            await offline.DisposeAsync();
            offline = null;
        }
    }

    /// <summary>
    /// Keeps the Playwright trace, a screenshot and the event trace in artifacts/&lt;test&gt;/ and
    /// attaches them to the NUnit result; teardown calls it for a failed test.
    /// </summary>
    protected async Task<IReadOnlyList<string>> KeepFailureArtifactsAsync()
    {
        string? events = null;
        try
        {
            events = JsonSerializer.Serialize(await Widget.TraceAsync(), IndentedJson);
        }
        catch (Exception ex) when (ex is SimulatorException or PlaywrightException)
        {
            // No widget on the page (it never loaded, or navigated away): the trace and screenshot still help.
        }

        tracing = false;
        var folder = Path.Combine(ArtifactsRoot, FailureArtifacts.SafeName(TestContext.CurrentContext.Test.FullName));
        var files = await FailureArtifacts.KeepAsync(offline!.Context, Page, folder, events);
        foreach (var file in files)
        {
            TestContext.AddTestAttachment(file);
        }

        return files;
    }

    private static string FindArtifactsRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BambuserCart.sln")))
            {
                return Path.Combine(directory.FullName, "artifacts");
            }
        }

        return Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");
    }

    /// <summary>Opens the sample shop in a checkout mode and waits for its widget.</summary>
    protected async Task OpenShopAsync(string checkoutMode = "miniplayer")
    {
        await Page.GotoAsync(Server.Url($"?checkout={checkoutMode}").ToString());
        await Widget.ReadyAsync();
    }

    /// <summary>
    /// Opens a merchant page whose integration is <paramref name="integrationScript"/>; the page
    /// loads the real embed address, which the context serves with the fake.
    /// </summary>
    protected Task OpenIntegrationAsync(string integrationScript, bool waitForWidget = true) =>
        OpenIntegrationAsync(Page, integrationScript, waitForWidget);

    /// <summary>The same, on any page (tests that drive several contexts at once).</summary>
    internal static async Task OpenIntegrationAsync(IPage page, string integrationScript, bool waitForWidget = true)
    {
        var url = Server.Url($"__merchant/{Guid.NewGuid():N}.html").ToString();
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Merchant page</title>
            <script>{integrationScript}</script>
            <script src="https://one-to-one.bambuser.com/embed.js"></script>
            </head><body><h1>Merchant page</h1></body></html>
            """;
        await page.ServeHtmlAsync(url, html);
        await page.GotoAsync(url);
        if (waitForWidget)
        {
            await new WidgetDriver(page).ReadyAsync();
        }
    }

    /// <summary>The native cart as the shop's API reports it for this context's session.</summary>
    protected async Task<IReadOnlyList<(string Sku, int Quantity)>> NativeCartAsync() =>
        [.. (await NativeCartProbe.ReadSampleShopAsync(Page.Context, Server)).Select(l => (l.Sku, l.Quantity))];

    /// <summary>The event trace, for failure messages: what the widget emitted and what came back.</summary>
    protected async Task<string> TraceTextAsync()
    {
        return "event trace:\n" + TraceFormatter.Text(await Widget.TraceAsync());
    }

    private async Task WriteTraceAsync()
    {
        try
        {
            await TestContext.Out.WriteLineAsync(await TraceTextAsync());
            await TestContext.Out.WriteLineAsync("state: " + JsonSerializer.Serialize(await Widget.StateAsync()));
        }
        catch (SimulatorException ex)
        {
            await TestContext.Out.WriteLineAsync($"(no widget trace: {ex.Message})");
        }
        catch (PlaywrightException ex)
        {
            await TestContext.Out.WriteLineAsync($"(no widget trace: {ex.Message.Split('\n')[0]})");
        }
    }
}

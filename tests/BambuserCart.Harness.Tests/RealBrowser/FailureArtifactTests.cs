using BambuserCart.Harness.Browsers;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>What a failed browser test leaves behind (teardown calls the same method on failure).</summary>
public sealed class FailureArtifactTests : BrowserTest
{
    [Test]
    public async Task Failed_browser_test_keeps_trace_screenshot_and_event_trace_in_a_folder_named_after_it()
    {
        await OpenShopAsync();
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var files = await KeepFailureArtifactsAsync();

        try
        {
            var folder = Path.Combine(ArtifactsRoot, FailureArtifacts.SafeName(TestContext.CurrentContext.Test.FullName));
            Assert.That(files, Is.EquivalentTo(new[]
            {
                Path.Combine(folder, FailureArtifacts.TraceFile),
                Path.Combine(folder, FailureArtifacts.ScreenshotFile),
                Path.Combine(folder, FailureArtifacts.EventTraceFile),
            }));
            Assert.That(files.All(f => new FileInfo(f).Length > 0), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(folder, FailureArtifacts.EventTraceFile)), Does.Contain("\"event\": \"should-add-item-to-cart\""));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(files[0])!, recursive: true);
        }
    }
}

using BambuserCart.Harness.Browsers;

namespace BambuserCart.Harness.Tests.BrowserLocation;

/// <summary>Finding a browser without downloading one, and saying how to get one when there is none.</summary>
public sealed class BrowserLocatorTests
{
    private static readonly string[] System = ["/usr/bin/chromium", "/usr/bin/google-chrome"];

    [Test]
    public void Explicit_path_wins_over_environment_and_system()
    {
        var locator = Locator(env: "/opt/env-chrome", existing: ["/opt/explicit", "/opt/env-chrome", "/usr/bin/chromium"]);

        Assert.That(locator.Locate("/opt/explicit").ExecutablePath, Is.EqualTo("/opt/explicit"));
    }

    [Test]
    public void Environment_variable_wins_over_playwright_and_system()
    {
        var locator = Locator(env: "/opt/env-chrome", existing: ["/opt/env-chrome", "/usr/bin/chromium"], playwright: "/root/.cache/ms-playwright");

        Assert.That(locator.Locate().ExecutablePath, Is.EqualTo("/opt/env-chrome"));
    }

    [Test]
    public void Playwright_installed_browser_is_used_before_a_system_one()
    {
        var choice = Locator(existing: ["/usr/bin/chromium"], playwright: "/root/.cache/ms-playwright").Locate();

        Assert.That(choice.ExecutablePath, Is.Null, "null lets Playwright launch its own browser");
        Assert.That(choice.Description, Does.Contain("/root/.cache/ms-playwright"));
    }

    [Test]
    public void First_existing_system_path_is_used_last()
    {
        Assert.That(Locator(existing: ["/usr/bin/google-chrome"]).Locate().ExecutablePath, Is.EqualTo("/usr/bin/google-chrome"));
    }

    [Test]
    public void Bad_explicit_path_says_which_path_and_how_to_get_a_browser()
    {
        var error = Assert.Throws<BrowserNotFoundException>(() => Locator(existing: ["/usr/bin/chromium"]).Locate("/nope/chrome"));

        Assert.That(error!.Message, Does.StartWith("The browser '/nope/chrome' given by the browser path does not exist.").And.Contain("apt-get update && apt-get install -y chromium"));
    }

    [Test]
    public void Bad_environment_path_names_the_variable()
    {
        var error = Assert.Throws<BrowserNotFoundException>(() => Locator(env: "/nope/chrome", existing: ["/usr/bin/chromium"]).Locate());

        Assert.That(error!.Message, Does.Contain($"the {BrowserLocator.EnvironmentVariable} environment variable"));
    }

    [Test]
    public void No_browser_anywhere_says_how_to_get_one()
    {
        var error = Assert.Throws<BrowserNotFoundException>(() => Locator(existing: []).Locate());

        Assert.That(error!.Message, Does.StartWith("No Chromium found").And.Contain("apt-get update && apt-get install -y chromium").And.Contain("playwright.ps1 install chromium"));
    }

    [Test]
    public void Launching_a_bad_explicit_path_fails_with_the_clear_error_not_a_playwright_stack()
    {
        var error = Assert.ThrowsAsync<BrowserNotFoundException>(() => BrowserSession.LaunchAsync("/nope/chrome"));

        Assert.That(error!.Message, Does.StartWith("The browser '/nope/chrome'"));
    }

    private static BrowserLocator Locator(string? env = null, string[]? existing = null, string? playwright = null) =>
        new(
            name => name == BrowserLocator.EnvironmentVariable ? env : null,
            path => (existing ?? []).Contains(path),
            () => playwright,
            System);
}

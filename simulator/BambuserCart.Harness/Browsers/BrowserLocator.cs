using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Browsers;

/// <summary>
/// Finds a Chromium without downloading one, in this order: an explicit path (option, then the
/// <c>BAMBUSER_CART_CHROMIUM</c> environment variable), Playwright's own installed browser, then a
/// system Chromium or Chrome at the usual paths.
/// </summary>
public sealed class BrowserLocator
{
    public const string EnvironmentVariable = "BAMBUSER_CART_CHROMIUM";

    /// <summary>What to do when no browser is found; it names the browser input as the caller's front end does.</summary>
    public static string HowToGetOne =>
        "Install one with 'apt-get update && apt-get install -y chromium' (Debian/Ubuntu), or where downloads work 'dotnet pwsh playwright.ps1 install chromium', " +
        $"or point {EnvironmentVariable} (or {RunInput.Browser.Named()}) at a Chromium or Chrome executable.";

    /// <summary>Usual places of a system Chromium or Chrome.</summary>
    public static readonly IReadOnlyList<string> SystemPaths =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
        @"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    ];

    private readonly Func<string, string?> getEnvironment;
    private readonly Func<string, bool> fileExists;
    private readonly Func<string?> playwrightBrowsersDirectory;
    private readonly IReadOnlyList<string> systemPaths;

    public BrowserLocator()
        : this(Environment.GetEnvironmentVariable, File.Exists, DefaultPlaywrightBrowsersDirectory, SystemPaths)
    {
    }

    /// <summary>For tests: every lookup of the machine is replaceable.</summary>
    public BrowserLocator(
        Func<string, string?> getEnvironment,
        Func<string, bool> fileExists,
        Func<string?> playwrightBrowsersDirectory,
        IReadOnlyList<string> systemPaths)
    {
        this.getEnvironment = getEnvironment;
        this.fileExists = fileExists;
        this.playwrightBrowsersDirectory = playwrightBrowsersDirectory;
        this.systemPaths = systemPaths;
    }

    /// <param name="explicitPath">A path the user gave (for example <c>--browser</c>); wins over everything.</param>
    /// <exception cref="BrowserNotFoundException">An explicit path does not exist, or nothing was found.</exception>
    public BrowserChoice Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Explicit(explicitPath, RunInput.Browser.Named());
        }

        if (getEnvironment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Explicit(fromEnvironment, $"the {EnvironmentVariable} environment variable");
        }

        if (playwrightBrowsersDirectory() is { } installed)
        {
            return new BrowserChoice(null, $"Playwright's installed browser in {installed}");
        }

        foreach (var path in systemPaths)
        {
            if (fileExists(path))
            {
                return new BrowserChoice(path, $"system browser {path}");
            }
        }

        throw new BrowserNotFoundException(
            $"No Chromium found: {EnvironmentVariable} is not set, Playwright has no installed browser, " +
            $"and none of {string.Join(", ", systemPaths.Take(5))} exists. {HowToGetOne}");
    }

    private BrowserChoice Explicit(string path, string source) =>
        fileExists(path)
            ? new BrowserChoice(path, $"{source} ({path})")
            : throw new BrowserNotFoundException($"The browser '{path}' given by {source} does not exist. {HowToGetOne}");

    private static string? DefaultPlaywrightBrowsersDirectory()
    {
        var root = Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH");
        if (string.IsNullOrEmpty(root) || root == "0")
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ms-playwright")
                : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches", "ms-playwright") : Path.Combine(home, ".cache", "ms-playwright");
        }

        return Directory.Exists(root) && Directory.EnumerateDirectories(root, "chromium*").Any() ? root : null;
    }
}

/// <summary>The browser to launch: <see cref="ExecutablePath"/> null means Playwright's own.</summary>
public sealed record BrowserChoice(string? ExecutablePath, string Description);

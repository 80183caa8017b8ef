using BambuserCart.Harness.Browsers;

namespace BambuserCart.NUnit;

/// <summary>
/// One Chromium for every test of the process: launching it is the slow part, and a fresh
/// context per test isolates the tests as well as a fresh browser would. It is launched by the
/// first test that needs it and closed when the test process ends.
/// </summary>
public static class SharedBrowser
{
    private static readonly Lock Gate = new();
    private static Task<BrowserSession>? launching;

    /// <summary>
    /// The browser; the first call launches it (found as <c>validate</c> finds one: BAMBUSER_CART_CHROMIUM,
    /// Playwright's, then the system's), or connects to the browser server BAMBUSER_CART_CONNECT names.
    /// </summary>
    public static Task<BrowserSession> GetAsync()
    {
        lock (Gate)
        {
            if (launching is null || launching.IsFaulted || launching.IsCanceled)
            {
                launching = BrowserSession.OpenAsync();
                AppDomain.CurrentDomain.ProcessExit -= CloseOnExit;
                AppDomain.CurrentDomain.ProcessExit += CloseOnExit;
            }

            return launching;
        }
    }

    // The process is ending and cannot await: close the browser within a bound so Chromium does not
    // outlive the test run, and never hold the exit up for longer.
    private static void CloseOnExit(object? sender, EventArgs e)
    {
        if (launching is { IsCompletedSuccessfully: true } launched)
        {
#pragma warning disable VSTHRD002 // ProcessExit handlers are synchronous; this wait is bounded.
            launched.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
#pragma warning restore VSTHRD002
        }
    }
}

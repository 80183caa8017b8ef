using Microsoft.Playwright;

namespace BambuserCart.Harness.Browsers;

/// <summary>Opens the page under test, turning "it is not there" into one clear exception.</summary>
internal static class TargetPage
{
    private const int LoadTimeoutMs = 20_000;

    /// <exception cref="TargetUnreachableException">The page did not answer, answered an HTTP error, or did not load in time.</exception>
    public static async Task OpenAsync(IPage page, string url)
    {
        IResponse? response;
        try
        {
            response = await page.GotoAsync(url, new PageGotoOptions { Timeout = LoadTimeoutMs });
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("net::ERR_", StringComparison.Ordinal))
        {
            throw new TargetUnreachableException($"{url} is unreachable ({ex.Message.Split('\n')[0]})", ex);
        }
        catch (TimeoutException ex)
        {
            throw new TargetUnreachableException($"{url} did not load within {LoadTimeoutMs / 1000} s", ex);
        }

        if (response is { Ok: false })
        {
            throw new TargetUnreachableException($"{url} answered HTTP {response.Status}");
        }
    }
}

/// <summary>The page under test cannot be loaded; the message starts with its URL.</summary>
internal sealed class TargetUnreachableException : Exception
{
    public TargetUnreachableException(string message)
        : base(message)
    {
    }

    public TargetUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TargetUnreachableException()
    {
    }
}

namespace BambuserCart.Harness.Driver;

/// <summary>The fake widget refused an action (no instance, no Checkout button, bad argument…).</summary>
public class SimulatorException : Exception
{
    public SimulatorException(string message)
        : base(message)
    {
    }

    public SimulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SimulatorException()
    {
    }
}

/// <summary>The page stopped running scripts (a handler stuck in an endless loop): nothing it does can be observed any more.</summary>
public sealed class PageUnresponsiveException : SimulatorException
{
    public PageUnresponsiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PageUnresponsiveException(string message)
        : base(message)
    {
    }

    public PageUnresponsiveException()
    {
    }
}

/// <summary>
/// The page left the document the widget started in: it reloaded, or went to another URL in this
/// tab. The real widget lives in that document, so the call would have ended there.
/// </summary>
public sealed class PageNavigatedException : SimulatorException
{
    /// <summary>What it means for the shopper, for messages.</summary>
    public const string Consequence = "the call would end, since the widget goes with the page (change the cart in place, and refresh what shows it from the answer instead of reloading)";

    public PageNavigatedException(string url, bool reload)
        : base(reload ? $"the page reloaded ({url})" : $"the page navigated to {url}")
    {
        Url = url;
        Reload = reload;
    }

    public PageNavigatedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Url = string.Empty;
    }

    public PageNavigatedException(string message)
        : base(message)
    {
        Url = string.Empty;
    }

    public PageNavigatedException()
    {
        Url = string.Empty;
    }

    /// <summary>Where it went (for a reload, the same URL).</summary>
    public string Url { get; }

    /// <summary>It loaded the same URL again.</summary>
    public bool Reload { get; }
}

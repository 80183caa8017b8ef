namespace BambuserCart.Harness.Browsers;

/// <summary>No usable Chromium was found; the message says where we looked and how to get one.</summary>
public sealed class BrowserNotFoundException : Exception
{
    public BrowserNotFoundException(string message)
        : base(message)
    {
    }

    public BrowserNotFoundException()
    {
    }

    public BrowserNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace BambuserCart.Harness.Hosting;

/// <summary>The requested port is taken by another process.</summary>
public sealed class PortInUseException : Exception
{
    public PortInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PortInUseException(string message)
        : base(message)
    {
    }

    public PortInUseException()
    {
    }
}

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


namespace BambuserCart.Harness.Driver;

/// <summary>The fake widget refused an action (no instance, no Checkout button, bad argument…).</summary>
public sealed class SimulatorException : Exception
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

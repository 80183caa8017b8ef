namespace BambuserCart.Harness.Scenarios;

/// <summary>A scenario file (or an override) cannot be used; the message names the file and JSON path. Exit code 2.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ScenarioException()
    {
    }
}

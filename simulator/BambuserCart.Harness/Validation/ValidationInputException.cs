namespace BambuserCart.Harness.Validation;

/// <summary>Bad input to <c>validate</c> (exit code 2); the message names the option, file or URL.</summary>
public sealed class ValidationInputException : Exception
{
    public ValidationInputException(string message)
        : base(message)
    {
    }

    public ValidationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ValidationInputException()
    {
    }
}

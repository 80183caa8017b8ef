namespace BambuserCart.Cli;

/// <summary>Exit codes shared by every command (docs/validation-checks.md, "Exit codes and outputs").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int ChecksFailed = 1;
    public const int UsageError = 2;
    public const int EnvironmentError = 3;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}

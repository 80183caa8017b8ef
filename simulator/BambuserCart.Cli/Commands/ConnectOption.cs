using System.CommandLine;
using BambuserCart.Harness.Browsers;

namespace BambuserCart.Cli.Commands;

/// <summary><c>--connect WS_ENDPOINT</c> on every command that drives a browser; a malformed endpoint is a usage error (exit 2).</summary>
internal static class ConnectOption
{
    public static Option<string?> Create() => new("--connect")
    {
        Description = $"Use the Playwright browser server at this ws:// endpoint instead of launching a browser (default: ${BrowserSession.ConnectVariable}).",
        Validators =
        {
            result =>
            {
                if (result.Tokens.Count == 1 && BrowserSession.EndpointProblem(result.Tokens[0].Value) is { } problem)
                {
                    result.AddError($"--connect: {problem}");
                }
            },
        },
    };
}

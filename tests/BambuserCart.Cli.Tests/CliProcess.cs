using System.Diagnostics;

namespace BambuserCart.Cli.Tests;

/// <summary>Runs the built bambuser-cart command as a separate process, the way a user or CI does.</summary>
internal static class CliProcess
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "bambuser-cart.dll");

    public static Process Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(environment, ownProcessGroup: false, arguments);

    /// <param name="ownProcessGroup">
    /// Run it as a terminal runs a command: leader of its own process group (its PID is the group's
    /// id), so a signal to the group reaches it and everything it started, as Ctrl+C does.
    /// </param>
    public static Process Start(IReadOnlyDictionary<string, string> environment, bool ownProcessGroup, params string[] arguments)
    {
        // Through env, which execs in place (the PID stays the command's): a test run started under
        // nohup would hand its ignored SIGHUP down to the command, which rightly keeps it ignored,
        // and the signal tests would then depend on how the suite was started.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=HUP" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (ownProcessGroup)
        {
            // setsid execs in place (the child is not a group leader), so the PID stays the command's.
            start.ArgumentList.Add("setsid");
        }

        start.ArgumentList.Add("dotnet");

        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

using System.Diagnostics;

namespace BambuserCart.Cli.Tests;

/// <summary>
/// Stopping a command: Ctrl+C in a terminal (SIGINT to the whole process group), SIGINT or SIGTERM
/// to its PID (a CI runner, a supervisor, kill). Each ends the command promptly with its documented
/// exit code, one plain line, no stack trace, and nothing left in the temporary folder.
/// </summary>
public sealed class SignalTests
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(20);

    private string temp = null!;

    [SetUp]
    public void CreateTemp() => temp = Directory.CreateTempSubdirectory("bambuser-cart-signal-").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(temp, recursive: true);

    [TestCase("TERM")]
    [TestCase("INT")]
    [TestCase("HUP")]
    public async Task Serve_stops_on_a_signal_to_its_pid(string signal)
    {
        using var process = CliProcess.Start(Environment(), "serve", "--port", "0");
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitForLineAsync(process, "Sample shop with the fake Calls Widget:");

        await SendAsync(signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await AssertStopsAsync(process, 0, await WithinBoundAsync(stderr));
    }

    [TestCase("validate", "INT", false)]
    [TestCase("validate", "TERM", false)]
    [TestCase("validate", "INT", true)]
    [TestCase("replay", "INT", true)]
    [TestCase("replay", "TERM", false)]
    public async Task Command_interrupted_mid_run_exits_130_saying_cancelled_and_leaves_nothing_behind(string command, string signal, bool wholeProcessGroup)
    {
        string[] arguments = command == "validate"
            ? ["validate"]
            : ["replay", .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "scenarios"), "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)).Order()];
        using var process = CliProcess.Start(Environment(), wholeProcessGroup, arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        // Mid-run: the browser is up and the first step or check has been reported.
        await WaitForLineAsync(process, "✓");

        // A terminal's Ctrl+C goes to the process group: the command, the browser driver and the browser.
        var id = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(signal, wholeProcessGroup ? $"-{id}" : id);

        await AssertStopsAsync(process, ExitCodes.Cancelled, await WithinBoundAsync(stderr));
        Assert.That(Directory.EnumerateFileSystemEntries(temp), Is.Empty, "no browser profile, trace or artifact folder is left in the temporary folder");
    }

    private Dictionary<string, string> Environment() => new() { ["TMPDIR"] = temp };

    private static async Task WaitForLineAsync(Process process, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                // Keep draining stdout so the command never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        Assert.Fail($"the command ended (exit {process.ExitCode}) before printing a line with '{marker}'");
    }

    private static async Task SendAsync(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, "--", target } })!;
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -s {signal} -- {target}");
    }

    private static async Task<string> WithinBoundAsync(Task<string> output)
    {
        try
        {
            return await output.WaitAsync(StopBound);
        }
        catch (TimeoutException)
        {
            return $"(still running after {StopBound.TotalSeconds} s)";
        }
    }

    private static async Task AssertStopsAsync(Process process, int expectedExit, string stderr)
    {
        using var bound = new CancellationTokenSource(StopBound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"still running {StopBound.TotalSeconds} s after the signal; stderr: {stderr}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(expectedExit), stderr);
            Assert.That(stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace");
            if (expectedExit == ExitCodes.Cancelled)
            {
                Assert.That(stderr.Trim(), Is.EqualTo("cancelled"));
            }
        });
    }
}

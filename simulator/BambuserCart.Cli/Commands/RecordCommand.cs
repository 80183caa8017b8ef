using System.CommandLine;
using BambuserCart.Cli.Output;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Simulator.Shop;
using Microsoft.Playwright;
using Spectre.Console;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// <c>record --out FILE</c>: opens the simulator and writes a scenario of what happens in it.
/// Headed where a display exists (use the agent console, then "Stop recording" or Ctrl+C);
/// headless, a <c>--script</c> drives it through <c>window.bambuserSimulator</c>.
/// </summary>
public static class RecordCommand
{
    /// <summary>The default --max-time: an hour, room for a recording made by hand.</summary>
    public const int DefaultMaxSeconds = 3_600;

    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The scenario file to write.", Required = true };
        var target = new Option<string?>("--target") { Description = "Record on this page URL instead of the sample shop." };
        var probe = new Option<string?>("--cart-probe") { Description = "With --target: JavaScript giving the native cart as [{sku, quantity}], recorded as expectations." };
        var cartApi = new Option<string?>("--cart-api") { Description = "With --target: URL glob of the cart backend's requests, written into the scenario for its backend steps." };
        var checkout = new Option<string>("--checkout") { Description = "The sample shop's checkout mode.", DefaultValueFactory = _ => CheckoutModes.Miniplayer };
        checkout.AcceptOnlyFromAmong([.. CheckoutModes.All]);
        var script = new Option<FileInfo?>("--script") { Description = "JavaScript run in the page to drive the session (await bambuserSimulator.agent.addToCart('SKU') …); the recording stops when it ends." };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists." };
        var name = new Option<string?>("--name") { Description = "The scenario's name." };
        var browserPath = new Option<string?>("--browser") { Description = "Chromium or Chrome to use." };
        var connect = ConnectOption.Create();
        var maxTime = new Option<int>("--max-time") { Description = "Bound on the recording, in seconds: past it the steps recorded so far are saved and a --script still running is stopped (exit 2).", DefaultValueFactory = _ => DefaultMaxSeconds };

        var command = new Command("record", "Record a session in the simulator as a scenario file.")
        {
            output, target, probe, cartApi, checkout, script, force, name, browserPath, connect, maxTime,
        };
        command.SetAction((result, cancellation) => RunAsync(
            new RecordRequest(
                result.GetValue(output)!,
                result.GetValue(target) is { } url ? new ScenarioTarget(null, url, result.GetValue(probe)) { CartApi = result.GetValue(cartApi) } : ScenarioTarget.Shop(result.GetValue(checkout)!),
                result.GetValue(script),
                result.GetValue(force),
                result.GetValue(name),
                result.GetValue(browserPath),
                Headed: HasDisplay())
            { MaxSeconds = result.GetValue(maxTime), Connect = result.GetValue(connect) },
            Terminal.Create(),
            Console.Error,
            cancellation));
        return command;
    }

    internal static async Task<int> RunAsync(RecordRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation)
    {
        // Inside the guard, as every command's input checks: its errors are exit 2, worded for the command line.
        return await CommandErrors.GuardAsync(errors, async () =>
        {
            if (request.Script is { Exists: false } missing)
            {
                throw new ScenarioException($"--script: file '{missing.FullName}' does not exist");
            }

            if (RunBound.Problem(request.MaxSeconds) is { } problem)
            {
                throw new ScenarioException(problem);
            }

            if (request.Script is null && !request.Headed)
            {
                throw new ScenarioException("no display for a browser window: pass --script FILE to drive the recording headless, or run where a display exists");
            }

            await using var shop = await SimulatorServer.StartAsync();
            await using var browser = await BrowserSession.OpenAsync(request.BrowserPath, request.Connect, headless: !request.Headed || request.Script is not null);
            await using var recorder = await ScenarioRecorder.StartAsync(browser, shop, request.Target, request.Output.FullName, request.Force);
            recorder.StepRecorded += (_, step) => console.MarkupLine($"  recorded {Markup.Escape(step.Describe())} → {Markup.Escape(step.Expect.Outcome?.Wire() ?? step.Expect.Lookup?.Wire() ?? step.Expect.Navigation?.Wire() ?? string.Empty)}");

            var bound = new RunBound(request.MaxSeconds);
            RecordingStop stop;
            if (request.Script is { } script)
            {
                stop = await DriveWithinBoundAsync(recorder, await File.ReadAllTextAsync(script.FullName, cancellation), script.FullName, bound, cancellation);
            }
            else
            {
                console.MarkupLine("Recording. Act in the agent console; click [bold]Stop recording[/] or press Ctrl+C to save.");
                var ended = await Task.WhenAny(recorder.StopRequested, Task.Delay(bound.Remaining, cancellation));
                stop = ended == recorder.StopRequested || cancellation.IsCancellationRequested ? RecordingStop.Finished : RecordingStop.OutOfTime;
            }

            // Every way a recording ends saves what was recorded: nothing is lost.
            var path = await recorder.SaveAsync(request.Name);
            console.MarkupLineInterpolated($"record: {recorder.StepCount} steps written to {path}");
            switch (stop)
            {
                case RecordingStop.OutOfTime when request.Script is { } stuck:
                    await errors.WriteLineAsync($"error: --script: {TerminalText.Clean(stuck.FullName)} was still running when the recording reached its --max-time of {request.MaxSeconds} s; it was stopped, and the steps recorded before it were saved");
                    return ExitCodes.UsageError;
                case RecordingStop.OutOfTime:
                    console.MarkupLineInterpolated($"record: stopped at its --max-time of {request.MaxSeconds} s");
                    return ExitCodes.Success;
                case RecordingStop.Cancelled:
                    await errors.WriteLineAsync("cancelled");
                    return ExitCodes.Cancelled;
                default:
                    return ExitCodes.Success;
            }
        }, cancellation);
    }

    // A script runs until it ends, the bound passes or the user stops it. In the last two cases
    // the page is closed, which ends whatever the script was stuck in (an endless loop, an await
    // that never settles), so the recording can still be saved.
    private static async Task<RecordingStop> DriveWithinBoundAsync(ScenarioRecorder recorder, string script, string path, RunBound bound, CancellationToken cancellation)
    {
        var driving = DriveAsync(recorder, script, path);
        try
        {
            await driving.WaitAsync(bound.Remaining, cancellation);
            return RecordingStop.Finished;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !driving.IsCompleted)
        {
            // Stopped from outside: the page is given up below.
        }

        try
        {
            await recorder.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            await driving.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        }
        catch (Exception ex) when (ex is PlaywrightException or ScenarioException or TimeoutException)
        {
            // The script's call ends in an error once its page is gone: expected.
        }

        return cancellation.IsCancellationRequested ? RecordingStop.Cancelled : RecordingStop.OutOfTime;
    }

    private static async Task DriveAsync(ScenarioRecorder recorder, string script, string path)
    {
        try
        {
            await recorder.Page.EvaluateAsync($"async () => {{ const simulator = window.bambuserSimulator;\n{script}\n}}");
        }
        catch (PlaywrightException ex)
        {
            throw new ScenarioException($"{path}: the script failed: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    private static bool HasDisplay() =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}

internal sealed record RecordRequest(FileInfo Output, ScenarioTarget Target, FileInfo? Script, bool Force, string? Name, string? BrowserPath, bool Headed)
{
    public int MaxSeconds { get; init; } = RecordCommand.DefaultMaxSeconds;

    /// <summary>A Playwright browser server to use instead of launching a browser.</summary>
    public string? Connect { get; init; }
}

/// <summary>How a recording ended: each saves what was recorded.</summary>
internal enum RecordingStop
{
    /// <summary>The script ended, or the user clicked Stop recording or pressed Ctrl+C in a headed recording.</summary>
    Finished,

    /// <summary>The --max-time passed.</summary>
    OutOfTime,

    /// <summary>Ctrl+C or SIGTERM while a script was driving.</summary>
    Cancelled,
}

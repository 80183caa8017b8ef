using System.Runtime.InteropServices;

namespace BambuserCart.Cli;

/// <summary>
/// Ctrl+C, SIGINT, SIGTERM and SIGHUP all ask a command to stop: the first cancels the running
/// command, which closes its browser, removes its temporary folders and exits 130; a second one
/// ends the process at once. Registered here, and not left to the web host or the parser, because
/// the web host takes SIGTERM for itself (and <c>serve</c> then never stops), and a signal sent to
/// a background process's PID must work the same as Ctrl+C in a terminal.
/// </summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly List<PosixSignalRegistration> registrations;

    public Interrupts()
    {
        if (!OperatingSystem.IsWindows())
        {
            // A shell starts a background command with SIGINT ignored, and .NET keeps an ignored
            // signal ignored, so "kill -INT <pid>" did nothing. A stop request is never meant to be lost.
            _ = Signal(SigInt, SigDefault);
        }

        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];
    }

    public CancellationToken Token => cancellation.Token;

    public void Dispose()
    {
        registrations.ForEach(r => r.Dispose());
        cancellation.Dispose();
    }

    private const int SigInt = 2;
    private const nint SigDefault = 0;

    // DllImport rather than LibraryImport: the call is blittable, and this keeps the project free of unsafe code.
    [DllImport("libc", EntryPoint = "signal")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Signal(int signal, nint handler);

    private void OnSignal(PosixSignalContext context)
    {
        if (cancellation.IsCancellationRequested)
        {
            // The second signal: the user means it. Let the default action end the process.
            return;
        }

        context.Cancel = true;
        cancellation.Cancel();
    }
}

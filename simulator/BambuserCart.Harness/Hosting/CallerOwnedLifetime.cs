using Microsoft.Extensions.Hosting;

namespace BambuserCart.Harness.Hosting;

/// <summary>
/// The web host's default lifetime takes Ctrl+C and SIGTERM for itself: it stops the server but
/// not the command around it, so <c>serve</c> kept running with nothing served. The server is
/// started and stopped by whoever owns it (a CLI command, a test), so the host ignores signals.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

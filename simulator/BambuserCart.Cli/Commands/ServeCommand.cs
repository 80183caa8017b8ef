using System.CommandLine;
using BambuserCart.Harness.Hosting;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Cli.Commands;

/// <summary><c>serve</c>: the sample shop with the fake widget, for a person to drive by hand.</summary>
public static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "Port on 127.0.0.1 to serve on (0 picks a free one).",
            DefaultValueFactory = _ => DefaultPort,
        };
        var fixtures = new Option<DirectoryInfo?>("--fixtures")
        {
            Description = "Folder with catalog.json and integrations/ (default: the built-in sample fixtures).",
        };
        var orgId = new Option<string>("--org-id")
        {
            Description = "The orgId the sample shop gives the widget.",
            DefaultValueFactory = _ => "sample-org",
        };

        var command = new Command("serve", "Serve the sample shop with the fake Calls Widget and an agent console until Ctrl+C.")
        {
            port, fixtures, orgId,
        };
        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(port),
            result.GetValue(fixtures),
            result.GetValue(orgId)!,
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int port, DirectoryInfo? fixtures, string orgId, CancellationToken cancellation)
    {
        if (port is < 0 or > 65535)
        {
            await Console.Error.WriteLineAsync($"error: --port: {port} is not a port number (0–65535)");
            return ExitCodes.UsageError;
        }

        var options = new SimulatorOptions { OrgId = orgId };
        if (fixtures is not null)
        {
            options = options with { FixturesDirectory = fixtures.FullName };
        }

        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(options, port);
        }
        catch (CatalogException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (PortInUseException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.EnvironmentError;
        }

        await using (server)
        {
            // Plain writes: URLs must never be wrapped, or a script reading this line gets half of one.
            Console.WriteLine($"Sample shop with the fake Calls Widget: {server.BaseUrl}");
            Console.WriteLine($"  checkout modes: ?checkout=miniplayer (default), ?checkout=new-tab, ?checkout=none");
            Console.WriteLine("  The agent console (bottom left) adds products; the native cart follows. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopped.");
            }
        }

        return ExitCodes.Success;
    }
}

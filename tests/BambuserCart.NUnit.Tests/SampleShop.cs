using BambuserCart.Harness.Hosting;

namespace BambuserCart.NUnit.Tests;

/// <summary>The sample shop on a loopback port, standing in for the merchant's own site under test.</summary>
[SetUpFixture]
public sealed class SampleShop
{
    private static SimulatorServer? server;

    public static SimulatorServer Server => server ?? throw new InvalidOperationException("the sample shop has not started");

    [OneTimeSetUp]
    public async Task StartAsync() => server = await SimulatorServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

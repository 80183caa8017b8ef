using System.Net.Sockets;
using BambuserCart.Harness.Inputs;
using BambuserCart.Simulator;
using BambuserCart.Simulator.Catalog;
using BambuserCart.Simulator.Widget;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace BambuserCart.Harness.Hosting;

/// <summary>The simulator host on real Kestrel, bound to 127.0.0.1 only.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorServer(WebApplication app, Uri baseUrl, ProductCatalog catalog)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Catalog = catalog;
        EmbedScript = FakeEmbedScript.Render(catalog.Products);
    }

    /// <summary>For example <c>http://127.0.0.1:5173/</c>; always ends with a slash.</summary>
    public Uri BaseUrl { get; }

    public ProductCatalog Catalog { get; }

    /// <summary>The fake embed as this host serves it, for routing the real addresses to it.</summary>
    public string EmbedScript { get; }

    /// <param name="options">Fixtures and orgId; defaults to the sample shop.</param>
    /// <param name="port">0 picks a free port.</param>
    /// <exception cref="PortInUseException">The port is taken.</exception>
    /// <exception cref="CatalogException">The fixtures are missing or invalid.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, int port = 0)
    {
        options ??= new SimulatorOptions();
        var app = SimulatorApp.Build(options, builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        });
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new PortInUseException($"Port {port} on 127.0.0.1 is already in use; pick another with {RunInput.Port.Named()}, or stop what is using it.", ex);
        }

        var address = app.Urls.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"), app.Services.GetRequiredService<ProductCatalog>());
    }

    public Uri Url(string relative) => new(BaseUrl, relative);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>--connect: validate drives a Playwright browser server instead of launching a browser.</summary>
public sealed class ConnectTests
{
    // A name only the server's Chromium resolves (to the shop's loopback port): a run that passes on
    // it went through the server's browser, not one launched here.
    private const string ServerOnlyHost = "shop.browser-server.test";

    [Test]
    public async Task Validate_through_a_playwright_browser_server_passes_with_the_fake_and_the_offline_guard_in_place()
    {
        await using var shop = await SimulatorServer.StartAsync();
        await using var server = await BrowserServer.StartAsync([$"--host-resolver-rules=MAP {ServerOnlyHost} 127.0.0.1:{shop.BaseUrl.Port}"]);
        var settings = new ValidationSettings
        {
            Skus = ["SNEAKER-42", "SHIRT-WHITE-L"],
            OutOfStockSku = "BAG-LEATHER",
            CartProbe = NativeCartProbe.SampleBackend,
            ProductUrl = "/product/SNEAKER-42",
        };
        var request = new ValidateRequest([$"http://{ServerOnlyHost}/"], settings, null, null, null, Quiet: true, null) { Connect = server.WsEndpoint };
        var console = new TestConsole();
        using var errors = new StringWriter();

        var exit = await ValidateCommand.RunAsync(request, console, errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), console.Output + errors);
        Assert.That(console.Output, Does.Contain("24 passed, 0 failed, 0 skipped — all required checks passed"));
    }

    [Test]
    public async Task Connect_to_an_endpoint_where_no_server_answers_is_an_environment_error_naming_it()
    {
        var request = new ValidateRequest([], new ValidationSettings(), null, null, null, Quiet: true, null) { Connect = "ws://127.0.0.1:9/nobody" };
        using var errors = new StringWriter();

        var exit = await ValidateCommand.RunAsync(request, new TestConsole(), errors, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.EnvironmentError));
        Assert.That(errors.ToString(), Does.StartWith("error: --connect: could not connect to the browser server at ws://127.0.0.1:9/nobody: "));
    }

    [Test]
    public void Connect_option_that_is_not_a_ws_endpoint_is_a_usage_error()
    {
        var errors = ValidateCommand.Create().Parse(["--connect", "http://127.0.0.1:9"]).Errors.Select(e => e.Message);

        Assert.That(errors, Is.EqualTo(new[] { "--connect: 'http://127.0.0.1:9' is not a ws:// or wss:// endpoint (the one a Playwright browser server prints)" }));
    }
}

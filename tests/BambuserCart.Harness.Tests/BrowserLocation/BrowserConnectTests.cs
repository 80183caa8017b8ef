using BambuserCart.Harness.Browsers;

namespace BambuserCart.Harness.Tests.BrowserLocation;

/// <summary>
/// BAMBUSER_CART_CONNECT sends every browser session to a browser server, as --connect does, and a
/// bad value is reported naming the variable. (The run through a real server is ConnectTests'.)
/// </summary>
[NonParallelizable]
public sealed class BrowserConnectTests
{
    private string? saved;

    [SetUp]
    public void SaveVariable() => saved = Environment.GetEnvironmentVariable(BrowserSession.ConnectVariable);

    [TearDown]
    public void RestoreVariable() => Environment.SetEnvironmentVariable(BrowserSession.ConnectVariable, saved);

    [Test]
    public void Connect_variable_sends_the_session_to_its_server_and_names_itself_when_none_answers()
    {
        Environment.SetEnvironmentVariable(BrowserSession.ConnectVariable, "ws://127.0.0.1:9/nobody");

        var error = Assert.ThrowsAsync<BrowserNotFoundException>(() => BrowserSession.OpenAsync());

        Assert.That(error!.Message, Does.StartWith("$BAMBUSER_CART_CONNECT: could not connect to the browser server at ws://127.0.0.1:9/nobody: "));
    }

    [Test]
    public void Connect_variable_that_is_not_a_ws_endpoint_is_refused_naming_the_variable()
    {
        Environment.SetEnvironmentVariable(BrowserSession.ConnectVariable, "127.0.0.1:3000");

        var error = Assert.ThrowsAsync<BrowserNotFoundException>(() => BrowserSession.OpenAsync());

        Assert.That(error!.Message, Is.EqualTo("$BAMBUSER_CART_CONNECT: '127.0.0.1:3000' is not a ws:// or wss:// endpoint (the one a Playwright browser server prints)"));
    }

    [Test]
    public void Connect_option_wins_over_the_variable()
    {
        Environment.SetEnvironmentVariable(BrowserSession.ConnectVariable, "ws://127.0.0.1:9/from-variable");

        var error = Assert.ThrowsAsync<BrowserNotFoundException>(() => BrowserSession.OpenAsync(connect: "ws://127.0.0.1:9/from-option"));

        Assert.That(error!.Message, Does.StartWith("the browser server endpoint: could not connect to the browser server at ws://127.0.0.1:9/from-option: "));
    }
}

using System.Net;
using System.Net.Sockets;
using BambuserCart.Harness.Browsers;

namespace BambuserCart.Harness.Tests.RealBrowser.Containment;

/// <summary>
/// Nothing a page under test does reaches a host outside this machine, by any channel, and every
/// attempt is reported by name. The "outside" host names are mapped by this browser's resolver to a
/// loopback listener, so the test's own traffic never leaves the machine either: the listener
/// standing in for the outside world must receive nothing.
/// </summary>
[NonParallelizable]
public sealed class ContainmentTests
{
    private const string Outside = "outside.test";
    private const string LooksLocal = "127.evil.example";
    private const string LooksLocalDotted = "127.0.0.1.evil.example";

    private TcpListener outsideTcp = null!;
    private UdpClient outsideUdp = null!;
    private HttpListener redirector = null!;
    private BrowserSession browser = null!;
    private int port;
    private int redirectPort;
    private int connections;
    private int datagrams;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        outsideTcp = new TcpListener(IPAddress.Loopback, 0);
        outsideTcp.Start();
        port = ((IPEndPoint)outsideTcp.LocalEndpoint).Port;
        outsideUdp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        _ = CountConnectionsAsync();
        _ = CountDatagramsAsync();

        // A loopback page that redirects to the outside host, as a real server would.
        redirectPort = FreePort();
        redirector = new HttpListener();
        redirector.Prefixes.Add($"http://127.0.0.1:{redirectPort}/");
        redirector.Start();
        _ = RedirectAsync();

        browser = await BrowserSession.LaunchAsync(extraArgs: [$"--host-resolver-rules=MAP {Outside} 127.0.0.1:{port},MAP {LooksLocal} 127.0.0.1:{port},MAP {LooksLocalDotted} 127.0.0.1:{port}"]);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await browser.DisposeAsync();
        redirector.Close();
        outsideUdp.Dispose();
        outsideTcp.Dispose();
    }

    [Test]
    public async Task No_channel_a_page_can_open_reaches_an_outside_host_and_every_attempt_is_reported()
    {
        var shop = BrowserTestEnvironment.Server;
        await using var offline = await browser.NewContextAsync(shop.EmbedScript);
        var page = await offline.Context.NewPageAsync();
        await page.GotoAsync(shop.Url("checkout").ToString());

        await page.EvaluateAsync(Attempts, new { outside = $"http://{Outside}", looksLocal = $"http://{LooksLocal}", looksLocalDotted = $"http://{LooksLocalDotted}", withUser = $"http://localhost@{Outside}", port, redirect = $"http://127.0.0.1:{redirectPort}/away" });

        string[] expected =
        [
            $"GET http://{Outside}/fetch", $"GET http://{Outside}/xhr", $"GET http://{Outside}/image.png", $"GET http://{Outside}/frame",
            $"GET http://{Outside}/popup", $"GET http://{Outside}/style.css", $"POST http://{Outside}/beacon", $"GET http://{Outside}/events",
            $"GET http://{Outside}/from-worker", $"WEBSOCKET ws://{Outside}/ws", $"WEBRTC stun:{Outside}:{port}", $"GET http://{Outside}/redirected",
            $"GET http://{LooksLocal}/evil", $"GET http://{LooksLocalDotted}/dotted.png", $"GET http://localhost@{Outside}/with-user.png",
        ];
        // Each attempt is reported as it is refused: wait for the report, bounded, not for a time.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (expected.Except(offline.BlockedRequests).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.That(expected.Except(offline.BlockedRequests), Is.Empty, "every channel's attempt is reported by name; reported: " + string.Join(", ", offline.BlockedRequests));
        // Whatever is still on its way has had as long as every reported attempt took.
        Assert.That((Volatile.Read(ref connections), Volatile.Read(ref datagrams)), Is.EqualTo((0, 0)), "the stand-in for the outside world received nothing");
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("127.3.4.5", true)]
    [TestCase("localhost", true)]
    [TestCase("[::1]", true)]
    [TestCase("127.evil.example", false)]
    [TestCase("127.0.0.1.evil.example", false)]
    [TestCase("example.com", false)]
    public void Only_loopback_addresses_and_localhost_count_as_this_machine(string host, bool local)
    {
        Assert.That(OfflineContext.IsLocalHost(host), Is.EqualTo(local));
    }

    // The browser skips the route for this machine's own URLs; every other one goes through it.
    [TestCase("http://127.0.0.1:5080/cart/add", false)]
    [TestCase("https://127.3.4.5/", false)]
    [TestCase("http://localhost/", false)]
    [TestCase("http://[::1]:8080/?q=1", false)]
    [TestCase("http://127.0.0.1.evil.example/", true)]
    [TestCase("http://localhost.evil.example/", true)]
    [TestCase("http://localhost@evil.example/", true)]
    [TestCase("http://127.0.0.1:80@evil.example/", true)]
    [TestCase("https://one-to-one.bambuser.com/embed.js", true)]
    [TestCase("blob:http://127.0.0.1:5080/6f1c", true)]
    public void Only_urls_of_this_machine_skip_the_offline_route(string url, bool routed)
    {
        Assert.That(OfflineContext.BeyondThisMachine.IsMatch(url), Is.EqualTo(routed));
    }

    // Every channel, each against the outside host: requests, a worker, a socket, WebRTC, a redirect.
    private const string Attempts = """
        async ({ outside, looksLocal, looksLocalDotted, withUser, port, redirect }) => {
          fetch(`${outside}/fetch`).catch(() => {});
          const xhr = new XMLHttpRequest(); xhr.open('GET', `${outside}/xhr`); xhr.send();
          new Image().src = `${outside}/image.png`;
          const frame = document.createElement('iframe'); frame.src = `${outside}/frame`; document.body.append(frame);
          window.open(`${outside}/popup`);
          const style = document.createElement('link'); style.rel = 'stylesheet'; style.href = `${outside}/style.css`; document.head.append(style);
          const preconnect = document.createElement('link'); preconnect.rel = 'preconnect'; preconnect.href = `${outside}/`; document.head.append(preconnect);
          navigator.sendBeacon(`${outside}/beacon`, 'x');
          new EventSource(`${outside}/events`);
          new Worker(URL.createObjectURL(new Blob([`fetch('${outside}/from-worker').catch(() => {})`], { type: 'text/javascript' })));
          try { new WebSocket(`${outside.replace('http', 'ws')}/ws`); } catch (_) { }
          const rtc = new RTCPeerConnection({ iceServers: [{ urls: `stun:${new URL(outside).hostname}:${port}` }] });
          rtc.createDataChannel('x');
          await rtc.setLocalDescription(await rtc.createOffer());
          new Image().src = redirect;
          fetch(`${looksLocal}/evil`).catch(() => {});
          new Image().src = `${looksLocalDotted}/dotted.png`;
          new Image().src = `${withUser}/with-user.png`;
        }
        """;

    private async Task CountConnectionsAsync()
    {
        try
        {
            while (true)
            {
                using var client = await outsideTcp.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Stopped at teardown.
        }
    }

    private async Task CountDatagramsAsync()
    {
        try
        {
            while (true)
            {
                await outsideUdp.ReceiveAsync();
                Interlocked.Increment(ref datagrams);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Stopped at teardown.
        }
    }

    private async Task RedirectAsync()
    {
        try
        {
            while (true)
            {
                var context = await redirector.GetContextAsync();
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = $"http://{Outside}/redirected";
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped at teardown.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using BambuserCart.Harness.Browsers;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>No request may leave 127.0.0.1: outside hosts are aborted and reported.</summary>
public sealed class OfflineGuardTests
{
    [Test]
    public async Task Request_to_an_outside_host_is_blocked_and_reported()
    {
        var server = BrowserTestEnvironment.Server;
        await using var offline = await BrowserTestEnvironment.Browser.NewContextAsync(server.EmbedScript);
        var page = await offline.Context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl.ToString());

        var outcome = await page.EvaluateAsync<string>(
            "() => fetch('https://cdn.example.com/pixel.gif').then(() => 'reached', () => 'blocked')");

        Assert.That(outcome, Is.EqualTo("blocked"));
        Assert.That(offline.BlockedRequests, Is.EqualTo(new[] { "GET https://cdn.example.com/pixel.gif" }));
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("localhost", true)]
    [TestCase("127.0.0.2", true)]
    [TestCase("one-to-one.bambuser.com", false)]
    [TestCase("10.0.0.1", false)]
    public void Only_loopback_hosts_count_as_local(string host, bool local) =>
        Assert.That(OfflineContext.IsLocalHost(host), Is.EqualTo(local));

    [TestCase("staging.shop.example", true)]
    [TestCase("cdn.example", false)]
    [TestCase("one-to-one.bambuser.com", false)]
    [TestCase("bambuser.com", false)]
    public void Allowed_hosts_are_reachable_but_bambuser_never_is(string host, bool reachable)
    {
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "staging.shop.example", "one-to-one.bambuser.com", "bambuser.com" };

        Assert.That(OfflineContext.MayReach(host, allowed), Is.EqualTo(reachable));
    }
}

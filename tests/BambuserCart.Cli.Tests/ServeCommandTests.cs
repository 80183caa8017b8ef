using System.Net;
using System.Text.RegularExpressions;

namespace BambuserCart.Cli.Tests;

/// <summary>serve: the sample shop answers on the URL it prints, until stopped.</summary>
public sealed partial class ServeCommandTests
{
    [Test]
    public async Task Serve_answers_on_its_printed_url_with_the_shop_and_the_fake_embed()
    {
        using var process = CliProcess.Start("serve", "--port", "0");
        try
        {
            var url = await ReadUrlAsync(process);
            using var http = new HttpClient { BaseAddress = url };

            var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            var embed = await http.GetAsync(new Uri("/embed.js", UriKind.Relative));

            Assert.That(url.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(page, Does.Contain("<h1>Sample shop</h1>"));
            Assert.That(embed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await embed.Content.ReadAsStringAsync(), Does.Contain("window.bambuserSimulator"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Test]
    public async Task Serve_on_a_taken_port_exits_3_naming_the_port()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await CliProcess.RunAsync("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(exit, Is.EqualTo(ExitCodes.EnvironmentError), stdout + stderr);
        Assert.That(stderr.Trim(), Is.EqualTo($"error: Port {port} on 127.0.0.1 is already in use; pick another with --port, or stop what is using it."));
    }

    private static async Task<Uri> ReadUrlAsync(System.Diagnostics.Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = PrintedUrl().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new AssertionException($"serve exited ({process.ExitCode}) without printing its URL: {await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+/)")]
    private static partial Regex PrintedUrl();
}

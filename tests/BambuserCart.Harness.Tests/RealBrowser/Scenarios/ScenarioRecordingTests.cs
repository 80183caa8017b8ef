using System.Text.Json.Nodes;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Scenarios;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Tests.RealBrowser.Scenarios;

/// <summary>record: a session becomes a scenario whose expectations are what happened, and replays green.</summary>
public sealed class ScenarioRecordingTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("bambuser-cart-record-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Recording_driven_through_the_driver_replays_green()
    {
        var output = Path.Combine(directory, "session.json");
        await using (var recorder = await StartAsync(output))
        {
            await recorder.Widget.AddToCartAsync("SHIRT-BLUE-M");
            await recorder.Widget.AddToCartAsync("SHIRT-BLUE-M");
            await recorder.Widget.AddToCartAsync("BAG-LEATHER");
            await recorder.Widget.SetQuantityAsync("SHIRT-BLUE-M", 3);
            await recorder.Widget.AddToCartAsync("SNEAKER-42");
            await recorder.Widget.RemoveFromCartAsync("SNEAKER-42");
            await recorder.Widget.CheckoutAsync();
            await recorder.SaveAsync("Recorded in a test");
        }

        var steps = JsonNode.Parse(await File.ReadAllTextAsync(output))!["steps"]!.AsArray();
        Assert.That(steps.Select(s => (string?)s!["action"]), Is.EqualTo(new[] { "add", "add", "add", "setQuantity", "add", "remove", "checkout" }));
        Assert.That(steps[1]!["expect"]!["event"]!.GetValue<string>(), Is.EqualTo("should-update-item-in-cart"), "a re-add is recorded as an add that emitted an update");
        Assert.That(new[] { steps[0], steps[3], steps[5] }.Select(s => s!["expect"]!.AsObject().ContainsKey("event")), Is.All.False, "the event an action names goes without saying");
        Assert.That(steps[2]!["expect"]!["outcome"]!.GetValue<string>(), Is.EqualTo("out-of-stock"));
        Assert.That(steps[3]!["expect"]!["nativeCart"]!.ToJsonString(), Is.EqualTo("""[{"sku":"SHIRT-BLUE-M","quantity":3}]"""));
        Assert.That(steps[6]!["expect"]!.ToJsonString(), Is.EqualTo("""{"navigation":"miniplayer","url":"/checkout"}"""));

        var replay = await ScenarioReplayTests.RunAsync(ScenarioLoader.Load(output, BrowserTestEnvironment.Server.Catalog));

        Assert.That(replay.Passed, Is.True, replay.FailureMessage());
    }

    [Test]
    public async Task Product_lookups_from_the_agent_console_are_recorded_and_replay_green()
    {
        var output = Path.Combine(directory, "lookups.json");
        await using (var recorder = await StartAsync(output))
        {
            var console = recorder.Page.GetByRole(AriaRole.Region, new() { Name = "Agent console" });
            foreach (var reference in new[] { "SCARF-WOOL", "NO-SUCH-SKU" })
            {
                await console.GetByRole(AriaRole.Textbox, new() { Name = "SKU or product URL" }).FillAsync(reference);
                await console.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
                await recorder.Page.WaitForFunctionAsync("ref => window.bambuserSimulator.state().lastLookup?.ref === ref", reference);
            }

            await recorder.SaveAsync("Lookups recorded in a test");
        }

        var steps = JsonNode.Parse(await File.ReadAllTextAsync(output))!["steps"]!.AsArray();
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.That(steps.Select(s => s!.ToJsonString(relaxed)), Is.EqualTo(new[]
        {
            """{"action":"lookupProduct","ref":"SCARF-WOOL","expect":{"outcome":"hydrated","product":{"name":"Wool scarf <b>limited</b>"}}}""",
            """{"action":"lookupProduct","ref":"NO-SUCH-SKU","expect":{"outcome":"error","agentMessage":"We don't sell NO-SUCH-SKU"}}""",
        }));
        var replay = await ScenarioReplayTests.RunAsync(ScenarioLoader.Load(output, BrowserTestEnvironment.Server.Catalog));
        Assert.That(replay.Passed, Is.True, replay.FailureMessage());
    }

    [Test]
    public async Task Stop_recording_control_in_the_agent_console_ends_the_recording()
    {
        await using var recorder = await StartAsync(Path.Combine(directory, "stopped.json"));
        var console = recorder.Page.GetByRole(AriaRole.Region, new() { Name = "Agent console" });

        await console.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Stop recording" }).ClickAsync();

        await recorder.StopRequested.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(recorder.StepCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Existing_file_is_not_overwritten_without_force()
    {
        var output = Path.Combine(directory, "mine.json");
        await File.WriteAllTextAsync(output, "my own work");

        var error = Assert.ThrowsAsync<ScenarioException>(() => StartAsync(output));

        Assert.That(error!.Message, Is.EqualTo($"{output}: already exists; pass overwrite: true to replace it"));
        Assert.That(await File.ReadAllTextAsync(output), Is.EqualTo("my own work"));
    }

    [Test]
    public async Task Force_replaces_an_existing_file()
    {
        var output = Path.Combine(directory, "old.json");
        await File.WriteAllTextAsync(output, "old");

        await using (var recorder = await StartAsync(output, overwrite: true))
        {
            await recorder.Widget.AddToCartAsync("SNEAKER-42");
            await recorder.SaveAsync();
        }

        Assert.That(await File.ReadAllTextAsync(output), Does.Contain("\"sku\": \"SNEAKER-42\""));
    }

    private static Task<ScenarioRecorder> StartAsync(string output, bool overwrite = false) =>
        ScenarioRecorder.StartAsync(BrowserTestEnvironment.Browser, BrowserTestEnvironment.Server, ScenarioTarget.Shop(), output, overwrite);
}

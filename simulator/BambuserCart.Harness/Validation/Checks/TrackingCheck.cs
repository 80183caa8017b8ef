using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Validation.Run;
using Microsoft.Playwright;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>tracking.affiliation: every GTM cart event the run caused names "Bambuser Calls &lt;orgId&gt;".</summary>
internal static class TrackingCheck
{
    // GTM pushes in either shape: { event, ecommerce: { items } } or gtag's arguments ['event', name, { items }].
    private const string CartPushesScript = """
        () => JSON.stringify((window.dataLayer || []).flatMap((entry) => {
          const names = ['add_to_cart', 'remove_from_cart'];
          if (entry && names.includes(entry.event)) return [{ event: entry.event, items: (entry.ecommerce && entry.ecommerce.items) || entry.items || [] }];
          if (entry && entry[0] === 'event' && names.includes(entry[1])) return [{ event: entry[1], items: (entry[2] && entry[2].items) || [] }];
          return [];
        }))
        """;

    /// <summary>The page's GTM cart pushes so far; none when the page has gone.</summary>
    public static async Task<IReadOnlyList<JsonNode>> ReadPushesAsync(IPage page)
    {
        try
        {
            var json = await page.EvaluateAsync<string>(CartPushesScript).WaitAsync(TimeSpan.FromSeconds(10));
            return [.. JsonNode.Parse(json)!.AsArray().Select(p => p!.DeepClone())];
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The page went away or is stuck: it has no pushes to give.
            return [];
        }
    }

    public static void Judge(RunContext run, string? pageOrgId)
    {
        var pushes = run.Log.Pushes;
        if (pushes.Count == 0)
        {
            run.Verdicts.Skip(TrackingAffiliation, "the page pushed no add_to_cart / remove_from_cart to dataLayer during the run");
            return;
        }

        var expected = $"Bambuser Calls {run.Settings.OrgId ?? pageOrgId}";
        var wrong = pushes.OfType<JsonObject>()
            .SelectMany(p => (p["items"] as JsonArray ?? []).OfType<JsonObject>().Select(item => (Event: (string?)p["event"], Item: item)))
            .Where(x => x.Item["affiliation"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || (string?)value != expected)
            .Select(x => $"{x.Event} item {x.Item["item_id"] ?? x.Item["item_name"]}: affiliation {x.Item["affiliation"]?.ToJsonString() ?? "missing"}")
            .ToList();
        var evidence = new JsonObject { ["expected"] = expected, ["pushes"] = pushes.DeepClone() };
        if (wrong.Count == 0)
        {
            run.Verdicts.Pass(TrackingAffiliation, $"{pushes.Count} GTM cart events, every item with affiliation '{expected}'", evidence: evidence);
        }
        else
        {
            run.Verdicts.Fail(TrackingAffiliation, $"expected affiliation '{expected}' on every item; {string.Join("; ", wrong.Take(5))}", evidence: evidence);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Simulator.Contract;
using Diagnostics = BambuserCart.Simulator.Contract.WidgetContract.Diagnostics;

namespace BambuserCart.Harness.Validation;

internal sealed partial class ValidationRun
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

    /// <summary>callback.once, callback.valid-value, callback.timely and handler.no-throw, over every event of the run.</summary>
    private void CallbackChecks()
    {
        var cartEvents = lastTrace.OfType<JsonObject>()
            .Where(e => (string?)e["event"] is WidgetContract.Events.AddItem or WidgetContract.Events.UpdateItem)
            .ToList();
        var answered = cartEvents.Count(e => (string?)e["outcome"] != WidgetContract.Outcomes.NoHandler);
        var codes = diagnostics.OfType<JsonObject>().Select(d => ((string?)d["code"], (string?)d["detail"])).ToList();
        var timeouts = cartEvents.Where(e => (string?)e["outcome"] == WidgetContract.Outcomes.Timeout)
            .Select(e => $"'{e["event"]}' #{e["seq"]}: no callback within {settings.CallbackTimeoutMs} ms");

        JudgeAcrossEvents(CheckCatalog.CallbackOnce, answered, codes, [Diagnostics.CallbackCalledTwice], "every callback was called once");
        JudgeAcrossEvents(CheckCatalog.CallbackValidValue, answered, codes, [Diagnostics.InvalidCallbackValue], "every callback value was one of the three documented ones");
        JudgeAcrossEvents(CheckCatalog.CallbackTimely, answered, codes, [Diagnostics.CallbackAfterTimeout], $"every event was answered within {settings.CallbackTimeoutMs} ms", timeouts);
        JudgeAcrossEvents(CheckCatalog.HandlerNoThrow, answered, codes, [Diagnostics.HandlerThrew], "no handler threw");
    }

    private void JudgeAcrossEvents(string id, int answered, List<(string? Code, string? Detail)> codes, string[] failing, string passMessage, IEnumerable<string>? extraProblems = null)
    {
        if (answered == 0)
        {
            Skip(id, "no cart event reached a handler (see add.handler and update.handler)");
            return;
        }

        var problems = (extraProblems ?? []).Concat(codes.Where(c => failing.Contains(c.Code)).Select(c => c.Detail ?? c.Code!)).ToList();
        var evidence = Evidence(("events", answered), ("problems", problems));
        if (problems.Count == 0)
        {
            Pass(id, $"{passMessage} ({answered} cart events)", evidence);
        }
        else
        {
            Fail(id, string.Join("; ", problems), evidence);
        }
    }

    private async Task<JsonArray> DataLayerCartPushesAsync()
    {
        var json = await page.EvaluateAsync<string>(CartPushesScript);
        return JsonNode.Parse(json)!.AsArray();
    }

    /// <summary>tracking.affiliation: every GTM cart event the run caused names "Bambuser Calls &lt;orgId&gt;".</summary>
    private void TrackingCheck(JsonArray pushes, string? pageOrgId)
    {
        if (pushes.Count == 0)
        {
            Skip(CheckCatalog.TrackingAffiliation, "the page pushed no add_to_cart / remove_from_cart to dataLayer during the run");
            return;
        }

        var expected = $"Bambuser Calls {settings.OrgId ?? pageOrgId}";
        var wrong = pushes.OfType<JsonObject>()
            .SelectMany(p => (p["items"] as JsonArray ?? []).OfType<JsonObject>().Select(item => (Event: (string?)p["event"], Item: item)))
            .Where(x => x.Item["affiliation"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || (string?)value != expected)
            .Select(x => $"{x.Event} item {x.Item["item_id"] ?? x.Item["item_name"]}: affiliation {x.Item["affiliation"]?.ToJsonString() ?? "missing"}")
            .ToList();
        var evidence = new JsonObject { ["expected"] = expected, ["pushes"] = pushes.DeepClone() };
        if (wrong.Count == 0)
        {
            Pass(CheckCatalog.TrackingAffiliation, $"{pushes.Count} GTM cart events, every item with affiliation '{expected}'", evidence);
        }
        else
        {
            Fail(CheckCatalog.TrackingAffiliation, $"expected affiliation '{expected}' on every item; {string.Join("; ", wrong.Take(5))}", evidence);
        }
    }
}

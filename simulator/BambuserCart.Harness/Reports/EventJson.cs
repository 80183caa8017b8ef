using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>An observed event as the JSON report writes it: the trace entry, the fault, and the evidence timeline.</summary>
internal static class EventJson
{
    public static JsonObject Build(ObservedEvent observed, CartApiPattern cart)
    {
        var entry = observed.Entry;
        var evidence = observed.Evidence;
        return new JsonObject
        {
            ["number"] = observed.Number,
            ["step"] = observed.Step,
            ["seq"] = entry.Seq,
            ["event"] = entry.Event,
            ["action"] = entry.Action,
            ["payload"] = JsonNode.Parse(entry.Payload.ValueKind == JsonValueKind.Undefined ? "{}" : entry.Payload.GetRawText()),
            ["outcome"] = entry.Outcome,
            ["value"] = entry.Value is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null,
            ["callbackCalls"] = observed.CallbackCalls,
            ["ms"] = entry.Ms,
            ["fault"] = CartFaultNames.Name(observed.Fault),
            ["faultedRequests"] = observed.FaultedRequests,
            ["evidence"] = new JsonObject
            {
                ["marks"] = new JsonArray([.. evidence.Marks.Select(m => (JsonNode)new JsonObject
                {
                    ["kind"] = m.Kind,
                    ["detail"] = m.Detail,
                    ["ms"] = evidence.Ms(m.At),
                })]),
                ["requests"] = new JsonArray([.. evidence.Requests.Select(r => (JsonNode)new JsonObject
                {
                    ["method"] = r.Method,
                    ["url"] = r.Url,
                    ["via"] = r.Via,
                    ["cart"] = cart.Matches(r),
                    ["body"] = r.Body,
                    ["sentMs"] = evidence.Ms(r.At),
                    ["answeredMs"] = r.EndAt is { } end ? evidence.Ms(end) : null,
                    ["answeredBeforeCallback"] = evidence.FirstAnswer is { } answer ? r.EndOrder < answer.Order : null,
                    ["status"] = r.Status,
                    ["error"] = r.Error,
                    ["response"] = r.Response,
                })]),
                ["errors"] = new JsonArray([.. evidence.Errors.Select(e => (JsonNode)new JsonObject
                {
                    ["kind"] = e.Kind,
                    ["message"] = e.Message,
                    ["source"] = e.Source,
                    ["ms"] = evidence.Ms(e.At),
                })]),
                ["console"] = new JsonArray([.. evidence.ConsoleErrors.Select(c => (JsonNode)new JsonObject
                {
                    ["message"] = c.Message,
                    ["source"] = c.Source,
                    ["ms"] = evidence.Ms(c.At),
                })]),
                ["stillBusy"] = evidence.StillBusy,
            },
        };
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// The <c>--report-json</c> file: CTRF-shaped JSON (Common Test Report Format), so CI dashboards
/// that read CTRF show each check as a test. Every check links to the events it rests on, and
/// every event carries its evidence. Schema: docs/schemas/validate-report.schema.json.
/// </summary>
public static class CtrfReport
{
    public static JsonObject Build(ValidationReport report)
    {
        var start = report.Started.ToUnixTimeMilliseconds();
        var cart = new CartApiPattern(report.CartApi);
        var tests = new JsonArray([.. report.Checks.Select(check => (JsonNode)new JsonObject
        {
            ["name"] = check.Name,
            ["status"] = Status(check.Status),
            ["duration"] = (long)check.Duration.TotalMilliseconds,
            ["message"] = check.Message,
            ["suite"] = check.Check.Group,
            ["extra"] = new JsonObject
            {
                ["required"] = check.Required,
                ["notProven"] = check.NotProven,
                ["proves"] = check.Check.Proves,
                ["fix"] = check.Check.Fix,
                ["evidence"] = check.Evidence.DeepClone(),
                ["events"] = new JsonArray([.. check.Events.Select(n => (JsonNode)n)]),
            },
        })]);

        return new JsonObject
        {
            ["reportFormat"] = "CTRF",
            ["specVersion"] = "0.0.0",
            ["results"] = new JsonObject
            {
                ["tool"] = new JsonObject { ["name"] = "bambuser-cart", ["version"] = typeof(CtrfReport).Assembly.GetName().Version?.ToString() },
                ["summary"] = new JsonObject
                {
                    ["tests"] = report.Checks.Count,
                    ["passed"] = report.Passed,
                    ["failed"] = report.Failed,
                    ["skipped"] = report.Skipped,
                    ["pending"] = 0,
                    ["other"] = 0,
                    ["start"] = start,
                    ["stop"] = start + (long)report.Duration.TotalMilliseconds,
                },
                ["tests"] = tests,
                ["environment"] = new JsonObject { ["target"] = report.Target.ToString(), ["url"] = report.PageUrl },
                ["extra"] = new JsonObject
                {
                    ["exitCode"] = report.ExitCode,
                    ["strict"] = report.Strict,
                    ["notProven"] = new JsonArray([.. report.NotProven.Select(c => (JsonNode)c.Name)]),
                    ["cartApi"] = report.CartApi,
                    ["diagnostics"] = new JsonArray([.. report.Diagnostics.Select(d => (JsonNode)new JsonObject { ["code"] = d.Code.Wire(), ["detail"] = d.Detail })]),
                    ["events"] = new JsonArray([.. report.Events.Select(e => (JsonNode)EventJson.Build(e, cart))]),
                    ["pageErrors"] = new JsonArray([.. report.PageErrors.Select(e => (JsonNode)new JsonObject
                    {
                        ["page"] = e.Page,
                        ["kind"] = e.Kind,
                        ["message"] = e.Message,
                        ["source"] = e.Source,
                    })]),
                    ["blockedRequests"] = new JsonArray([.. report.BlockedRequests.Select(r => (JsonNode)r)]),
                },
            },
        };
    }

    public static string ToJson(ValidationReport report) => Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        _ => "skipped",
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// The <c>--report-json</c> file: CTRF-shaped JSON (Common Test Report Format), so CI dashboards
/// that read CTRF show each check as a test. Schema: docs/schemas/validate-report.schema.json.
/// </summary>
public static class CtrfReport
{
    public static JsonObject Build(ValidationReport report)
    {
        var start = report.Started.ToUnixTimeMilliseconds();
        var tests = new JsonArray(report.Checks.Select(check => (JsonNode)new JsonObject
        {
            ["name"] = check.Id,
            ["status"] = Status(check.Status),
            ["duration"] = 0,
            ["message"] = check.Message,
            ["suite"] = check.Check.Group,
            ["extra"] = new JsonObject
            {
                ["required"] = check.Check.Required,
                ["proves"] = check.Check.Proves,
                ["fix"] = check.Check.Fix,
                ["evidence"] = check.Evidence.DeepClone(),
                ["trace"] = check.Trace.DeepClone(),
            },
        }).ToArray());

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
                    ["diagnostics"] = report.Diagnostics.DeepClone(),
                    ["trace"] = report.Trace.DeepClone(),
                    ["blockedRequests"] = new JsonArray(report.BlockedRequests.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
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

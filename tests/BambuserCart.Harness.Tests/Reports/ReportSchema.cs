using System.Text.Json;
using Json.Schema;

namespace BambuserCart.Harness.Tests.Reports;

/// <summary>The published schema of validate --report-json, loaded once for every test that needs it.</summary>
internal static class ReportSchema
{
    // JsonSchema.Net registers a schema by its $id and refuses a second registration.
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "schemas", "validate-report.schema.json")));

    public static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }
}

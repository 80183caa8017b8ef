using System.Text.RegularExpressions;
using BambuserCart.Contract;

namespace BambuserCart.Harness.Driver;

/// <summary>
/// The event trace as lines a person reads in a failure message, and (with times and this run's
/// port scrubbed) as the stable text that trace snapshots compare.
/// </summary>
public static partial class TraceFormatter
{
    /// <summary>"#2 add → should-update-item-in-cart {"sku":"A","quantity":2,"previousQuantity":1} → success true (1 callback, 12 ms)".</summary>
    public static string Line(TraceEntry entry, bool withTime = true)
    {
        var value = entry.Value?.GetRawText() ?? "null";
        var time = withTime && entry.Ms is { } ms ? $", {ms} ms" : string.Empty;
        var callbacks = entry.CallbackCalls == 1 ? "1 callback" : $"{entry.CallbackCalls} callbacks";
        return $"#{entry.Seq} {entry.Action ?? "?"} → {entry.Event} {entry.Payload.GetRawText()} → {entry.Outcome ?? "pending"} {value} ({callbacks}{time})";
    }

    public static string Text(IEnumerable<TraceEntry> trace, string indent = "  ")
    {
        var lines = trace.Select(e => indent + Line(e)).ToList();
        return lines.Count == 0 ? indent + "(no events)" : string.Join("\n", lines);
    }

    /// <summary>Stable lines for snapshots: no times, and <c>http://127.0.0.1:PORT</c> written as <c>{origin}</c>.</summary>
    public static IReadOnlyList<string> Normalized(IEnumerable<TraceEntry> trace) =>
        trace.Select(e => LocalOrigin().Replace(Line(e, withTime: false), "{origin}")).ToList();

    [GeneratedRegex(@"https?://(127\.0\.0\.1|localhost):\d+")]
    private static partial Regex LocalOrigin();
}

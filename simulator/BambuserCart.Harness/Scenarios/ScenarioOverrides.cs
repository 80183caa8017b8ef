using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// <c>--set path=value</c>: small per-run changes to a scenario without editing it, e.g.
/// <c>setup.callbackTimeoutMs=500</c> or <c>steps[0].sku=SNEAKER-42</c>. The value is JSON when it
/// parses as JSON (numbers, true, null, objects), else a string.
/// </summary>
public static partial class ScenarioOverrides
{
    /// <exception cref="ScenarioException">The override is malformed or its path does not fit the scenario.</exception>
    public static void Apply(JsonObject scenario, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ScenarioException($"{RunInput.Override.Named()} '{assignment}': expected path=value, e.g. setup.callbackTimeoutMs=500");
        }

        var path = assignment[..equals].Trim();
        var value = ParseValue(assignment[(equals + 1)..]);
        var segments = Segments(path) ?? throw new ScenarioException($"{RunInput.Override.Named()} '{assignment}': '{path}' is not a path like steps[0].sku or setup.callbackTimeoutMs");

        JsonNode current = scenario;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            var segment = segments[i];
            if (segment is int index)
            {
                if (current is not JsonArray array || index >= array.Count)
                {
                    throw new ScenarioException($"{RunInput.Override.Named()} '{assignment}': {Describe(segments, i)} does not exist");
                }

                if (last)
                {
                    array[index] = value;
                    return;
                }

                current = array[index] ?? throw new ScenarioException($"{RunInput.Override.Named()} '{assignment}': {Describe(segments, i)} is null");
            }
            else
            {
                var name = (string)segment;
                if (current is not JsonObject obj)
                {
                    throw new ScenarioException($"{RunInput.Override.Named()} '{assignment}': {Describe(segments, i - 1)} is not an object");
                }

                if (last)
                {
                    obj[name] = value;
                    return;
                }

                if (obj[name] is null)
                {
                    // Create what is missing so setup.callbackTimeoutMs works on a scenario without setup.
                    obj[name] = segments[i + 1] is int ? new JsonArray() : new JsonObject();
                }

                current = obj[name]!;
            }
        }
    }

    private static JsonNode? ParseValue(string raw)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return JsonValue.Create(raw);
        }
    }

    private static List<object>? Segments(string path)
    {
        var segments = new List<object>();
        var rebuilt = new System.Text.StringBuilder();
        foreach (Match match in PathSegment().Matches(path))
        {
            rebuilt.Append(match.Groups["name"].Success && rebuilt.Length > 0 ? "." + match.Value : match.Value);
            if (match.Groups["name"].Success)
            {
                segments.Add(match.Groups["name"].Value);
            }
            else
            {
                // An index too large for an int is simply one that does not exist.
                segments.Add(int.TryParse(match.Groups["index"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue);
            }
        }

        // The matches must spell the whole path, or part of it was not a name or an index.
        return segments.Count > 0 && rebuilt.ToString() == path ? segments : null;
    }

    private static string Describe(List<object> segments, int upTo) =>
        "$" + string.Concat(segments.Take(upTo + 1).Select(s => s is int n ? $"[{n}]" : "." + s));

    [GeneratedRegex(@"(?<name>[A-Za-z_$][A-Za-z0-9_$]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}

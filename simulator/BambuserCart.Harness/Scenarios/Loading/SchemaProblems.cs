using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace BambuserCart.Harness.Scenarios.Loading;

/// <summary>A problem in a scenario file: where (a JSON pointer) and what, in the words of a person.</summary>
internal sealed record ScenarioProblem(string Pointer, string Message);

/// <summary>
/// Turns a JSON Schema evaluation of a scenario into problems a person can act on. The schema
/// stays the one source of the rules; this only says what a failed rule means: "unknown field
/// `acton`; did you mean `action`?", "`jump` is not one of: add, …", "missing `sku`, which an
/// `add` step needs". Failures that are not real (an <c>if</c> that did not match, the branches of
/// a <c>oneOf</c> that were not the one meant) are left out.
/// </summary>
internal static class SchemaProblems
{
    public static IReadOnlyList<ScenarioProblem> From(EvaluationResults results, JsonNode schema, JsonNode instance)
    {
        var failures = (results.Details ?? [])
            .Append(results)
            .Where(node => !node.IsValid && node.Errors is { Count: > 0 })
            .SelectMany(node => node.Errors!.Select(error => new Failure(
                node.InstanceLocation.ToString(),
                node.EvaluationPath.ToString(),
                Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#')),
                error.Key)))
            // An "if" that did not match is how a rule says "not for this step", not a problem.
            .Where(f => !f.EvaluationPath.Contains("/if/", StringComparison.Ordinal) && f.Keyword is not ("oneOf" or "anyOf" or "allOf" or "$ref" or "then"))
            .ToList();

        var kept = KeepTheMeantBranches(failures, schema).ToList();
        return kept
            .Where(f => !IsExplainedByATypo(f, kept, schema, instance))
            .Where(f => !IsNarrowedElsewhere(f, kept, schema))
            .Select(f => Explain(f, schema, instance))
            .Distinct()
            .ToList();
    }

    // A value two lists restrict (every outcome, and the outcomes of this kind of step): only the
    // narrower list is what the author can use.
    private static bool IsNarrowedElsewhere(Failure failure, IReadOnlyList<Failure> all, JsonNode schema)
    {
        if (failure.Keyword != "enum")
        {
            return false;
        }

        var size = (Resolve(schema, failure.SchemaPointer)?["enum"] as JsonArray)?.Count ?? int.MaxValue;
        return all.Any(other => other != failure && other.Keyword == "enum" && other.InstancePointer == failure.InstancePointer
            && ((Resolve(schema, other.SchemaPointer)?["enum"] as JsonArray)?.Count ?? int.MaxValue) < size);
    }

    // "missing `action`" says nothing new beside "unknown field `acton`; did you mean `action`?".
    private static bool IsExplainedByATypo(Failure failure, IReadOnlyList<Failure> all, JsonNode schema, JsonNode instance)
    {
        if (failure.Keyword != "required" || At(instance, failure.InstancePointer) is not JsonObject present)
        {
            return false;
        }

        var missing = (Resolve(schema, failure.SchemaPointer)?["required"]?.AsArray() ?? []).Select(r => (string)r!).Where(r => !present.ContainsKey(r)).ToList();
        var typos = all
            .Where(f => f.Keyword.Length == 0 && f.EvaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
                && f.InstancePointer.StartsWith(failure.InstancePointer + "/", StringComparison.Ordinal))
            .Select(f => f.InstancePointer[(f.InstancePointer.LastIndexOf('/') + 1)..])
            .ToList();
        return missing.Count > 0 && missing.All(m => typos.Any(t => Suggestions.Closest(t, [m]) is not null));
    }

    // A oneOf (or anyOf) passes when one branch matches; when none does, the branch the author
    // meant is the one whose own required fields are there (a target with "url" meant the URL
    // branch) and whose type the value has (an outcome written as a string meant the single one).
    private static IEnumerable<Failure> KeepTheMeantBranches(List<Failure> failures, JsonNode schema)
    {
        var kept = failures.Where(f => !InBranch(f.EvaluationPath)).ToList();
        foreach (var group in failures.Where(f => InBranch(f.EvaluationPath)).GroupBy(f => OneOfPrefix(f.EvaluationPath)))
        {
            var branches = group.GroupBy(f => BranchIndex(f.EvaluationPath)).ToList();
            var oneOfSchema = Resolve(schema, OneOfPrefix(group.First().SchemaPointer)) as JsonArray;
            if (oneOfSchema is null || branches.Count < oneOfSchema.Count)
            {
                // Some branch matched: every failure here belongs to a branch that was not meant.
                continue;
            }

            var meant = branches.Where(b => !b.Any(IsBranchRequirement) && !b.Any(IsBranchTypeMismatch)).OrderBy(b => b.Count()).FirstOrDefault();
            if (meant is not null)
            {
                kept.AddRange(meant);
                continue;
            }

            // No branch's own fields are there: say what each would need.
            var needs = branches.SelectMany(b => b.Where(IsBranchRequirement)).Select(f => Resolve(schema, f.SchemaPointer)?["required"]?.AsArray())
                .Select(required => string.Join(" and ", (required ?? []).Select(r => $"`{r}`")))
                .Distinct();
            var at = branches.SelectMany(b => b).First(IsBranchRequirement).InstancePointer;
            kept.Add(new Failure(at, string.Empty, string.Empty, NeedsOneOf) { Prepared = $"needs {string.Join(" or ", needs)}" });
        }

        return kept.OrderBy(f => f.InstancePointer, StringComparer.Ordinal);
    }

    // A branch's own "required" says which fields make it the branch meant.
    private static bool IsBranchRequirement(Failure failure) =>
        failure.Keyword == "required" && System.Text.RegularExpressions.Regex.IsMatch(failure.EvaluationPath, @"/(oneOf|anyOf)/\d+$");

    // A branch for another type of value (a list, when a string was written) was not meant.
    private static bool IsBranchTypeMismatch(Failure failure) =>
        failure.Keyword == "type" && System.Text.RegularExpressions.Regex.IsMatch(failure.EvaluationPath, @"/(oneOf|anyOf)/\d+$");

    private static bool InBranch(string path) => path.Contains("/oneOf/", StringComparison.Ordinal) || path.Contains("/anyOf/", StringComparison.Ordinal);

    private static ScenarioProblem Explain(Failure failure, JsonNode schema, JsonNode instance)
    {
        if (failure.Prepared is { } prepared)
        {
            return new ScenarioProblem(failure.InstancePointer, prepared);
        }

        var rule = Resolve(schema, failure.SchemaPointer);
        var value = At(instance, failure.InstancePointer);
        var message = failure.Keyword switch
        {
            "enum" => NotOneOf(value, rule?["enum"]?.AsArray()),
            "const" => $"must be {Describe(rule?["const"])}, got {Describe(value)}",
            "required" => Missing(failure, rule, value, instance),
            "type" => $"expected {TypeWords(rule?["type"])}, got {Describe(value)}",
            "minimum" => $"must be {rule?["minimum"]} or more, got {Describe(value)}",
            "minLength" => "must not be empty",
            "minItems" => $"needs at least {rule?["minItems"]} item(s)",
            "minProperties" when failure.InstancePointer.EndsWith("/expect", StringComparison.Ordinal) => "needs at least one thing to check (widgetCart, nativeCart, message or checkoutButton): with none it would hold at once and prove nothing",
            "pattern" => (string?)rule?["pattern"] == "^https?://" ? $"must start with http:// or https://, got {Describe(value)}" : $"does not have the expected form, got {Describe(value)}",
            "" => FalseSchema(failure, schema, instance),
            _ => "does not fit the scenario format here (see scenario.schema.json)",
        };
        return new ScenarioProblem(failure.InstancePointer, message);
    }

    private static string NotOneOf(JsonNode? value, JsonArray? allowed)
    {
        var names = (allowed ?? []).Select(a => a is null ? "null" : a.GetValueKind() == JsonValueKind.String ? (string)a! : a.ToJsonString()).ToList();
        var typed = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : null;
        return $"{Describe(value)} is not one of: {string.Join(", ", names)}{(typed is null ? string.Empty : Suggestions.DidYouMean(typed, names))}";
    }

    private static string Missing(Failure failure, JsonNode? rule, JsonNode? value, JsonNode instance)
    {
        var present = value is JsonObject o ? o.Select(p => p.Key).ToHashSet() : [];
        var missing = (rule?["required"]?.AsArray() ?? []).Select(r => (string)r!).Where(r => !present.Contains(r)).ToList();
        var fields = string.Join(" and ", missing.Select(m => $"`{m}`"));
        var action = failure.EvaluationPath.Contains("/then", StringComparison.Ordinal) ? (string?)At(instance, failure.InstancePointer)?["action"] : null;
        return action is null ? $"missing {fields}" : $"missing {fields}, which {Article(action)} `{action}` step needs";
    }

    // A "false" schema: a field the format does not have, or one this kind of step does not take.
    private static string FalseSchema(Failure failure, JsonNode schema, JsonNode instance)
    {
        var name = failure.InstancePointer[(failure.InstancePointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        if (failure.EvaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var owner = Resolve(schema, failure.SchemaPointer[..failure.SchemaPointer.LastIndexOf("/additionalProperties", StringComparison.Ordinal)]);
            var known = (owner?["properties"] as JsonObject ?? []).Select(p => p.Key).Where(k => k != "$schema").ToList();
            return $"unknown field `{name}`{Suggestions.DidYouMean(name, known)} (fields here: {string.Join(", ", known)})";
        }

        var parent = failure.InstancePointer[..failure.InstancePointer.LastIndexOf('/')];
        if (parent.EndsWith("/expect", StringComparison.Ordinal)
            && (string?)At(instance, parent[..parent.LastIndexOf('/')])?["action"] is { } checker)
        {
            // Refused rather than ignored: an expectation the step does not check would pass unproven.
            return $"`{name}` is not checked by {Article(checker)} `{checker}` step, so it would pass without proving anything";
        }

        var action = (string?)At(instance, parent)?["action"];
        return action is null ? $"`{name}` is not allowed here" : $"`{name}` does not apply to {Article(action)} `{action}` step";
    }

    private static string TypeWords(JsonNode? type) => type switch
    {
        JsonArray types => string.Join(" or ", types.Select(TypeWords)),
        JsonValue single => (string?)single switch
        {
            "integer" => "a whole number",
            "number" => "a number",
            "string" => "text in quotes",
            "boolean" => "true or false",
            "object" => "an object { … }",
            "array" => "a list [ … ]",
            "null" => "null",
            var other => other ?? "a value",
        },
        _ => "a value",
    };

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => value.GetValueKind() == JsonValueKind.String ? $"`{(string)value!}`" : value.ToJsonString(),
    };

    private static string Article(string word) => "aeiou".Contains(char.ToLowerInvariant(word[0]), StringComparison.Ordinal) ? "an" : "a";

    /// <summary>
    /// The node the pointer names. The evaluator puts segments of its own into schema locations
    /// ("…/then/1/properties/…"): a segment the schema does not have is stepped over.
    /// </summary>
    private static JsonNode? Resolve(JsonNode root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape))
        {
            JsonNode? next = current switch
            {
                JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
            current = next ?? current;
        }

        return current;
    }

    private static JsonNode? At(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape))
        {
            current = current switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return current;
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    // The path up to the innermost "/oneOf" or "/anyOf" (both six characters long).
    private static string OneOfPrefix(string path)
    {
        var at = Math.Max(path.LastIndexOf("/oneOf", StringComparison.Ordinal), path.LastIndexOf("/anyOf", StringComparison.Ordinal));
        return path[..(at + "/oneOf".Length)];
    }

    private static int BranchIndex(string path)
    {
        var at = Math.Max(path.LastIndexOf("/oneOf/", StringComparison.Ordinal), path.LastIndexOf("/anyOf/", StringComparison.Ordinal));
        var rest = path[(at + "/oneOf/".Length)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        return int.Parse(end < 0 ? rest : rest[..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string NeedsOneOf = "needs-one-of";

    private sealed record Failure(string InstancePointer, string EvaluationPath, string SchemaPointer, string Keyword)
    {
        /// <summary>A message already written (for a oneOf none of whose branches was meant).</summary>
        public string? Prepared { get; init; }
    }
}

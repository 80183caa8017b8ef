namespace BambuserCart.Harness.Scenarios.Loading;

/// <summary>"Did you mean …?" for a misspelt field or value: the closest known one, when it is close.</summary>
internal static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Known: k, Distance: Distance(typed.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        // Close means a slip of a few letters, not a different word.
        return best.Known is not null && best.Distance <= Math.Max(1, Math.Min(typed.Length, best.Known.Length) / 3) ? best.Known : null;
    }

    public static string DidYouMean(string typed, IEnumerable<string> known) =>
        Closest(typed, known) is { } match ? $"; did you mean `{match}`?" : string.Empty;

    // Levenshtein distance: insertions, deletions and substitutions.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}

using System.Globalization;

namespace BambuserCart.Harness;

/// <summary>
/// One of <see cref="Count"/> equal parts of a run's work (<c>--shard 2/4</c>), so that CI
/// machines split scenarios or exploration sessions between them. Every machine computes the same
/// split: item k (0-based, in a stable order) belongs to shard <c>k mod Count + 1</c>.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>All the work: the default.</summary>
    public static Shard All { get; } = new(1, 1);

    public bool Includes(int item) => item % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Reads <c>i/n</c> (1 ≤ i ≤ n ≤ 1000).</summary>
    /// <exception cref="FormatException">Not of that form; the message says what was expected and what came (the caller names where it came from).</exception>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= 1000
            && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new FormatException($"expected i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4; got '{text}'");
    }
}

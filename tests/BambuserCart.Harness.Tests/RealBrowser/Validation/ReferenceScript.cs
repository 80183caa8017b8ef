namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// The reference integration (fixtures/integrations/reference.js) rewritten for one test: a line
/// added after an anchor, one stretch replaced. An anchor that is gone fails the test by name, so a
/// change to reference.js cannot quietly leave a test judging the original integration.
/// </summary>
internal static class ReferenceScript
{
    public static string Path { get; } = System.IO.Path.Combine(TestFixtures.Directory, "integrations", "reference.js");

    public static string Text() => File.ReadAllText(Path);

    /// <summary><paramref name="script"/> with <paramref name="line"/> added after each <paramref name="anchor"/>.</summary>
    public static string WithLineAfter(this string script, string anchor, string line) =>
        script.Replacing(anchor, anchor + "\n" + line);

    /// <summary><paramref name="script"/> with each <paramref name="anchor"/> replaced.</summary>
    public static string Replacing(this string script, string anchor, string replacement)
    {
        Assert.That(script, Does.Contain(anchor), "reference.js changed: the test's anchor is gone");
        return script.Replace(anchor, replacement, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="script"/> with the stretch from <paramref name="start"/> to the first
    /// <paramref name="end"/> after it, both included, replaced.
    /// </summary>
    public static string ReplacingFromTo(this string script, string start, string end, string replacement)
    {
        var from = script.IndexOf(start, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"reference.js changed: the test's anchor is gone: {start}");
        var to = script.IndexOf(end, from, StringComparison.Ordinal);
        Assert.That(to, Is.GreaterThan(from), $"reference.js changed: the end of the replaced part is gone: {end}");
        return script[..from] + replacement + script[(to + end.Length)..];
    }
}

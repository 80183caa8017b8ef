namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// A deliberately broken integration's header: its first line lists exactly the checks validate
/// must fail on it (<c>// breaks: a, b</c>); an optional second line gives the cart probe that
/// reads its native cart (<c>// probe: expression</c>), for a cart kept in the page rather than
/// the sample backend's.
/// </summary>
internal sealed record BrokenIntegration(IReadOnlyList<string> Breaks, string? CartProbe)
{
    private const string BreaksPrefix = "// breaks: ";
    private const string ProbePrefix = "// probe: ";

    public static BrokenIntegration Read(string path)
    {
        var lines = File.ReadLines(path).Take(2).ToList();
        Assert.That(lines[0], Does.StartWith(BreaksPrefix), $"{Path.GetFileName(path)}: first line must list the checks it breaks");
        var probe = lines.Count > 1 && lines[1].StartsWith(ProbePrefix, StringComparison.Ordinal) ? lines[1][ProbePrefix.Length..] : null;
        return new BrokenIntegration(lines[0][BreaksPrefix.Length..].Split(',', StringSplitOptions.TrimEntries), probe);
    }
}

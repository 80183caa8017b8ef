using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.Browser.Validation;

/// <summary>
/// Every check has a deliberately broken integration (fixtures/integrations/broken/&lt;check&gt;.js)
/// whose first line lists exactly the checks validate must fail on it.
/// </summary>
public sealed class BrokenIntegrationTests
{
    private const string BreaksPrefix = "// breaks: ";

    private static readonly string BrokenDirectory = Path.Combine(Simulator.SimulatorOptions.DefaultFixturesDirectory, "integrations", "broken");

    public static IEnumerable<TestCaseData> BrokenIntegrations() =>
        Directory.EnumerateFiles(BrokenDirectory, "*.js").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path)));

    [Test]
    public void Every_check_has_a_broken_integration_named_after_it()
    {
        var named = Directory.EnumerateFiles(BrokenDirectory, "*.js").Select(Path.GetFileNameWithoutExtension);

        Assert.That(named, Is.EquivalentTo(CheckCatalog.All.Select(c => c.Id)));
    }

    [TestCaseSource(nameof(BrokenIntegrations))]
    public async Task Broken_integration_fails_exactly_the_checks_it_declares(string fileName)
    {
        var path = Path.Combine(BrokenDirectory, fileName);
        var expected = (await File.ReadAllLinesAsync(path))[0];
        Assert.That(expected, Does.StartWith(BreaksPrefix), $"{fileName}: first line must list the checks it breaks");
        var declared = expected[BreaksPrefix.Length..].Split(',', StringSplitOptions.TrimEntries);

        var report = await ValidatorTests.RunAsync(
            ValidationTarget.Parse(path),
            new ValidationSettings { SampleBackend = true, CallbackTimeoutMs = 1_000 });

        var failed = report.Checks.Where(c => c.Status == CheckStatus.Failed).ToList();
        Assert.That(
            failed.Select(c => c.Id),
            Is.EquivalentTo(declared),
            string.Join("\n", report.Checks.Select(c => $"{c.Id}: {c.Status}: {c.Message}")));
        Assert.That(declared, Does.Contain(Path.GetFileNameWithoutExtension(fileName)), "the file breaks the check it is named after");
        Assert.That(report.ExitCode, Is.EqualTo(failed.Any(c => c.Check.Required) ? 1 : 0));
    }
}

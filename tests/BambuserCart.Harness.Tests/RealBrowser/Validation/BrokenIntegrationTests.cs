using BambuserCart.Contract;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// Every check has deliberately broken integrations (fixtures/integrations/broken/&lt;check&gt;.js,
/// and &lt;check&gt;--&lt;variant&gt;.js for more ways to break it) whose first line lists exactly
/// the checks validate must fail on them (see <see cref="BrokenIntegration"/>). The verdict must not depend on timing: each runs against
/// the cart backend as it is and with every cart answer delayed by a few hundred milliseconds.
/// Its cases run side by side (see AssemblyInfo.cs): each validation has its own context and host,
/// and most of its time is spent waiting on the page, not computing.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class BrokenIntegrationTests
{
    private const string VariantSeparator = "--";

    private static readonly string BrokenDirectory = Path.Combine(TestFixtures.Directory, "integrations", "broken");

    public static IEnumerable<TestCaseData> BrokenIntegrations() =>
        from path in Directory.EnumerateFiles(BrokenDirectory, "*.js").Order(StringComparer.Ordinal)
        from latency in new[] { 0, 300 }
        select new TestCaseData(Path.GetFileName(path), latency).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path), $"{latency} ms");

    [Test]
    public void Every_check_has_a_broken_integration_named_after_it()
    {
        var names = Directory.EnumerateFiles(BrokenDirectory, "*.js").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.That(names.Where(n => !n!.Contains(VariantSeparator, StringComparison.Ordinal)), Is.EquivalentTo(CheckIds.All));
        Assert.That(names.Select(CheckOf), Is.All.Matches<string>(name => ContractNames.TryParse<CheckId>(name, out _)), "a variant is named <check id>--<what it does>");
    }

    [TestCaseSource(nameof(BrokenIntegrations))]
    public async Task Broken_integration_fails_exactly_the_checks_it_declares_whatever_the_backend_latency(string fileName, int latencyMs)
    {
        var path = Path.Combine(BrokenDirectory, fileName);
        var (declared, probe) = BrokenIntegration.Read(path);

        var report = await ValidatorTests.RunAsync(
            ValidationTarget.Parse(path),
            new ValidationSettings { SampleBackend = true, CartProbe = probe, CallbackTimeoutMs = 1_000, CartLatencyMs = latencyMs });

        var failed = report.Checks.Where(c => c.Status == CheckStatus.Failed).ToList();
        Assert.That(
            failed.Select(c => c.Name),
            Is.EquivalentTo(declared),
            string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}")));
        Assert.That(declared, Does.Contain(CheckOf(Path.GetFileNameWithoutExtension(fileName))), "the file breaks the check it is named after");
        Assert.That(report.ExitCode, Is.EqualTo(failed.Any(c => c.Check.Required) ? 1 : 0));
    }

    private static string CheckOf(string? name) => name!.Split(VariantSeparator)[0];
}

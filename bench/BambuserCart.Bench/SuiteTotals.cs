using System.Xml.Linq;

namespace BambuserCart.Bench;

/// <summary>Benchmark 4: where the last <c>dotnet test</c>'s time went, per fixture, from its TRX files.</summary>
internal sealed record SuiteTotals(string Fixture, int Tests, double Seconds)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Per fixture, slowest first; empty when the folder holds no TRX.</summary>
    public static IReadOnlyList<SuiteTotals> FromLatestRun(string resultsDirectory)
    {
        if (!Directory.Exists(resultsDirectory))
        {
            return [];
        }

        var rows = new List<(string Fixture, double Seconds)>();
        foreach (var document in LatestPerAssembly(resultsDirectory))
        {
            var classes = document.Descendants(Trx + "UnitTest").ToDictionary(
                t => (string)t.Attribute("id")!,
                t => ((string?)t.Element(Trx + "TestMethod")?.Attribute("className") ?? "?").Split('.')[^1]);
            rows.AddRange(document.Descendants(Trx + "UnitTestResult").Select(r => (
                classes.GetValueOrDefault((string)r.Attribute("testId")!, "?"),
                TimeSpan.TryParse((string?)r.Attribute("duration"), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d.TotalSeconds : 0)));
        }

        return [.. rows.GroupBy(r => r.Fixture).Select(g => new SuiteTotals(g.Key, g.Count(), g.Sum(r => r.Seconds))).OrderByDescending(f => f.Seconds)];
    }

    // dotnet test writes one TRX per test assembly and run; the folder keeps earlier runs too.
    private static IEnumerable<XDocument> LatestPerAssembly(string resultsDirectory) =>
        Directory.EnumerateFiles(resultsDirectory, "*.trx")
            .Select(file => (File: file, Document: XDocument.Load(file)))
            .GroupBy(trx => (string?)trx.Document.Descendants(Trx + "UnitTest").FirstOrDefault()?.Attribute("storage") ?? trx.File)
            .Select(assembly => assembly.OrderByDescending(trx => File.GetLastWriteTimeUtc(trx.File)).First().Document);
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Reports;

/// <summary>
/// The <c>--junit</c> file: one testsuite per target, one testcase per check, classname = the
/// check's group. Only failed required checks are failures (an advisory failure is output, not a
/// red case), and a required check that was not proven is a skipped case that says so. A case's
/// time is the run's time spent reaching its verdict (<see cref="CheckResult.Duration"/>).
/// </summary>
public static class JunitReport
{
    /// <summary>Writes the file as UTF-8 without a byte order mark, which some CI readers choke on.</summary>
    public static void Write(IReadOnlyList<ValidationReport> reports, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Build(reports).Save(writer);
    }

    public static XDocument Build(IReadOnlyList<ValidationReport> reports) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", "bambuser-cart validate"),
                new XAttribute("tests", reports.Sum(r => r.Checks.Count)),
                new XAttribute("failures", reports.Sum(r => r.RequiredFailures.Count)),
                new XAttribute("skipped", reports.Sum(r => r.Skipped)),
                reports.Select(Suite)));

    private static XElement Suite(ValidationReport report) =>
        new(
            "testsuite",
            new XAttribute("name", Xml(report.Target.ToString())),
            new XAttribute("tests", report.Checks.Count),
            new XAttribute("failures", report.RequiredFailures.Count),
            new XAttribute("skipped", report.Skipped),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(report.Duration)),
            new XAttribute("timestamp", report.Started.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)),
            report.Checks.Select(Case));

    private static XElement Case(CheckResult check)
    {
        var testcase = new XElement("testcase", new XAttribute("name", check.Name), new XAttribute("classname", check.Check.Group), new XAttribute("time", Seconds(check.Duration)));
        switch (check.Status)
        {
            case CheckStatus.Failed when check.Required:
                testcase.Add(new XElement("failure", new XAttribute("message", Xml(check.Message)), new XAttribute("type", "required"), Xml($"{check.Message}\nFix: {check.Check.Fix}")));
                break;
            case CheckStatus.Failed:
                // An advisory check does not fail the run; CI shows it without turning red.
                testcase.Add(new XElement("system-out", Xml($"ADVISORY FAILURE: {check.Message}\nFix: {check.Check.Fix}")));
                break;
            case CheckStatus.Skipped:
                testcase.Add(new XElement("skipped", new XAttribute("message", Xml(check.NotProven && !check.Message.StartsWith("not proven", StringComparison.Ordinal) ? $"not proven: {check.Message}" : check.Message))));
                break;
            default:
                testcase.Add(new XElement("system-out", Xml(check.Message)));
                break;
        }

        return testcase;
    }

    // Text from a page can hold characters XML 1.0 cannot carry (U+0001…): written as \u0001, so the
    // file is still XML and nothing after that point is lost.
    private static string Xml(string text) =>
        text.Any(c => !XmlConvert.IsXmlChar(c))
            ? string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) ? c.ToString() : $"\\u{(int)c:x4}"))
            : text;

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}

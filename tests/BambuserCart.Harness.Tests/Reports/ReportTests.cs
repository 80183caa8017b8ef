using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.Reports;

/// <summary>The report formats of validate, from a known report (no browser needed).</summary>
public sealed partial class ReportTests
{

    private static readonly ValidationReport Report = new(
        ValidationTarget.SampleShop,
        "http://127.0.0.1:5080/",
        [
            new CheckResult(CheckCatalog.Get(CheckCatalog.AddSuccess), CheckStatus.Passed, "should-add-item-to-cart { sku: 'A' } answered callback(true)")
            {
                Evidence = new JsonObject { ["outcome"] = "success" },
                Trace = [new JsonObject { ["seq"] = 1, ["event"] = "should-add-item-to-cart", ["payload"] = new JsonObject { ["sku"] = "A" }, ["outcome"] = "success", ["value"] = true, ["callbackCalls"] = 1, ["ms"] = 12 }],
            },
            new CheckResult(CheckCatalog.Get(CheckCatalog.UpdateRemove), CheckStatus.Failed, "expected callback(true), got callback(\"removed\") | <b>"),
            new CheckResult(CheckCatalog.Get(CheckCatalog.TrackingAffiliation), CheckStatus.Failed, "affiliation missing"),
            new CheckResult(CheckCatalog.Get(CheckCatalog.AddOutOfStock), CheckStatus.Skipped, "no out-of-stock SKU: pass --out-of-stock-sku"),
        ])
    {
        Started = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000),
        Duration = TimeSpan.FromMilliseconds(1234),
        Trace = [new JsonObject { ["seq"] = 1, ["event"] = "should-add-item-to-cart", ["payload"] = new JsonObject { ["sku"] = "A" }, ["outcome"] = "success", ["value"] = true, ["callbackCalls"] = 1, ["ms"] = 12 }],
        Screenshot = [0x89, 0x50, 0x4E, 0x47],
    };

    [Test]
    public void Json_report_is_ctrf_and_valid_against_the_published_schema()
    {
        var json = CtrfReport.ToJson(Report);

        var result = ReportSchema.Evaluate(json);
        Assert.That(result.IsValid, Is.True, JsonSerializer.Serialize(result));

        using var document = JsonDocument.Parse(json);

        var results = document.RootElement.GetProperty("results");
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("summary").GetProperty("failed").GetInt32(), Is.EqualTo(2));
            Assert.That(results.GetProperty("tests")[1].GetProperty("name").GetString(), Is.EqualTo("update.remove"));
            Assert.That(results.GetProperty("tests")[1].GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(results.GetProperty("tests")[0].GetProperty("extra").GetProperty("trace")[0].GetProperty("event").GetString(), Is.EqualTo("should-add-item-to-cart"));
        });
    }

    [Test]
    public void Schema_rejects_a_report_with_an_unknown_check_id()
    {
        var node = CtrfReport.Build(Report);
        node["results"]!["tests"]![0]!["name"] = "add.sucess";

        Assert.That(ReportSchema.Evaluate(node.ToJsonString()).IsValid, Is.False);
    }

    [Test]
    public void Junit_report_has_a_suite_per_target_and_a_case_per_check_with_its_group_as_classname()
    {
        var xml = XDocument.Parse(JunitReport.Build([Report]).ToString());

        var suite = xml.Root!.Elements("testsuite").Single();
        var cases = suite.Elements("testcase").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(suite.Attribute("tests")!.Value, Is.EqualTo("4"));
            Assert.That(cases.Select(c => (c.Attribute("name")!.Value, c.Attribute("classname")!.Value)), Is.EqualTo(new[]
            {
                ("add.success", "add"), ("update.remove", "update"), ("tracking.affiliation", "tracking"), ("add.out-of-stock", "add"),
            }));
            Assert.That(cases[1].Element("failure")!.Attribute("message")!.Value, Does.StartWith("expected callback(true)"));
            Assert.That(cases[2].Element("failure"), Is.Null, "an advisory failure does not turn CI red");
            Assert.That(cases[3].Element("skipped"), Is.Not.Null);
        });
    }

    [Test]
    public void Html_report_is_offline_escapes_messages_and_links_its_files()
    {
        var directory = Directory.CreateTempSubdirectory("bambuser-cart-html-").FullName;
        try
        {
            var path = HtmlReport.Write(Report, directory);
            var html = File.ReadAllText(path);

            Assert.Multiple(() =>
            {
                Assert.That(ExternalReference().Matches(html), Is.Empty, "no CDN or other external src/href");
                Assert.That(html, Does.Contain("&lt;b&gt;").And.Not.Contain("| <b>"), "messages are escaped");
                Assert.That(html, Does.Contain("<img src=\"screenshot.png\""));
                Assert.That(File.Exists(Path.Combine(directory, "screenshot.png")), Is.True);
                Assert.That(html, Does.Contain("should-add-item-to-cart"), "the event timeline");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Github_annotations_name_failed_required_checks_only_and_at_most_ten()
    {
        var many = Report with
        {
            Checks = Enumerable.Range(0, 12).Select(i => new CheckResult(CheckCatalog.Get(CheckCatalog.UpdateRemove), CheckStatus.Failed, $"failure {i}\nsecond line")).ToList(),
        };

        var annotations = GitHubActionsReport.Annotations(many).ToList();
        var single = GitHubActionsReport.Annotations(Report).ToList();

        Assert.That(annotations, Has.Count.EqualTo(GitHubActionsReport.MaxAnnotations));
        Assert.That(annotations[0], Is.EqualTo("::error title=bambuser-cart update.remove::failure 0%0Asecond line"));
        Assert.That(single, Has.Count.EqualTo(1), "the advisory tracking failure is not an error");
    }

    [Test]
    public void Github_step_summary_is_a_markdown_table_of_every_check()
    {
        var summary = GitHubActionsReport.Summary(Report);

        Assert.That(summary, Does.Contain("| `update.remove` | ❌ failed | expected callback(true), got callback(\"removed\") \\| <b> |"));
        Assert.That(summary, Does.Contain("| `tracking.affiliation` | ⚠️ failed (advisory) |"));
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

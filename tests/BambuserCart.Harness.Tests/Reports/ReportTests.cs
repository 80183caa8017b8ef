using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Reports;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.Reports;

/// <summary>The report formats of validate, from a known report (no browser needed).</summary>
public sealed partial class ReportTests
{
    // An add answered true before its cart request had answered, with the evidence that shows it.
    private static readonly ObservedEvent AnsweredFirst = new(
        1,
        "add.success",
        new TraceEntry(1, "should-add-item-to-cart", "add", JsonDocument.Parse("""{"sku":"A"}""").RootElement, "success", JsonDocument.Parse("true").RootElement, 1, 4),
        new EventEvidence(
            100,
            1,
            [new EventMark("answer", "true", 103, 3, 1)],
            [new RequestRecord(1, "fetch", "POST", "http://127.0.0.1:5080/cart/add", """{"sku":"A"}""", false, 101, 2, 1, 252, 4, 200, null, "{}", true)],
            [new PageErrorRecord("unhandled-rejection", "ReferenceError: answr is not defined", "http://127.0.0.1:5080/app.js:9:14", 260, 5, 1)],
            []));

    private static readonly ObservedEvent UnderFault = new(
        2,
        "add.backend-failure (http-500)",
        new TraceEntry(2, "should-add-item-to-cart", "add", JsonDocument.Parse("""{"sku":"B"}""").RootElement, "failure", JsonDocument.Parse("false").RootElement, 1, 9),
        EventEvidence.None)
    {
        Fault = BackendCondition.Http500,
        FaultedRequests = 1,
    };

    private static readonly ValidationReport Report = new(
        ValidationTarget.SampleShop,
        "http://127.0.0.1:5080/",
        [
            new CheckResult(CheckCatalog.Get(CheckId.AddSuccess), CheckStatus.Passed, "should-add-item-to-cart { sku: 'A' } answered callback(true)")
            {
                Evidence = new JsonObject { ["outcome"] = "success" },
                Events = [1],
                Duration = TimeSpan.FromMilliseconds(1500),
            },
            new CheckResult(CheckCatalog.Get(CheckId.UpdateRemove), CheckStatus.Failed, "expected callback(true), got callback(\"removed\") | <b>"),
            new CheckResult(CheckCatalog.Get(CheckId.AddOutOfStock), CheckStatus.Skipped, "not proven: no out-of-stock SKU; pass --out-of-stock-sku"),
            new CheckResult(CheckCatalog.Get(CheckId.CallbackConfirmed), CheckStatus.Failed, "#1 should-add-item-to-cart { sku: 'A' }: callback(true) came before the cart answered") { Events = [1] },
            new CheckResult(CheckCatalog.Get(CheckId.TrackingAffiliation), CheckStatus.Failed, "affiliation missing"),
        ])
    {
        Started = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000),
        Duration = TimeSpan.FromMilliseconds(1234),
        Screenshot = [0x89, 0x50, 0x4E, 0x47],
        Events = [AnsweredFirst, UnderFault],
        PageErrors = [new PageError("embed and add", "error", "TypeError: x is undefined", "http://127.0.0.1:5080/app.js:1:5")],
    };

    [Test]
    public void Json_report_is_ctrf_valid_against_the_published_schema_and_links_checks_to_evidence()
    {
        var json = CtrfReport.ToJson(Report);

        var result = ReportSchema.Evaluate(json);
        Assert.That(result.IsValid, Is.True, JsonSerializer.Serialize(result));

        using var document = JsonDocument.Parse(json);
        var results = document.RootElement.GetProperty("results");
        var events = results.GetProperty("extra").GetProperty("events");
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("summary").GetProperty("failed").GetInt32(), Is.EqualTo(3));
            Assert.That(results.GetProperty("tests")[0].GetProperty("duration").GetInt64(), Is.EqualTo(1500), "the time spent reaching the verdict, in ms");
            Assert.That(results.GetProperty("tests")[3].GetProperty("name").GetString(), Is.EqualTo("callback.confirmed"));
            Assert.That(results.GetProperty("tests")[3].GetProperty("extra").GetProperty("events")[0].GetInt32(), Is.EqualTo(1));
            Assert.That(results.GetProperty("tests")[2].GetProperty("extra").GetProperty("notProven").GetBoolean(), Is.True);
            Assert.That(results.GetProperty("extra").GetProperty("notProven")[0].GetString(), Is.EqualTo("add.out-of-stock"));
            var request = events[0].GetProperty("evidence").GetProperty("requests")[0];
            Assert.That((request.GetProperty("cart").GetBoolean(), request.GetProperty("sentMs").GetInt32(), request.GetProperty("answeredMs").GetInt32()), Is.EqualTo((true, 1, 152)));
            Assert.That(request.GetProperty("answeredBeforeCallback").GetBoolean(), Is.False, "callback(true) came first");
            Assert.That(events[0].GetProperty("evidence").GetProperty("marks")[0].GetProperty("ms").GetInt32(), Is.EqualTo(3), "callback(true) 3 ms after the emit");
            Assert.That(events[0].GetProperty("evidence").GetProperty("errors")[0].GetProperty("source").GetString(), Does.EndWith("app.js:9:14"));
            Assert.That(events[1].GetProperty("fault").GetString(), Is.EqualTo("http-500"));
            Assert.That(results.GetProperty("extra").GetProperty("pageErrors")[0].GetProperty("message").GetString(), Is.EqualTo("TypeError: x is undefined"));
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
    public void Junit_report_fails_only_required_checks_and_marks_unproven_ones_as_skipped()
    {
        var xml = XDocument.Parse(JunitReport.Build([Report]).ToString());

        var suite = xml.Root!.Elements("testsuite").Single();
        var cases = suite.Elements("testcase").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(suite.Attribute("tests")!.Value, Is.EqualTo("5"));
            Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo("2"), "the advisory failure is not counted as a failure");
            Assert.That(cases.Select(c => (c.Attribute("name")!.Value, c.Attribute("classname")!.Value)), Is.EqualTo(new[]
            {
                ("add.success", "add"), ("update.remove", "update"), ("add.out-of-stock", "add"), ("callback.confirmed", "callback"), ("tracking.affiliation", "tracking"),
            }));
            Assert.That(cases[1].Element("failure")!.Attribute("message")!.Value, Does.StartWith("expected callback(true)"));
            Assert.That(cases[2].Element("skipped")!.Attribute("message")!.Value, Does.StartWith("not proven: "));
            Assert.That(cases[4].Element("failure"), Is.Null, "an advisory failure does not turn CI red");
            Assert.That(cases[0].Attribute("time")!.Value, Is.EqualTo("1.500"), "a case's time is the time spent reaching its verdict");
        });
    }

    [Test]
    public void Junit_file_has_no_byte_order_mark()
    {
        var path = Path.GetTempFileName();
        try
        {
            JunitReport.Write([Report], path);

            Assert.That(File.ReadAllBytes(path)[..5], Is.EqualTo("<?xml"u8.ToArray()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Html_report_opens_with_the_verdict_and_failures_and_links_checks_to_marked_events()
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
                Assert.That(html, Does.Contain("<div class=\"banner fail\" role=\"status\">FAIL"));
                Assert.That(html.IndexOf("<h2>Failures</h2>", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<h2>Checks</h2>", StringComparison.Ordinal)), "failures first");
                Assert.That(html, Does.Contain("<h2>Not proven</h2>"));
                Assert.That(html, Does.Contain("<a href=\"#event-1\">#1</a>"), "a check links to its events");
                Assert.That(html, Does.Contain("<tr id=\"event-1\">"));
                Assert.That(html, Does.Contain("<span class=\"fault\">http-500 injected</span>"), "the event under a fault is marked");
                Assert.That(html, Does.Contain("ReferenceError: answr is not defined (at http://127.0.0.1:5080/app.js:9:14)"));
                Assert.That(html, Does.Contain("<img src=\"screenshot.png\""));
                Assert.That(File.Exists(Path.Combine(directory, "screenshot.png")), Is.True);
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Github_annotations_are_errors_for_failed_required_checks_and_warnings_for_unproven_ones_at_most_ten_each()
    {
        var many = Report with
        {
            Checks = Enumerable.Range(0, 12).Select(i => new CheckResult(CheckCatalog.Get(CheckId.UpdateRemove), CheckStatus.Failed, $"failure {i}\nsecond line")).ToList(),
        };

        var annotations = GitHubActionsReport.Annotations(many).ToList();
        var single = GitHubActionsReport.Annotations(Report).ToList();

        Assert.That(annotations, Has.Count.EqualTo(GitHubActionsReport.MaxAnnotations));
        Assert.That(annotations[0], Is.EqualTo("::error title=bambuser-cart update.remove::failure 0%0Asecond line"));
        Assert.That(single, Is.EqualTo(new[]
        {
            "::error title=bambuser-cart update.remove::expected callback(true), got callback(\"removed\") | <b>",
            "::error title=bambuser-cart callback.confirmed::#1 should-add-item-to-cart { sku: 'A' }: callback(true) came before the cart answered",
            "::warning title=bambuser-cart add.out-of-stock (not proven)::not proven: no out-of-stock SKU; pass --out-of-stock-sku",
        }), "the advisory tracking failure is not an annotation");
        Assert.That(
            GitHubActionsReport.Annotations(Report, "https://shop.example.test/de,at").First(),
            Does.StartWith("::error title=bambuser-cart https%3A//shop.example.test/de%2Cat: update.remove::"),
            "with several targets the title names the target, escaped so that its ':' and ',' do not end the title");
    }

    [Test]
    public void Github_step_summary_is_a_markdown_table_of_every_check_with_one_line_cells()
    {
        var summary = GitHubActionsReport.Summary(Report with
        {
            Checks = [.. Report.Checks, new CheckResult(CheckCatalog.Get(CheckId.AddNativeCart), CheckStatus.Failed, "line one\nline two")],
        });

        Assert.That(summary, Does.Contain("| `update.remove` | ❌ failed | expected callback(true), got callback(\"removed\") \\| &lt;b> |"));
        Assert.That(summary, Does.Contain("| `tracking.affiliation` | ⚠️ failed (advisory) |"));
        Assert.That(summary, Does.Contain("| `add.out-of-stock` | ⚠️ not proven |"));
        Assert.That(summary, Does.Contain("| `add.native-cart` | ❌ failed | line one line two |"));
    }

    [Test]
    public void Control_characters_from_a_page_leave_every_report_whole()
    {
        // An orgId or a message from a page can carry U+0001 or an escape sequence; XML 1.0 cannot hold
        // them, and a report cut at that point would lose every check after it.
        var hostile = Report with
        {
            Checks = [new CheckResult(CheckCatalog.Get(CheckId.AddNativeCart), CheckStatus.Failed, "org \u0001\u001b[2J here"), .. Report.Checks],
        };
        var directory = Directory.CreateTempSubdirectory("bambuser-cart-hostile-report-").FullName;
        try
        {
            var junit = Path.Combine(directory, "junit.xml");
            JunitReport.Write([hostile], junit);
            var xml = XDocument.Load(junit);
            var html = File.ReadAllText(HtmlReport.Write(hostile, directory));
            var json = JsonNode.Parse(CtrfReport.ToJson(hostile))!;

            Assert.Multiple(() =>
            {
                Assert.That(xml.Descendants("testcase").Count(), Is.EqualTo(hostile.Checks.Count), "every check is in the JUnit file");
                Assert.That(xml.Descendants("failure").First().Attribute("message")!.Value, Is.EqualTo("org \\u0001\\u001b[2J here"));
                Assert.That(html, Does.Contain("tracking.affiliation"), "the HTML report holds the checks after the hostile one");
                Assert.That(json["results"]!["tests"]!.AsArray(), Has.Count.EqualTo(hostile.Checks.Count));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Verdict_never_says_all_passed_while_a_required_check_was_not_proven()
    {
        var unproven = Report with { Checks = [Report.Checks[0], Report.Checks[2]] };

        Assert.That(ConsoleVerdict.Headline(unproven), Is.EqualTo("1 passed, 0 failed, 1 skipped — no required check failed, but 1 required check was not proven: add.out-of-stock (Strict fails the run on this) (exit 0)"));
        Assert.That(ConsoleVerdict.Headline(unproven with { Strict = true }), Is.EqualTo("1 passed, 0 failed, 1 skipped — 1 required check was not proven: add.out-of-stock (Strict) (exit 1)"));
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Driver;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation;

/// <summary>
/// One validation in one fresh browser context: the steps in the order the checks need them.
/// Split by area across the ValidationRun.*.cs files.
/// </summary>
internal sealed partial class ValidationRun
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly OfflineContext offline;
    private readonly ValidationSettings settings;
    private readonly ValidationTarget target;
    private readonly string pageUrl;
    private readonly bool sampleBackend;
    private readonly IProgress<CheckResult>? progress;
    private readonly CancellationToken cancellation;
    private readonly List<CheckResult> results = [];
    private IPage page = null!;
    private WidgetDriver widget = null!;
    private CartFaults faults = null!;
    private JsonArray lastTrace = [];
    private JsonArray diagnostics = [];

    public ValidationRun(OfflineContext offline, ValidationSettings settings, ValidationTarget target, string pageUrl, bool sampleBackend, IProgress<CheckResult>? progress, CancellationToken cancellation)
    {
        this.offline = offline;
        this.settings = settings;
        this.target = target;
        this.pageUrl = pageUrl;
        this.sampleBackend = sampleBackend;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    private string Sku => settings.Skus[0];

    public async Task<ValidationReport> ExecuteAsync()
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (settings.RecordTrace)
        {
            await offline.Context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
        }

        faults = await CartFaults.InstallAsync(offline.Context, settings.CartApiGlob);
        page = await offline.Context.NewPageAsync();
        widget = new WidgetDriver(page);
        await OpenPageAsync();

        if (await EmbedChecksAsync())
        {
            await widget.ConfigureAsync(callbackTimeoutMs: settings.CallbackTimeoutMs);
            await CartChecksAsync();
            await BackendFailureChecksAsync();
            var pushes = await DataLayerCartPushesAsync();
            var state = await widget.StateAsync();
            await SnapshotTraceAsync();
            await CheckoutChecksAsync(state);
            CallbackChecks();
            TrackingCheck(pushes, state.OrgId);
        }

        var screenshot = await ScreenshotAsync();
        var tracePath = await StopTracingAsync();
        return new ValidationReport(target, pageUrl, results)
        {
            Started = started,
            Duration = clock.Elapsed,
            Trace = lastTrace,
            Diagnostics = diagnostics,
            Screenshot = screenshot,
            TracePath = tracePath,
            BlockedRequests = offline.BlockedRequests,
        };
    }

    private async Task OpenPageAsync()
    {
        try
        {
            await TargetPage.OpenAsync(page, pageUrl);
        }
        catch (TargetUnreachableException ex)
        {
            throw new ValidationInputException($"TARGET: {ex.Message}", ex);
        }
    }

    /// <summary>Records a verdict for a selected check, with the trace so far, and reports it.</summary>
    private void Record(string id, CheckStatus status, string message, JsonObject? evidence = null)
    {
        cancellation.ThrowIfCancellationRequested();
        if (!settings.Selected(id))
        {
            return;
        }

        var result = new CheckResult(CheckCatalog.Get(id), status, message)
        {
            Evidence = evidence ?? [],
            Trace = (JsonArray)lastTrace.DeepClone(),
        };
        results.Add(result);
        progress?.Report(result);
    }

    private void Pass(string id, string message, JsonObject? evidence = null) => Record(id, CheckStatus.Passed, message, evidence);

    private void Fail(string id, string message, JsonObject? evidence = null) => Record(id, CheckStatus.Failed, message, evidence);

    private void Skip(string id, string reason) => Record(id, CheckStatus.Skipped, reason);

    private async Task SnapshotTraceAsync()
    {
        lastTrace = JsonSerializer.SerializeToNode(await widget.TraceAsync(), Json)!.AsArray();
        diagnostics = JsonSerializer.SerializeToNode((await widget.StateAsync()).Diagnostics, Json)!.AsArray();
    }

    /// <summary>"callback(true)", "no callback within 5000 ms"… — what the handler did, in the merchant's words.</summary>
    private static string Answered(CartOutcome outcome) => outcome.Outcome switch
    {
        "timeout" => "no callback within the timeout",
        "threw" => "the handler threw",
        "no-handler" => "no handler",
        _ => $"callback({outcome.Value?.GetRawText() ?? "undefined"})",
    };

    private static JsonObject Evidence(params (string Key, object? Value)[] items)
    {
        var evidence = new JsonObject();
        foreach (var (key, value) in items)
        {
            evidence[key] = JsonSerializer.SerializeToNode(value, Json);
        }

        return evidence;
    }

    private async Task<byte[]?> ScreenshotAsync()
    {
        try
        {
            return page.IsClosed ? null : await page.ScreenshotAsync(new PageScreenshotOptions { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // The page may have navigated away or closed (same-tab checkout); a report without a picture is still a report.
            return null;
        }
    }

    private async Task<string?> StopTracingAsync()
    {
        if (!settings.RecordTrace)
        {
            return null;
        }

        if (!results.Any(r => r.FailsRun))
        {
            await offline.Context.Tracing.StopAsync();
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"bambuser-cart-trace-{Guid.NewGuid():N}.zip");
        await offline.Context.Tracing.StopAsync(new TracingStopOptions { Path = path });
        return path;
    }
}

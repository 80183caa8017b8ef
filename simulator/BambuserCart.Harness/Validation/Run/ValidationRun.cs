using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Validation.Checks;
using Microsoft.Playwright;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>
/// One validation: the first page proves the embed and plays add → quantity change; every other
/// check family then gets a fresh page (fresh context: empty widget cart, new native cart), so one
/// family's failure cannot mask or cascade into another's. Only the families the selected checks
/// need are played. The checks over every event (callbacks, errors, tracking) come last. Each
/// family's page is opened while the one before it plays (<see cref="NextPage"/>).
/// </summary>
internal sealed class ValidationRun
{
    private static readonly IReadOnlyList<CheckFamily> FreshPageFamilies =
    [
        new(UpdateRemove.Wire(), [UpdateRemove], RemoveCheck.RunAsync),
        new(AddOutOfStock.Wire(), [AddOutOfStock], RefusalChecks.OutOfStockAsync),
        new(AddUnknownSku.Wire(), [AddUnknownSku], RefusalChecks.UnknownSkuAsync),
        new(AddBackendFailure.Wire(), [AddBackendFailure], BackendFailureChecks.AddAsync, FaultsBackend: true),
        new(UpdateBackendFailure.Wire(), [UpdateBackendFailure], BackendFailureChecks.UpdateAsync, FaultsBackend: true),
        new("checkout", CheckoutChecks.Ids, CheckoutChecks.RunAsync, MakesCartEvents: false),
        new(ProductHydration.Wire(), [ProductHydration], HydrationCheck.RunAsync, MakesCartEvents: false),
    ];

    /// <summary>Judged over every event of the run: any family with cart events feeds them.</summary>
    private static readonly IReadOnlyList<CheckId> AcrossEvents = [.. EventChecks.Ids, PageNoErrors, TrackingAffiliation];

    private readonly RunContext run;
    private readonly ValidationTarget target;
    private bool ranOutOfTime;

    public ValidationRun(RunContext run, ValidationTarget target)
    {
        this.run = run;
        this.target = target;
    }

    public async Task<ValidationReport> ExecuteAsync()
    {
        var started = DateTimeOffset.UtcNow;
        var families = FreshPageFamilies.Where(f => Needed(f.Checks, f.MakesCartEvents)).ToList();
        bool widgetStarted;
        string? orgId;
        // Closed before anything is judged: a page opened ahead that never played adds nothing.
        await using (var nextPage = new NextPage(run, families.Select(f => new PlannedPage(f.Name, f.FaultsBackend))))
        {
            (widgetStarted, orgId) = await PlayFirstPageAsync(nextPage);
            if (widgetStarted)
            {
                await PlayFreshPageFamiliesAsync(families, nextPage);
            }
        }

        if (widgetStarted)
        {
            if (ranOutOfTime && run.Log.Events.Count == 0)
            {
                // The one event in flight was abandoned unanswered: there is nothing to judge, and
                // "no event reached a handler" would not be true.
                run.Verdicts.SkipAll(EventChecks.Ids, $"not proven: {run.OutOfTime} before any cart event was settled");
            }

            EventChecks.Judge(run);
            TrackingCheck.Judge(run, orgId);
        }

        PageErrorsCheck.Judge(run);
        var log = run.Log;
        log.KeepFailureTraces(run.Verdicts.Results.Where(c => c.FailsRun));
        return new ValidationReport(target, run.PageUrl, run.Verdicts.Results)
        {
            Started = started,
            Duration = run.Elapsed,
            Events = log.Events,
            PageErrors = [.. log.PageErrors.Select(e => new PageError(e.Session, e.Error.Kind, e.Error.Message, e.Error.Source))],
            Diagnostics = log.Diagnostics,
            Screenshot = log.Screenshot,
            Traces = log.Traces,
            BlockedRequests = log.BlockedRequests,
            Strict = run.Settings.Strict,
            CartApi = run.Cart.Glob,
        };
    }

    private bool Needed(IEnumerable<CheckId> checks, bool makesCartEvents) =>
        run.Verdicts.AnyWanted(checks) || (makesCartEvents && run.Verdicts.AnyWanted(AcrossEvents));

    // Proves the embed, then plays add → quantity change; the first family's page loads meanwhile.
    private async Task<(bool WidgetStarted, string? OrgId)> PlayFirstPageAsync(NextPage nextPage)
    {
        await using var first = await TargetSession.OpenAsync(run, "embed and add", faultsBackend: false);
        nextPage.StartOpening();
        if (!await EmbedChecks.RunAsync(first, run))
        {
            return (false, null);
        }

        var orgId = (await first.StateAsync()).OrgId;
        if (run.Remaining > TimeSpan.Zero)
        {
            // Past --max-time (the page took it all to start) nothing reads the probe any more.
            await EmbedChecks.CheckProbeAsync(first);
        }

        if (Needed(CartChecks.Ids, makesCartEvents: true))
        {
            await GuardedAsync(first, CartChecks.Ids, CartChecks.RunAsync);
        }

        return (true, orgId);
    }

    private async Task PlayFreshPageFamiliesAsync(IReadOnlyList<CheckFamily> families, NextPage nextPage)
    {
        foreach (var family in families)
        {
            if (run.Remaining <= TimeSpan.Zero)
            {
                ranOutOfTime = true;
                run.Verdicts.SkipAll(family.Checks, $"not proven: not run, {run.OutOfTime}");
                continue;
            }

            await using var session = await nextPage.TakeAsync();
            if (await session.StartAsync() is { } notStarted)
            {
                run.Verdicts.SkipAll(family.Checks, $"not proven: the widget did not start on a fresh page: {notStarted.Message}");
                continue;
            }

            await GuardedAsync(session, family.Checks, family.RunAsync);
        }
    }

    // A page can break the harness's hold on the widget (it replaced window.bambuserSimulator, or
    // navigated away mid-event): that family proves nothing, says so, and the run goes on.
    private async Task GuardedAsync(TargetSession session, IReadOnlyList<CheckId> checks, Func<TargetSession, RunContext, Task> family)
    {
        try
        {
            await WithinRunBoundAsync(session, checks, () => family(session, run));
        }
        catch (PageUnresponsiveException ex)
        {
            // A stuck page is worse than an unanswered event: the check whose step it was fails.
            var step = session.CurrentStep ?? "the run";
            if (JudgedBy(step, checks) is { } judged)
            {
                run.Verdicts.Fail(judged, $"while {step} was handled {ex.Message}");
            }

            run.Verdicts.SkipAll(checks, $"not proven: during {step} {ex.Message}");
        }
        catch (Exception ex) when (ex is SimulatorException or PlaywrightException)
        {
            // The real widget goes with the page: a handler that reloads it or navigates away ends
            // the call. That fails the check whose step it was; a setup step's navigation leaves
            // this family unproven (the check the step belongs to fails on a page of its own).
            var step = session.CurrentStep ?? "the run";
            if ((ex as PageNavigatedException ?? await session.Widget.LeftDocumentAsync()) is { } left)
            {
                if (JudgedBy(step, checks) is { } judged)
                {
                    run.Verdicts.Fail(judged, $"while {step} was handled {left.Message}: {PageNavigatedException.Consequence}");
                }

                run.Verdicts.SkipAll(checks, $"not proven: {left.Message} during {step}");
                return;
            }

            run.Verdicts.SkipAll(checks, ex is SimulatorException
                ? $"not proven: the harness could not drive the widget on this page: {ex.Message}"
                : $"not proven: the page went away while the harness was driving it ({ex.Message.Split('\n')[0].Trim()})");
        }
    }

    // Past --max-time the check whose step was running fails by name and the rest of the family is
    // not run. The verdicts are recorded first (the first one stands), then the page is closed so
    // the call in flight ends and the run can finish with its reports.
    private async Task WithinRunBoundAsync(TargetSession session, IReadOnlyList<CheckId> checks, Func<Task> work)
    {
        if (run.Remaining <= TimeSpan.Zero)
        {
            // Over before the family began (its page took the rest to start): no step of it ran.
            ranOutOfTime = true;
            run.Verdicts.SkipAll(checks, $"not proven: not run, {run.OutOfTime}");
            return;
        }

        var running = work();
        using var stopBound = new CancellationTokenSource();
        var bound = Task.Delay(run.Remaining > TimeSpan.Zero ? run.Remaining : TimeSpan.Zero, stopBound.Token);
        if (await Task.WhenAny(running, bound) == running)
        {
            await stopBound.CancelAsync();
            await running;
            return;
        }

        ranOutOfTime = true;
        var step = session.CurrentStep ?? $"the {session.Name} page";
        if ((JudgedBy(step, checks) ?? checks.Cast<CheckId?>().FirstOrDefault(c => run.Verdicts.Wanted(c!.Value))) is { } judged)
        {
            run.Verdicts.Fail(judged, $"{run.OutOfTime} while {step} was handled");
        }

        run.Verdicts.SkipAll(checks, $"not proven: not run, {run.OutOfTime}");
        await session.AbandonAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is PlaywrightException or SimulatorException or TimeoutException or OperationCanceledException)
        {
            // The abandoned page's call ends in an error: expected, and already reported above.
        }
    }

    // The check a step judges ("update.quantity 1 → 4" → update.quantity); none for a setup step.
    private static CheckId? JudgedBy(string step, IReadOnlyList<CheckId> checks) =>
        checks.Cast<CheckId?>().FirstOrDefault(c => !step.Contains("(setup", StringComparison.Ordinal) && (step == c!.Value.Wire() || step.StartsWith(c.Value.Wire() + " ", StringComparison.Ordinal)));

    /// <param name="Name">The fresh page's name in reports (its first check id, or "checkout").</param>
    /// <param name="FaultsBackend">It fails or slows cart answers, so its page routes the cart API (<see cref="CartFaults"/>).</param>
    private sealed record CheckFamily(string Name, IReadOnlyList<CheckId> Checks, Func<TargetSession, RunContext, Task> RunAsync, bool MakesCartEvents = true, bool FaultsBackend = false);
}

using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>embed.ready-handler, embed.single-instance and the three *.handler checks, on the first page.</summary>
internal static class EmbedChecks
{
    public static IReadOnlyList<CheckId> Ids { get; } = [EmbedReadyHandler, EmbedSingleInstance, AddHandler, UpdateHandler, CheckoutHandler];

    /// <summary>The events whose handlers the *.handler checks require: a page is given time to register them all.</summary>
    public static IReadOnlyList<string> RequiredHandlers { get; } = [WidgetContract.Events.AddItem, WidgetContract.Events.UpdateItem, WidgetContract.Events.GotoCheckout];

    /// <summary>False when the widget never started: no other check can run (page.no-errors still can).</summary>
    public static async Task<bool> RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        if (await session.StartAsync() is { } notStarted)
        {
            verdicts.Fail(EmbedReadyHandler, notStarted.Message + await LoadErrorsAsync(session));
            verdicts.SkipAll(Enum.GetValues<CheckId>().Where(id => id != PageNoErrors), "the widget never started (see embed.ready-handler)");
            return false;
        }

        var state = await session.StateAsync();
        var threw = state.Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCode.ReadyHandlerThrew);
        var handlers = $"[{string.Join(", ", state.Handlers)}]";
        if (state.Diagnostics.Any(d => d.Code == DiagnosticCode.ReadyHandlerMissing))
        {
            verdicts.Fail(EmbedReadyHandler, "onBambuserOneToOneReady was not defined when embed.js loaded; an instance appeared some other way, which the real widget would not do" + await LoadErrorsAsync(session));
        }
        else if (threw is not null)
        {
            verdicts.Fail(EmbedReadyHandler, $"{threw.Detail}; whatever it would have set up after the error is missing (handlers registered: {handlers})");
        }
        else
        {
            verdicts.Pass(EmbedReadyHandler, $"onBambuserOneToOneReady created an instance with orgId '{state.OrgId}'");
        }

        if (state.Instances == 1)
        {
            verdicts.Pass(EmbedSingleInstance, "exactly one BambuserOneToOneEmbed instance");
        }
        else
        {
            verdicts.Fail(EmbedSingleInstance, $"expected one BambuserOneToOneEmbed instance, found {state.Instances}: the real widget would draw {state.Instances} widgets");
        }

        // The session gave the page the whole bound to register them all (see TargetSession.StartAsync),
        // so one missing now was missing for that long; unless --max-time ended the wait first, and
        // then, as for any step in progress at --max-time, its check fails by name.
        var within = session.HandlerWaitCutShort
            ? $" before {run.OutOfTime}"
            : $" {WidgetDriver.HandlerWaitText(run.Settings.HandlersBound)}";
        HandlerCheck(verdicts, AddHandler, WidgetContract.Events.AddItem, state, within);
        HandlerCheck(verdicts, UpdateHandler, WidgetContract.Events.UpdateItem, state, within);
        HandlerCheck(verdicts, CheckoutHandler, WidgetContract.Events.GotoCheckout, state, within, "; the shopper never sees a Checkout button");
        return true;
    }

    /// <summary>Tries --cart-probe once before any event, on the page as loaded.</summary>
    /// <exception cref="ValidationInputException">It fails or gives the wrong shape: bad input (exit 2), not a verdict.</exception>
    public static async Task CheckProbeAsync(TargetSession session) => await session.NativeCartAsync("before the first event, with an empty cart");

    private static void HandlerCheck(Verdicts verdicts, CheckId id, string eventName, WidgetState state, string within = "", string consequence = "")
    {
        if (state.Handlers.Contains(eventName))
        {
            verdicts.Pass(id, $"'{eventName}' handler registered");
        }
        else
        {
            verdicts.Fail(id, $"expected a '{eventName}' handler{within}, found handlers for [{string.Join(", ", state.Handlers)}]{consequence}");
        }
    }

    // "; the page threw while loading: TypeError: … (at http://…/app.js:3:15)": the cause, when there is one.
    private static async Task<string> LoadErrorsAsync(TargetSession session)
    {
        var errors = (await PageEvidenceReader.ReadAsync(session.Page)).ErrorsOutsideEvents.Select(e => e.Describe()).Distinct().ToList();
        return errors.Count == 0 ? string.Empty : $"; the page threw while loading: {string.Join("; ", errors.Take(3))}";
    }
}

using System.Globalization;
using BambuserCart.Contract;
using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>checkout.navigation and checkout.same-origin: on a fresh page, one item in the cart, the shopper clicks Checkout.</summary>
internal static class CheckoutChecks
{
    public static IReadOnlyList<CheckId> Ids { get; } = [CheckId.CheckoutNavigation, CheckoutSameOrigin];

    private static readonly DiagnosticCode[] PageProblems =
    [
        DiagnosticCode.FloatAboveCrossOrigin,
        DiagnosticCode.FloatAboveFramingRefused,
        DiagnosticCode.FloatAboveTargetError,
    ];

    public static async Task RunAsync(TargetSession session, RunContext run)
    {
        var verdicts = run.Verdicts;
        if (!(await session.StateAsync()).Handlers.Contains(WidgetContract.Events.GotoCheckout))
        {
            verdicts.SkipAll(Ids, "not proven: there is no goto-checkout handler, so no Checkout button (see checkout.handler)");
            return;
        }

        var setup = await session.AddAsync(run.Sku, "checkout (setup: add)");
        if (setup.Outcome != WidgetContract.Outcomes.Success)
        {
            verdicts.SkipAll(Ids, $"not proven: no item could be put in the widget cart ({setup.Describe()} got {setup.AnswerText}; see add.success), so there is no Checkout button");
            return;
        }

        var (checkout, observed, tabStatus) = await session.CheckoutAsync("checkout");
        var url = checkout.Url;
        if (observed.Entry.Late is { } late)
        {
            // It navigated in the end, but only after the shopper had waited with nothing happening.
            verdicts.Fail(CheckId.CheckoutNavigation, $"goto-checkout went {observed.AnswerText} only {late} ms after the Checkout click, with no request of its own running meanwhile: until then the shopper saw nothing happen", [observed]);
            verdicts.Skip(CheckoutSameOrigin, "not proven: the checkout navigation came late (see checkout.navigation)", [observed]);
            return;
        }

        switch (checkout.Navigation)
        {
            case Contract.CheckoutNavigation.Miniplayer:
                verdicts.Pass(CheckId.CheckoutNavigation, url is null ? "goto-checkout floated the call as a miniplayer above this page (floatAbove() without a URL)" : $"goto-checkout floated the call above {url}", [observed]);
                await JudgeMiniplayerPageAsync(session, run, url, observed);
                break;
            case Contract.CheckoutNavigation.NewTab when tabStatus is >= 200 and < 300:
                verdicts.Pass(CheckId.CheckoutNavigation, $"goto-checkout opened {url} in a new tab (HTTP {tabStatus}); the call stays in this one", [observed]);
                verdicts.Pass(CheckoutSameOrigin, "checkout opens a new tab: there is no page beneath a miniplayer to frame", [observed]);
                break;
            case Contract.CheckoutNavigation.NewTab when tabStatus is null && OutOfReach(url, run) is { } host:
                verdicts.Skip(CheckId.CheckoutNavigation, $"not proven: goto-checkout opened {url} in a new tab, on {host}, which this run may not reach; pass --allow-host {host} to let it load", [observed]);
                verdicts.Pass(CheckoutSameOrigin, "checkout opens a new tab: there is no page beneath a miniplayer to frame", [observed]);
                break;
            case Contract.CheckoutNavigation.NewTab:
                verdicts.Fail(CheckId.CheckoutNavigation, $"goto-checkout opened {url} in a new tab, but it answered {(tabStatus is { } status ? $"HTTP {status}" : "no HTTP status (it did not load)")}: the shopper lands on an error page", [observed]);
                verdicts.Pass(CheckoutSameOrigin, "checkout opens a new tab: there is no page beneath a miniplayer to frame", [observed]);
                break;
            case Contract.CheckoutNavigation.SameTab:
                verdicts.Fail(CheckId.CheckoutNavigation, $"goto-checkout navigated the current tab to {url}: the call would end; use oneToOneEmbed.floatAbove(url) or window.open(url, '_blank')", [observed]);
                verdicts.Skip(CheckoutSameOrigin, "not proven: checkout navigated the current tab (see checkout.navigation)", [observed]);
                break;
            default:
                var threw = observed.Evidence.Marks.FirstOrDefault(m => m.Kind == "threw");
                var routed = (await session.StateAsync()).Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCode.SameDocumentNavigation);
                var why = threw is not null ? $"; the handler threw {threw.Detail}" : routed is not null ? $"; {routed.Detail}" : string.Empty;
                verdicts.Fail(CheckId.CheckoutNavigation, $"goto-checkout: expected floatAbove(url) or a new tab (window.open(url, '_blank'), or a link or form targeting _blank), but the handler did neither within {WidgetContract.DefaultCheckoutSettleMs} ms once its own requests were done{why}", [observed]);
                verdicts.Skip(CheckoutSameOrigin, "not proven: no floatAbove happened (see checkout.navigation)", [observed]);
                break;
        }
    }

    // The host of a URL the offline guard refuses (not this machine, not allowed), or null.
    private static string? OutOfReach(string? url, RunContext run)
    {
        var allowed = new HashSet<string>(run.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && !Browsers.OfflineContext.MayReach(uri.Host, allowed) ? uri.Host : null;
    }

    private static async Task JudgeMiniplayerPageAsync(TargetSession session, RunContext run, string? url, ObservedEvent observed)
    {
        if (url is null)
        {
            // floatAbove() without a URL keeps the shopper on this page: nothing is framed.
            run.Verdicts.Pass(CheckoutSameOrigin, "floatAbove() without a URL: the miniplayer floats above this page itself, so there is no other page to frame", [observed]);
            return;
        }

        var state = await session.StateAsync();
        var problems = state.Diagnostics.Where(d => PageProblems.Contains(d.Code)).Select(d => d.Detail ?? d.Code.Wire()).ToList();
        if (problems.Count > 0)
        {
            run.Verdicts.Fail(CheckoutSameOrigin, string.Join("; ", problems), [observed]);
        }
        else if (state.FloatAboveFraming == FramingVerdict.Shown)
        {
            run.Verdicts.Pass(CheckoutSameOrigin, $"{url} is on the page's origin, answered 2xx and the browser showed it in the miniplayer's frame", [observed]);
        }
        else
        {
            // Its headers refuse nothing the fake can read, but only the browser's own frame proves
            // an allowlist of ancestors includes this origin. The fake waits for it as long as for
            // the merchant's requests.
            var waitedMs = Math.Max(run.Settings.CallbackTimeoutMs, run.RequestWaitLimit.TotalMilliseconds);
            var waited = (waitedMs / 1000).ToString("0.#", CultureInfo.InvariantCulture);
            run.Verdicts.Skip(CheckoutSameOrigin, $"not proven: {url} is on the page's origin and answered 2xx, but the miniplayer's frame did not finish loading it within {waited} s, so the browser gave no framing verdict", [observed]);
        }
    }
}

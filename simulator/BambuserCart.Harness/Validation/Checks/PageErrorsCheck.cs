using BambuserCart.Harness.Validation.Run;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// page.no-errors (advisory): uncaught errors and unhandled rejections outside cart events —
/// while a page loaded or between events — and errors too opaque to attribute (a cross-origin
/// script's "Script error."). Errors inside an event's window are handler.no-throw's.
/// </summary>
internal static class PageErrorsCheck
{
    private const int MaxListed = 5;

    public static void Judge(RunContext run)
    {
        // Every fresh page loads the same scripts: the same error from each is one error.
        var errors = run.Log.PageErrors
            .GroupBy(e => (e.Error.Message, e.Error.Source))
            .Select(g => (Text: g.Key.Source is null ? g.Key.Message : $"{g.Key.Message} (at {g.Key.Source})", Pages: g.Select(e => e.Session).Distinct().ToList()))
            .ToList();
        if (errors.Count == 0)
        {
            run.Verdicts.Pass(PageNoErrors, "no uncaught error or unhandled rejection outside cart events");
            return;
        }

        var listed = errors.Take(MaxListed).Select(e => $"{e.Text} [{(e.Pages.Count == 1 ? e.Pages[0] : $"{e.Pages.Count} pages")}]");
        var more = errors.Count > MaxListed ? $" | … and {errors.Count - MaxListed} more" : string.Empty;
        run.Verdicts.Fail(PageNoErrors, $"the page threw outside cart events: {string.Join(" | ", listed)}{more}");
    }
}

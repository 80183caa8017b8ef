using Microsoft.Playwright;

namespace BambuserCart.Harness.Validation.Run;

/// <summary>
/// The next check family's fresh page, opened while the current family plays. Loading a page is
/// mostly the browser's work and playing an event mostly waits on the page (and on a slow backend),
/// so on a machine with a core to spare the two overlap. Each family still gets a context of its own
/// that nothing else has touched: opening it ahead changes when it loads, not what it holds.
/// </summary>
internal sealed class NextPage : IAsyncDisposable
{
    private readonly RunContext run;
    private readonly Queue<PlannedPage> pages;
    private Task<TargetSession>? opening;

    /// <param name="pages">The pages to open, in the order they will be taken.</param>
    public NextPage(RunContext run, IEnumerable<PlannedPage> pages)
    {
        this.run = run;
        this.pages = new Queue<PlannedPage>(pages);
    }

    /// <summary>Starts loading the next page, unless one is already loading or none is left.</summary>
    public void StartOpening()
    {
        if (opening is null && pages.TryDequeue(out var page))
        {
            opening = TargetSession.OpenAsync(run, page.Name, page.FaultsBackend);
        }
    }

    /// <summary>The next page once it has loaded (the one after it starts loading at once).</summary>
    /// <exception cref="ValidationInputException">The target could not be loaded.</exception>
    public async Task<TargetSession> TakeAsync()
    {
        StartOpening();
        var loading = opening ?? throw new InvalidOperationException("No page is left to take: every family's page was taken.");
        opening = null;
        var session = await loading;
        StartOpening();
        session.BeginTurn();
        return session;
    }

    /// <summary>Closes a page opened for a family that was never played (out of time, or the widget never started).</summary>
    public async ValueTask DisposeAsync()
    {
        if (opening is not { } loading)
        {
            return;
        }

        opening = null;
        try
        {
            await (await loading).DiscardAsync();
        }
        catch (Exception ex) when (ex is ValidationInputException or PlaywrightException or TimeoutException)
        {
            // A page nobody will play could not load: the run's verdicts do not rest on it.
        }
    }
}

/// <summary>A family's page before it opens: its name in reports, and whether the family faults the cart backend.</summary>
internal sealed record PlannedPage(string Name, bool FaultsBackend);

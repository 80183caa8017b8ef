using Microsoft.Playwright;

namespace BambuserCart.Harness.Driver;

/// <summary>
/// Tells a page that is waiting (on a slow backend, on the widget's timeout) from a page that has
/// stopped running scripts (a handler in an endless loop). While a call into the page is pending,
/// the page is asked a trivial question now and then: a page that is only waiting answers at once,
/// however long its call still has to go; a page that leaves it unanswered for
/// <see cref="UnresponsiveAfter"/> is stuck. So a stuck page is reported in seconds, not at the end
/// of a bound sized for the slowest backend (the real widget's 30 s).
/// </summary>
internal static class PageLiveness
{
    /// <summary>How long a page may leave a trivial question unanswered: far past any machine's stall.</summary>
    public static readonly TimeSpan UnresponsiveAfter = TimeSpan.FromSeconds(10);

    // How long a call runs before the page is first asked: most calls are over long before.
    private static readonly TimeSpan FirstAsk = TimeSpan.FromSeconds(1);

    /// <summary>The call's result, once it settles within <paramref name="bound"/> and the page stays responsive.</summary>
    /// <exception cref="PageUnresponsiveException">The page left a question unanswered, or the call outlasted the bound.</exception>
    public static async Task<T> WatchAsync<T>(IPage page, Func<Task<T>> start, TimeSpan bound)
    {
        var call = start();
        // The timers end with the call: thousands of quick calls leave no timers behind.
        using var done = new CancellationTokenSource();
        var deadline = Task.Delay(bound, done.Token);
        try
        {
            while (true)
            {
                if (await Task.WhenAny(call, deadline, Task.Delay(FirstAsk, done.Token)) == call)
                {
                    return await call;
                }

                if (deadline.IsCompleted)
                {
                    Observe(call);
                    throw Unresponsive(bound);
                }

                var ping = page.EvaluateAsync<bool>("() => true");
                var answered = await Task.WhenAny(ping, call, Task.Delay(UnresponsiveAfter, done.Token));
                Observe(ping);
                if (answered == call)
                {
                    return await call;
                }

                if (answered != ping)
                {
                    Observe(call);
                    throw Unresponsive(UnresponsiveAfter);
                }

                // Answered, or failed because the page is going away: either way it is not stuck,
                // and the call itself will settle or fail with the reason.
            }
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private static PageUnresponsiveException Unresponsive(TimeSpan after) =>
        new($"the page stopped responding: nothing came back within {after.TotalSeconds:0} s (is a handler stuck in an endless loop?)");

    // A call or question left behind still ends (in an error once the page closes): that error is expected.
    private static void Observe(Task task) => _ = task.ContinueWith(static t => t.Exception, TaskScheduler.Default);
}

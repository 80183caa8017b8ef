using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using Microsoft.Playwright;
using NUnit.Framework;

namespace BambuserCart.NUnit;

/// <summary>
/// Assertions on the fake widget's state that retry until they hold, as Playwright's own
/// <c>Expect</c> does: the page answers events asynchronously, so a state read once can be a
/// moment early. A failure says what was expected, what the widget showed last, and the trace
/// of every event with what came back.
/// </summary>
public sealed class WidgetAssertions
{
    public const int DefaultTimeoutMs = 5_000;

    // Playwright's own expect polls at these intervals, then keeps to the last.
    private static readonly int[] PollIntervalsMs = [100, 250, 500, 1000];

    private readonly WidgetDriver widget;
    private readonly int timeoutMs;

    internal WidgetAssertions(WidgetDriver widget, int timeoutMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMs);
        this.widget = widget;
        this.timeoutMs = timeoutMs;
    }

    /// <summary>The widget's cart holds exactly these lines (in any order).</summary>
    public Task ToHaveCartAsync(params (string Sku, int Quantity)[] lines)
    {
        var expected = lines.Order().ToList();
        return ToSatisfyAsync(
            $"widget cart [{Describe(expected)}]",
            state => state.WidgetCart.Select(l => (l.Sku, l.Quantity)).Order().SequenceEqual(expected),
            state => $"widget cart [{Describe(state.WidgetCart.Select(l => (l.Sku, l.Quantity)))}]");
    }

    /// <summary>The Checkout button is shown (<paramref name="shown"/>) or hidden.</summary>
    public Task ToShowCheckoutButtonAsync(bool shown = true) =>
        ToSatisfyAsync(
            $"the Checkout button {(shown ? "shown" : "hidden")}",
            state => state.CheckoutButtonVisible == shown,
            state => $"the Checkout button {(state.CheckoutButtonVisible ? "shown" : "hidden")}");

    /// <summary>The widget shows a message of this kind, or none for null.</summary>
    public Task ToShowMessageAsync(MessageKind? kind) =>
        ToSatisfyAsync(
            kind is { } expected ? $"a '{expected.Wire()}' message" : "no message",
            state => state.Message?.Kind == kind,
            state => state.Message is { } message ? $"a '{message.Kind.Wire()}' message: {message.Text}" : "no message");

    /// <summary>The event trace, for failure output: what the widget emitted and what came back.</summary>
    public static async Task<string> TraceTextAsync(WidgetDriver widget)
    {
        try
        {
            return "event trace:\n" + TraceFormatter.Text(await widget.TraceAsync());
        }
        catch (Exception ex) when (ex is SimulatorException or PlaywrightException)
        {
            // No widget on the page (it never loaded, or the page went away): say so instead.
            return $"event trace: none ({ex.Message.Split('\n')[0]})";
        }
    }

    private async Task ToSatisfyAsync(string expected, Func<WidgetState, bool> holds, Func<WidgetState, string> actual)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        WidgetState? last = null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                last = await widget.StateAsync();
                if (holds(last))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SimulatorException or PlaywrightException)
            {
                // The widget is not on the page (yet), or the page is navigating: that is what retrying is for.
                last = null;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var wait = TimeSpan.FromMilliseconds(PollIntervalsMs[Math.Min(attempt, PollIntervalsMs.Length - 1)]);
            await Task.Delay(wait < left ? wait : left);
        }

        var shown = last is null ? "no widget on the page" : actual(last);
        throw new AssertionException($"Expected {expected} within {timeoutMs} ms, but the widget showed {shown}.\n{await TraceTextAsync(widget)}");
    }

    private static string Describe(IEnumerable<(string Sku, int Quantity)> lines) =>
        string.Join(", ", lines.Select(l => $"{l.Sku} × {l.Quantity}"));
}

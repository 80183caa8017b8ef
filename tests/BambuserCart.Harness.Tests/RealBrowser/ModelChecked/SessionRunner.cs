using BambuserCart.Contract;
using BambuserCart.Harness.Driver;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Validation;
using Microsoft.Playwright;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// Plays one generated session against the fake on a fresh page and shop session, and compares
/// the page with the model after every step: the step's event, quantity and outcome (or that the
/// agent was refused), the widget cart, the widget's message, its diagnostics and the native cart.
/// </summary>
internal sealed class SessionRunner(IPage page, SimulatorServer shop)
{
    private readonly WidgetDriver widget = new(page);

    // Only a step planned to time out gets a short timeout, so a real answer never races it.
    private const int ShortTimeoutMs = 40;
    private const int LongTimeoutMs = 10_000;

    /// <summary>Steps played in all sessions so far.</summary>
    public int StepsPlayed { get; private set; }

    /// <returns>Null when the page matched the model after every step; otherwise the first step where it did not.</returns>
    public async Task<Divergence?> RunAsync(IReadOnlyList<SessionStep> session, CartModel model)
    {
        // A new shop session: the cookie is set by the first GET, here the empty native cart's.
        await page.Context.ClearCookiesAsync();
        await NativeCartAsync();
        await BrowserTest.OpenIntegrationAsync(page, ControlledIntegration.Script);
        var emitted = 0;
        int? configured = null;
        for (var index = 0; index < session.Count; index++)
        {
            var step = session[index];
            var expected = model.Apply(step);
            var timeout = step.Answer is PlannedAnswer.Silent or PlannedAnswer.Late ? ShortTimeoutMs : LongTimeoutMs;
            if (configured != timeout)
            {
                await widget.ConfigureAsync(callbackTimeoutMs: timeout);
                configured = timeout;
            }

            if (!expected.IsRefused)
            {
                await page.EvaluateAsync("a => window.plannedAnswers.push(a)", ControlledIntegration.Plan(step.Answer));
            }

            var (outcome, refusal) = await PlayAsync(step);
            StepsPlayed++;
            if (outcome is not null)
            {
                emitted++;
            }

            if (emitted > 0)
            {
                // Everything the handler will do (a late answer, a mirror request) is done.
                await page.WaitForFunctionAsync("n => window.handledEvents >= n", emitted, new() { Timeout = LongTimeoutMs * 2 });
            }

            if (await CompareAsync(expected, outcome, refusal, model) is { } difference)
            {
                return new Divergence(index + 1, step, difference);
            }
        }

        return null;
    }

    private async Task<(CartOutcome? Outcome, string? Refusal)> PlayAsync(SessionStep step)
    {
        try
        {
            return (step.Action switch
            {
                AgentAction.Add => await widget.AddToCartAsync(step.Sku),
                AgentAction.SetQuantity => await widget.SetQuantityAsync(step.Sku, step.Quantity),
                _ => await widget.RemoveFromCartAsync(step.Sku),
            }, null);
        }
        catch (SimulatorException ex) when (ex is not PageUnresponsiveException)
        {
            // The fake refuses what an agent cannot do (change a line that is not there…).
            return (null, ex.Message);
        }
    }

    private async Task<string?> CompareAsync(Expected expected, CartOutcome? outcome, string? refusal, CartModel model)
    {
        if (expected.IsRefused != (outcome is null))
        {
            return expected.IsRefused
                ? $"expected the agent to be refused, but {outcome!.Event} was emitted ({outcome.Outcome})"
                : $"expected {expected.Event} ({expected.Outcome}), but the agent was refused: {refusal}";
        }

        if (outcome is not null && (outcome.Event, outcome.Payload.Quantity, outcome.Outcome.Wire()) != (expected.Event, expected.Quantity, expected.Outcome))
        {
            return $"expected {expected.Event} quantity {expected.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → {expected.Outcome}, " +
                   $"got {outcome.Event} quantity {outcome.Payload.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} → {outcome.Outcome}";
        }

        var state = await widget.StateAsync();
        var widgetCart = state.WidgetCart.Select(l => (l.Sku, l.Quantity)).ToList();
        var native = await NativeCartAsync();
        var diagnostics = state.Diagnostics.Select(d => d.Code.Wire()).ToList();
        return Differs("widget cart", model.WidgetCart, widgetCart)
            ?? Differs("native cart", model.NativeCart, native)
            ?? Differs("message", [model.MessageKind ?? "none"], [state.Message?.Kind.Wire() ?? "none"])
            ?? Differs("diagnostics", [.. model.Diagnostics.Select(d => d.Wire())], diagnostics);
    }

    private async Task<IReadOnlyList<(string Sku, int Quantity)>> NativeCartAsync() =>
        [.. (await NativeCartProbe.ReadSampleShopAsync(page.Context, shop)).Select(l => (l.Sku, l.Quantity))];

    private static string? Differs<T>(string what, IReadOnlyList<T> expected, IReadOnlyList<T> actual) =>
        expected.SequenceEqual(actual)
            ? null
            : $"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]";
}

/// <summary>Where a session first left the model: the step (1-based), and what differed.</summary>
internal sealed record Divergence(int Step, SessionStep Taken, string Difference)
{
    /// <summary>What diverged (widget cart, native cart, message, diagnostics, the event): a shrunk session must keep it.</summary>
    public string Kind => Difference.Split(':')[0];

    public override string ToString() => $"step {Step} ({Taken}): {Difference}";
}

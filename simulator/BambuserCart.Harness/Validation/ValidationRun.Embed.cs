using BambuserCart.Harness.Driver;
using BambuserCart.Simulator.Contract;

namespace BambuserCart.Harness.Validation;

internal sealed partial class ValidationRun
{
    /// <summary>Embed and handler checks. False when the widget never started: nothing else can run.</summary>
    private async Task<bool> EmbedChecksAsync()
    {
        try
        {
            await widget.ReadyAsync(timeoutMs: 10_000);
        }
        catch (SimulatorException ex)
        {
            Fail(CheckCatalog.ReadyHandler, ex.Message);
            foreach (var check in CheckCatalog.All.Skip(1))
            {
                Skip(check.Id, "the widget never started (see embed.ready-handler)");
            }

            return false;
        }

        var state = await widget.StateAsync();
        var evidence = Evidence(("orgId", state.OrgId), ("instances", state.Instances), ("handlers", state.Handlers));
        if (state.Diagnostics.Any(d => d.Code == WidgetContract.Diagnostics.ReadyHandlerMissing))
        {
            Fail(CheckCatalog.ReadyHandler, "onBambuserOneToOneReady was not defined when embed.js loaded; an instance appeared some other way, which the real widget would not do", evidence);
        }
        else
        {
            Pass(CheckCatalog.ReadyHandler, $"onBambuserOneToOneReady created an instance with orgId '{state.OrgId}'", evidence);
        }

        if (state.Instances == 1)
        {
            Pass(CheckCatalog.SingleInstance, "exactly one BambuserOneToOneEmbed instance", evidence);
        }
        else
        {
            Fail(CheckCatalog.SingleInstance, $"expected one BambuserOneToOneEmbed instance, found {state.Instances}: the real widget would draw {state.Instances} widgets", evidence);
        }

        HandlerCheck(CheckCatalog.AddHandler, WidgetContract.Events.AddItem, state);
        HandlerCheck(CheckCatalog.UpdateHandler, WidgetContract.Events.UpdateItem, state);
        HandlerCheck(CheckCatalog.CheckoutHandler, WidgetContract.Events.GotoCheckout, state, "; the shopper never sees a Checkout button");
        return true;
    }

    private void HandlerCheck(string id, string eventName, WidgetState state, string consequence = "")
    {
        var evidence = Evidence(("handlers", state.Handlers));
        if (state.Handlers.Contains(eventName))
        {
            Pass(id, $"'{eventName}' handler registered", evidence);
        }
        else
        {
            Fail(id, $"expected a '{eventName}' handler, found handlers for [{string.Join(", ", state.Handlers)}]{consequence}", evidence);
        }
    }
}

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// A merchant page whose cart handlers answer as the test plans, one planned answer per emitted
/// event (window.plannedAnswers), mirroring into the sample shop's native cart where the plan
/// says so. window.handledEvents counts the events whose handler has finished everything it
/// will do (a late answer included), so the test waits on that, never on time.
/// </summary>
internal static class ControlledIntegration
{
    public static string Plan(PlannedAnswer answer) => answer.ToString();

    public const string Script = """
        window.plannedAnswers = [];
        window.handledEvents = 0;
        window.onBambuserOneToOneReady = (BambuserOneToOneEmbed) => {
          const embed = new BambuserOneToOneEmbed({ orgId: 'sample-org' });

          // The sample shop: /cart/add adds one, /cart/update sets the quantity (0 removes).
          const mirror = async (isAdd, item) => {
            const response = await fetch(isAdd ? '/cart/add' : '/cart/update', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(isAdd ? { sku: item.sku, quantity: 1 } : { sku: item.sku, quantity: item.quantity }),
            });
            if (response.ok) return true;
            return response.status === 409 ? { success: false, reason: 'out-of-stock' } : false;
          };

          // Resolves once the widget has settled the event this handler is answering (by timeout).
          const settled = (seq) => new Promise((resolve) => {
            const poll = () => (window.bambuserSimulator.trace()[seq - 1].outcome !== null ? resolve() : setTimeout(poll, 5));
            poll();
          });

          const handle = (isAdd) => (item, callback) => {
            const plan = window.plannedAnswers.shift();
            const seq = window.bambuserSimulator.trace().length;
            const done = () => { window.handledEvents += 1; };
            switch (plan) {
              case 'Mirror': mirror(isAdd, item).then(callback).finally(done); return;
              case 'OutOfStock': callback({ success: false, reason: 'out-of-stock' }); done(); return;
              case 'Invalid': callback('yes'); done(); return;
              case 'Silent': done(); return;
              case 'Throw': done(); throw new Error('planned failure');
              case 'Twice': mirror(isAdd, item).then((value) => { callback(value); callback(value); }).finally(done); return;
              case 'Late': mirror(isAdd, item).then(async (value) => { await settled(seq); callback(value); }).finally(done); return;
              // Refuse, and an event the test did not plan for: false.
              default: callback(false); done();
            }
          };

          embed.on('should-add-item-to-cart', handle(true));
          embed.on('should-update-item-in-cart', handle(false));
        };
        """;
}

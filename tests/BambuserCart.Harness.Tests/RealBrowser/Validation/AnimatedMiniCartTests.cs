using BambuserCart.Contract;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// A shop whose mini cart (what the shopper sees, and what a cart probe should read) is redrawn
/// only once a "fly to cart" animation lands, or once the page is idle. The native cart is read
/// when that work is over, so such a page is judged on what it shows, never on whether the read
/// happened to come before the redraw; and a redraw that is wrong still fails.
/// </summary>
public sealed class AnimatedMiniCartTests
{
    private static readonly HashSet<CheckId> NativeCartChecks = [CheckId.AddNativeCart, CheckId.UpdateQuantity, CheckId.UpdateRemove];

    // What the shopper sees: one <li> per line of the mini cart.
    private const string MiniCartProbe = "[...document.querySelectorAll('#mini-cart li')].map(li => ({ sku: li.dataset.sku, quantity: Number(li.dataset.quantity) }))";

    private const string FlyWithElementAnimate = """
        const flyer = document.createElement('div');
        document.body.append(flyer);
        flyer.animate([{ transform: 'none' }, { transform: 'translate(300px, -200px)' }], { duration: 400 }).finished.then(() => { flyer.remove(); landed(); });
        """;

    private const string FlyWithCssTransition = """
        const flyer = document.createElement('div');
        flyer.style.transition = 'transform 400ms ease-out';
        document.body.append(flyer);
        flyer.addEventListener('transitionend', () => { flyer.remove(); landed(); }, { once: true });
        flyer.getBoundingClientRect();
        flyer.style.transform = 'translate(300px, -200px)';
        """;

    private const string WhenIdleThreeTimesOver = "requestIdleCallback(() => requestIdleCallback(() => requestIdleCallback(landed)));";

    [TestCase(FlyWithElementAnimate, TestName = "Mini_cart_redrawn_when_an_element_animate_fly_to_cart_lands_passes_the_native_cart_checks")]
    [TestCase(FlyWithCssTransition, TestName = "Mini_cart_redrawn_on_a_css_transitionend_passes_the_native_cart_checks")]
    [TestCase(WhenIdleThreeTimesOver, TestName = "Mini_cart_redrawn_from_idle_callbacks_passes_the_native_cart_checks")]
    public async Task Mini_cart_redrawn_after_the_answer_is_read_once_redrawn(string thenRedraw)
    {
        var report = await RunAsync(MiniCartShop(thenRedraw, "cart.items"));

        Assert.That(
            report.Checks.Select(c => (c.Id, c.Status)),
            Is.EquivalentTo(NativeCartChecks.Select(id => (id, CheckStatus.Passed))),
            () => Details(report));
    }

    [Test]
    public async Task Mini_cart_that_lands_showing_each_line_twice_still_fails_add_native_cart()
    {
        var report = await RunAsync(MiniCartShop(FlyWithElementAnimate, "cart.items.map((l) => ({ ...l, quantity: l.quantity * 2 }))"));

        var check = report.Checks.Single(c => c.Id == CheckId.AddNativeCart);
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Failed), () => Details(report));
        Assert.That(check.Message, Does.Contain("× 2"), () => Details(report));
    }

    private static Task<ValidationReport> RunAsync(string script) =>
        ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, CartProbe = MiniCartProbe, OnlyChecks = NativeCartChecks });

    private static string Details(ValidationReport report) => string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"));

    // Answers each change once the sample backend has made it, then redraws the mini cart with
    // `lines` (an expression of `cart`) when `thenRedraw` calls landed().
    private static string MiniCartShop(string thenRedraw, string lines) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'sample-org' });
          const miniCart = document.createElement('ul');
          miniCart.id = 'mini-cart';
          document.body.append(miniCart);
          const redraw = (cart) => {
            const landed = () => { miniCart.innerHTML = ({{lines}}).map((l) => `<li data-sku="${l.sku}" data-quantity="${l.quantity}"></li>`).join(''); };
            {{thenRedraw}}
          };
          const change = (path, body, callback) =>
            fetch(path, { method: 'POST', body: JSON.stringify(body) })
              .then((r) => r.ok ? r.json().then((cart) => { callback(true); redraw(cart); }) : callback(false), () => callback(false));
          embed.on('should-add-item-to-cart', (item, callback) => change('/cart/add', { sku: item.sku, quantity: 1 }, callback));
          embed.on('should-update-item-in-cart', (item, callback) => item.quantity > 0
            ? change('/cart/update', { sku: item.sku, quantity: item.quantity }, callback)
            : change('/cart/remove', { sku: item.sku }, callback));
        };
        """;
}

using BambuserCart.Contract;
using static BambuserCart.Contract.CheckId;

namespace BambuserCart.Harness.Validation;

/// <summary>One conformance check: a fixed id (docs/validation-checks.md), whether it gates the exit code, what it proves, how to fix it.</summary>
public sealed record CheckDefinition(CheckId Id, bool Required, string Proves, string Fix)
{
    /// <summary>The id as reports and <c>--check</c> write it: <c>add.success</c>.</summary>
    public string Name => Id.Wire();

    /// <summary>The id's first segment, e.g. <c>add</c> for <c>add.success</c>: JUnit's classname.</summary>
    public string Group => Id.Group();
}

/// <summary>
/// What every check of <see cref="CheckId"/> proves and how to fix it, in the order checks run.
/// docs/validation-checks.md is this table in prose; a test keeps the two in step.
/// </summary>
public static class CheckCatalog
{
    public static readonly IReadOnlyList<CheckDefinition> All =
    [
        new(EmbedReadyHandler, true,
            "window.onBambuserOneToOneReady existed when embed.js loaded, created an instance with an orgId, and did not throw.",
            "Define onBambuserOneToOneReady before the embed.js script tag (a cached script runs at once), call new BambuserOneToOneEmbed({ orgId }) in it, and fix any error the page throws before or inside it."),
        new(EmbedSingleInstance, true,
            "Exactly one BambuserOneToOneEmbed instance exists on the page.",
            "Keep one onBambuserOneToOneReady handler and one instance; configure every event on it."),
        new(AddHandler, true,
            "A should-add-item-to-cart handler is registered.",
            "oneToOneEmbed.on('should-add-item-to-cart', (addedItem, callback) => …) inside onBambuserOneToOneReady."),
        new(UpdateHandler, true,
            "A should-update-item-in-cart handler is registered.",
            "oneToOneEmbed.on('should-update-item-in-cart', (updatedItem, callback) => …); it also receives re-adds and removals (quantity 0)."),
        new(CheckoutHandler, true,
            "A goto-checkout handler is registered (without one the shopper never sees a Checkout button).",
            "oneToOneEmbed.on('goto-checkout', () => oneToOneEmbed.floatAbove(checkoutUrl)) or window.open(checkoutUrl, '_blank')."),
        new(AddSuccess, true,
            "Adding an in-stock SKU that is not in the cart is answered callback(true).",
            "Call callback(true) once your native cart has accepted the product."),
        new(AddNativeCart, true,
            "After a successful add, once the event's requests are done, the native cart holds one more of the SKU, as the widget does, and every line it held before as it was (needs a cart probe).",
            "Add one of the product to the native cart before calling callback(true), and only that; check the SKU mapping."),
        new(UpdateQuantity, true,
            "Two quantity changes that tell setting from adding (1 → 4, then 4 → 2) are answered callback(true) and the native quantity follows each, other lines untouched (needs a cart probe).",
            "Set the native line to updatedItem.quantity (an absolute quantity: not +1, not the change)."),
        new(UpdateRemove, true,
            "With the line proven to be in the native cart, quantity 0 is answered callback(true) and the line is then gone, while a line of a second SKU added before it stays (needs a cart probe).",
            "When updatedItem.quantity === 0 remove that line (and only it) from the native cart, then callback(true)."),
        new(AddOutOfStock, true,
            "Adding an out-of-stock SKU is answered { success: false, reason: 'out-of-stock' } and leaves the native cart as it was.",
            "Map your backend's out-of-stock error to callback({ success: false, reason: 'out-of-stock' }), and take back anything you showed before the answer."),
        new(AddUnknownSku, true,
            "Adding a SKU the shop does not sell (the unknown SKU) is answered, not with callback(true), and leaves the native cart as it was.",
            "Let your backend's unknown-product error reach callback(false); never answer true for a product the native cart did not take."),
        new(AddBackendFailure, true,
            "With the cart backend failing (HTTP 500, then a network error) the add handler answers, not with true, and leaves the native cart as it was; with a slow backend it still ends in callback(true) and the native cart holds one more of the product.",
            "Catch every failure of your cart call (rejected fetch and non-2xx responses), take back anything you showed before the answer, and call callback(false); wait for the answer however long it takes."),
        new(UpdateBackendFailure, true,
            "For a quantity change and then a removal: with the cart backend failing (HTTP 500, then a network error) the update handler answers, not with true, and leaves the native cart as it was; with a slow backend it still ends in callback(true) and the native cart follows.",
            "On every path, removals too, check response.ok as well as catching network errors, put back what you showed before the answer, and call callback(false); wait for the answer however long it takes."),
        new(CheckId.CheckoutNavigation, true,
            "goto-checkout floats the call above the checkout (floatAbove) or opens it in a new tab that answers 2xx; navigating the current tab would end the call.",
            "Use oneToOneEmbed.floatAbove(url) or window.open(url, '_blank'), never location.href = url, with the URL of a page that exists."),
        new(CheckoutSameOrigin, true,
            "A floatAbove URL is on the page's origin, answers 2xx, and the browser shows it in the miniplayer's frame (its X-Frame-Options and CSP frame-ancestors, in whatever form, allow the page's origin, and it stays on that origin). A frame that does not finish loading within the 30 s the run waits on the merchant's requests leaves it not proven. A new-tab checkout has no such page and passes.",
            "Float above an existing same-origin URL; send X-Frame-Options: SAMEORIGIN or frame-ancestors 'self' on it."),
        new(ProductHydration, true,
            "With a provide-product-data handler: a known SKU hydrates to a product holding that SKU (not a hard-coded one), a product page URL of the target's origin hydrates, an unknown SKU is answered with an error message for the agent, and every mandatory field is there. Without a handler: advisory, skipped.",
            "In provide-product-data, look each ref up (a SKU, or a product URL) and answer updateProduct(id, factory => …) with that product and every mandatory field; for a product you do not sell, throw an Error whose message the agent reads."),
        new(CallbackOnce, true,
            "No handler called its callback more than once, counting the calls a timer or interval it set made after its event was over.",
            "Call callback exactly once per event: return after answering, and do not answer in both then() and finally(); clear a guard timer once you have answered."),
        new(CallbackValidValue, true,
            "Every callback value was true, false or { success: false, reason: 'out-of-stock' }.",
            "Answer only with the three documented values; anything else shows the shopper a generic error."),
        new(CallbackTimely, true,
            "Every cart event was answered within the callback timeout.",
            "Call callback on every path, including errors (a throw inside .catch leaves it uncalled); keep the native cart call fast."),
        new(CallbackConfirmed, true,
            "Every callback(true) with a working backend came after a cart request of that event (one matching the cart API pattern) had answered 2xx, with no cart change still in flight.",
            "Call callback(true) inside the .then of your cart request, after checking response.ok: not before sending it, not beside it, not without it."),
        new(HandlerNoThrow, true,
            "No handler threw or returned a rejected promise, and no uncaught error or unhandled rejection happened while an event was handled (other than in the page's own background work: see page.no-errors), nor in a timer or interval a handler set, whenever it ran.",
            "Catch errors on every path of the handler, including inside .then and .catch callbacks, and answer callback(false)."),
        new(HandlerStaysOnPage, true,
            "No work a handler left for later (a timer of more than a second, an interval) reloaded the page or navigated away after its event was over, whenever it ran: the widget goes with the page, so the call would end. (A handler that leaves the page while its event is handled fails that event's own check; a checkout's navigation is checkout.navigation's.)",
            "Change the cart in place and refresh what shows it from the answer; do not reload or redirect from a timer ('Added! Taking you to your cart…') while a call is on."),
        new(PageNoErrors, false,
            "The page threw no uncaught error or unhandled rejection outside cart events (while loading, between events) or in its own background work (a timer, interval or animation frame loop it set up while no event was handled).",
            "Fix the errors listed: an error thrown before onBambuserOneToOneReady is defined stops the widget from ever starting."),
        new(TrackingAffiliation, false,
            "Every GTM add_to_cart / remove_from_cart pushed to dataLayer during the run carries affiliation 'Bambuser Calls <orgId>' on its items.",
            "Add affiliation: `Bambuser Calls ${orgId}` to every item of the ecommerce events your cart integration causes."),
    ];

    private static readonly Dictionary<CheckId, CheckDefinition> ById = All.ToDictionary(c => c.Id);

    public static CheckDefinition Get(CheckId id) => ById[id];
}

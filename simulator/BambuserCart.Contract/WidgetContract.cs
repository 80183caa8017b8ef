using System.Text.Json;

namespace BambuserCart.Contract;

/// <summary>
/// The one source of truth for the Calls Widget cart contract: event names, callback outcomes,
/// checkout navigations, widget messages and diagnostic codes. The fake <c>embed.js</c> gets
/// these values generated into it (<see cref="ToJavaScriptObject"/>) and holds no copy of its own;
/// a test proves it. Names are from Bambuser's Cart integration page (see docs/fake-widget.md).
/// </summary>
public static class WidgetContract
{
    /// <summary>Callback timeout of the real widget ("request to update the cart took too long").</summary>
    public const int DefaultCallbackTimeoutMs = 30_000;

    /// <summary>How long a checkout waits for the merchant's handler to navigate before it says <c>none</c>.</summary>
    public const int DefaultCheckoutSettleMs = 3_000;

    /// <summary>The one failure reason the Cart integration page names: <c>{ success: false, reason: 'out-of-stock' }</c>.</summary>
    public const string OutOfStockReason = "out-of-stock";

    public static class Events
    {
        public const string AddItem = "should-add-item-to-cart";
        public const string UpdateItem = "should-update-item-in-cart";
        public const string GotoCheckout = "goto-checkout";
        public const string ProvideProductData = "provide-product-data";
        public const string Close = "close";
        public const string QueueIsOpen = "queue-is-open";
        public const string QueueIsClosed = "queue-is-closed";
        public const string AgentsOnline = "agents-online";
        public const string QueueEstimatedWaitingTime = "queue-estimated-waiting-time";

        /// <summary>
        /// Every event name a source documents the real widget emitting: the Cart integration page,
        /// Bambuser's docs (provide-product-data, queue status), its boilerplate and its Android
        /// wrapper (provide-search-data, surf-behind-to, goto-chat, tracking-event, close,
        /// agents-online, queue-estimated-waiting-time). <c>on()</c> with any of these is silent.
        /// </summary>
        public static readonly IReadOnlyList<string> Known =
        [
            AddItem, UpdateItem, GotoCheckout, ProvideProductData, "provide-search-data", "tracking-event",
            "surf-behind-to", "goto-chat", Close, QueueIsOpen, QueueIsClosed, AgentsOnline, QueueEstimatedWaitingTime,
        ];

        /// <summary>
        /// Call-lifecycle names Bambuser's own wrapper listens for "so a small SDK rename doesn't
        /// break": no source says the widget emits them. <c>on()</c> with one is accepted with the
        /// diagnostic <c>unverified-event</c>; any other name gets <c>unknown-event</c>.
        /// </summary>
        public static readonly IReadOnlyList<string> Unverified =
        [
            "call-started", "call-starting", "call-connecting", "call-ringing", "call-connected", "call-active",
            "call-accepted", "connected", "call-ended", "call-end", "call-disconnected", "call-rejected",
            "disconnected", "ended",
        ];
    }

    /// <summary>Wire names of <see cref="LookupResult"/>, for the trace and scenario files; a test holds them to the enum.</summary>
    public static class LookupOutcomes
    {
        public const string Hydrated = "hydrated";
        public const string Error = "error";
        public const string Invalid = "invalid";
        public const string Timeout = "timeout";
        public const string NoHandler = "no-handler";

        public static IReadOnlyList<string> All { get; } = ContractNames.All<LookupResult>();
    }

    /// <summary>The <c>type</c> of a product lookup: what <c>ref</c> holds.</summary>
    public static class LookupTypes
    {
        public const string ProductReference = "product-reference";
        public const string Url = "url";
        public const string ScannedCode = "scanned-code";
    }

    /// <summary>Wire names of <see cref="CallbackOutcome"/>, for the trace, scenario files and switch labels; a test holds them to the enum.</summary>
    public static class Outcomes
    {
        public const string Success = "success";
        public const string Failure = "failure";
        public const string OutOfStock = "out-of-stock";
        public const string Invalid = "invalid";
        public const string Timeout = "timeout";
        public const string Threw = "threw";
        public const string NoHandler = "no-handler";

        public static IReadOnlyList<string> All { get; } = ContractNames.All<CallbackOutcome>();
    }

    /// <summary>Wire names of <see cref="CheckoutNavigation"/>; a test holds them to the enum.</summary>
    public static class Navigations
    {
        public const string Miniplayer = "miniplayer";
        public const string NewTab = "new-tab";
        public const string SameTab = "same-tab";
        public const string None = "none";

        public static IReadOnlyList<string> All { get; } = ContractNames.All<CheckoutNavigation>();
    }

    /// <summary>The widget's message to the shopper after a refused change, by kind.</summary>
    public static class Messages
    {
        // Wire names of MessageKind, for scenario files; a test holds them to the enum.
        public const string ErrorKind = "error";
        public const string OutOfStockKind = "out-of-stock";
        public const string TimeoutKind = "timeout";

        public const string ErrorText = "Cart Update Error – the product could not be updated in your cart.";
        public const string OutOfStockText = "Cart Update Error – this product is out of stock.";
        public const string TimeoutText = "Cart Update Error – request to update the cart took too long.";
    }

    /// <summary>The contract as a JavaScript object literal, for generating into the fake embed.</summary>
    public static string ToJavaScriptObject()
    {
        var contract = new
        {
            defaultCallbackTimeoutMs = DefaultCallbackTimeoutMs,
            defaultCheckoutSettleMs = DefaultCheckoutSettleMs,
            outOfStockReason = OutOfStockReason,
            events = new
            {
                add = Events.AddItem,
                update = Events.UpdateItem,
                checkout = Events.GotoCheckout,
                productData = Events.ProvideProductData,
                close = Events.Close,
                queueIsOpen = Events.QueueIsOpen,
                queueIsClosed = Events.QueueIsClosed,
                agentsOnline = Events.AgentsOnline,
                waitingTime = Events.QueueEstimatedWaitingTime,
                known = Events.Known,
                unverified = Events.Unverified,
            },
            lookupOutcomes = ByMember<LookupResult>(),
            lookupTypes = new { productReference = LookupTypes.ProductReference, url = LookupTypes.Url, scannedCode = LookupTypes.ScannedCode },
            // From the enums: the fake's names are the enum's wire names, keyed by camelCase member.
            outcomes = ByMember<CallbackOutcome>(),
            navigations = ByMember<CheckoutNavigation>(),
            modes = ByMember<WidgetMode>(),
            framing = ByMember<FramingVerdict>(),
            messages = new
            {
                error = new { kind = MessageKind.Error.Wire(), text = Messages.ErrorText },
                outOfStock = new { kind = MessageKind.OutOfStock.Wire(), text = Messages.OutOfStockText },
                timeout = new { kind = MessageKind.Timeout.Wire(), text = Messages.TimeoutText },
            },
            diagnostics = ByMember<DiagnosticCode>(),
        };
        return JsonSerializer.Serialize(contract);
    }

    private static Dictionary<string, string> ByMember<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), v => v.Wire());
}

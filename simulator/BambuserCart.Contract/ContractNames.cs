using System.Text.Json;
using System.Text.Json.Serialization;

namespace BambuserCart.Contract;

/// <summary>What the widget made of a cart event's callback. On the wire (the fake, scenario files, reports) in kebab-case: <c>out-of-stock</c>.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CallbackOutcome>))]
public enum CallbackOutcome
{
    /// <summary><c>callback(true)</c>: the widget keeps the change.</summary>
    Success,

    /// <summary><c>callback(false)</c>: the generic error message.</summary>
    Failure,

    /// <summary><c>callback({ success: false, reason: 'out-of-stock' })</c>: the out-of-stock message.</summary>
    OutOfStock,

    /// <summary>Any other value: treated as a failure, and reported.</summary>
    Invalid,

    /// <summary>No callback within the widget's timeout.</summary>
    Timeout,

    /// <summary>The handler threw before answering.</summary>
    Threw,

    /// <summary>No handler for the event.</summary>
    NoHandler,
}

/// <summary>Where a checkout took the shopper. On the wire in kebab-case: <c>new-tab</c>.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CheckoutNavigation>))]
public enum CheckoutNavigation
{
    /// <summary><c>floatAbove(url)</c>: the call floats as a miniplayer above the checkout page.</summary>
    Miniplayer,

    /// <summary>The checkout opened in a new tab.</summary>
    NewTab,

    /// <summary>The current tab navigated to the checkout (the call ends).</summary>
    SameTab,

    /// <summary>The handler took the shopper nowhere within the settle time.</summary>
    None,
}

/// <summary>What a product lookup (<c>provide-product-data</c>) came to. On the wire in kebab-case: <c>no-handler</c>.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LookupResult>))]
public enum LookupResult
{
    /// <summary><c>updateProduct</c> built a product with every mandatory field.</summary>
    Hydrated,

    /// <summary>The factory (or the handler) threw: its message is what the agent sees.</summary>
    Error,

    /// <summary><c>updateProduct</c> answered, but the product lacks a mandatory field.</summary>
    Invalid,

    /// <summary>No <c>updateProduct</c> within the callback timeout.</summary>
    Timeout,

    /// <summary>No handler for <c>provide-product-data</c>.</summary>
    NoHandler,
}

/// <summary>How the widget shows itself. On the wire in kebab-case.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<WidgetMode>))]
public enum WidgetMode
{
    /// <summary>Only the launcher shows: no call yet, or the call was closed.</summary>
    Closed,

    /// <summary>The call's widget is open on the page.</summary>
    Open,

    /// <summary>After <c>floatAbove(url)</c>: the call floats above the checkout page.</summary>
    Miniplayer,
}

/// <summary>The kind of message the widget shows the shopper after a refused change. On the wire in kebab-case.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MessageKind>))]
public enum MessageKind
{
    /// <summary>"Cart Update Error – the product could not be updated in your cart."</summary>
    Error,

    /// <summary>"Cart Update Error – this product is out of stock."</summary>
    OutOfStock,

    /// <summary>"Cart Update Error – request to update the cart took too long."</summary>
    Timeout,
}

/// <summary>
/// Codes in <c>state().diagnostics</c>: integration mistakes the real widget would hide. On the wire
/// in kebab-case: <c>callback-called-twice</c>. docs/fake-widget.md says when each is raised.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<DiagnosticCode>))]
public enum DiagnosticCode
{
    EmbedLoadedTwice,
    ReadyHandlerMissing,
    ReadyHandlerThrew,
    MultipleInstances,
    UnknownEvent,
    NoHandler,
    InvalidCallbackValue,
    CallbackCalledTwice,
    CallbackTimeout,
    CallbackAfterTimeout,
    HandlerThrew,
    FloatAboveCrossOrigin,
    FloatAboveFramingRefused,

    /// <summary>The page given to <c>floatAbove</c> answered an HTTP error: the shopper would see it beneath the miniplayer.</summary>
    FloatAboveTargetError,

    UnverifiedEvent,
    UndocumentedMethod,
    InvalidArgument,
    AnsweredBySeveralHandlers,
    ProductFieldMissing,
    UnknownProductField,
    UnknownLookupId,
    ProductAnsweredTwice,
    SameDocumentNavigation,
    LateCheckoutNavigation,
    InstanceDestroyed,
}

/// <summary>Reads and writes a contract enum by its kebab-case wire name, and nothing else (no numbers).</summary>
public sealed class KebabCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>The wire names of the contract's enums.</summary>
public static class ContractNames
{
    /// <summary>The kebab-case name the fake, scenario files and reports use: <c>OutOfStock</c> → <c>out-of-stock</c>.</summary>
    public static string Wire<T>(this T value)
        where T : struct, Enum =>
        // A check id is dotted (add.native-cart); a caller that only knows T still gets that.
        value is CheckId check ? check.Wire() : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every wire name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => v.Wire())];
}

using System.Reflection;
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

/// <summary>
/// What the browser made of the page beneath the miniplayer once its frame loaded it. On the wire in
/// kebab-case. Null in <c>state()</c> until a <c>floatAbove(url)</c> with a URL of this origin.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FramingVerdict>))]
public enum FramingVerdict
{
    /// <summary>The frame loaded the page and this page can reach its document: the shopper sees it.</summary>
    Shown,

    /// <summary>The frame loaded, but its document is out of reach: the browser refused to frame it, or it left this origin.</summary>
    Refused,

    /// <summary>No verdict: the frame did not finish loading within the callback timeout, or there was no frame to load it.</summary>
    Unknown,
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

/// <summary>
/// The condition the harness puts the merchant's cart backend in for an event (validate's failure
/// checks, a scenario step's <c>backend</c>). On the wire: <c>ok</c>, <c>http-500</c>, <c>network-error</c>, <c>slow</c>.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<BackendCondition>))]
public enum BackendCondition
{
    /// <summary>The backend as it is.</summary>
    Ok,

    /// <summary>Every cart request is answered HTTP 500.</summary>
    [JsonStringEnumMemberName("http-500")]
    Http500,

    /// <summary>Every cart request fails at the network level.</summary>
    NetworkError,

    /// <summary>Every cart request is answered, correctly, but late (well inside the callback timeout).</summary>
    Slow,
}

/// <summary>Reads and writes a contract enum by its kebab-case wire name, and nothing else (no numbers).</summary>
public sealed class KebabCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>The wire names of the contract's enums.</summary>
public static class ContractNames
{
    /// <summary>
    /// The name the fake, scenario files and reports use: kebab-case (<c>OutOfStock</c> →
    /// <c>out-of-stock</c>) unless the member names itself with <see cref="JsonStringEnumMemberNameAttribute"/>,
    /// as the JSON converter does; a check id is dotted (<c>add.native-cart</c>).
    /// </summary>
    public static string Wire<T>(this T value)
        where T : struct, Enum => value is CheckId check ? check.Wire() : WireNames<T>.ByValue[value];

    /// <summary>Every wire name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => v.Wire())];

    /// <summary>The member a wire name names; false for anything else (case matters, numbers are no names).</summary>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        value = default;
        var match = Enum.GetValues<T>().Where(v => v.Wire() == name).Take(1).ToList();
        if (match.Count == 0)
        {
            return false;
        }

        value = match[0];
        return true;
    }

    private static class WireNames<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, Name);

        private static string Name(T value) =>
            typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
    }
}

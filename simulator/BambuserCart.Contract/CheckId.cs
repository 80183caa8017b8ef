using System.Text.Json;
using System.Text.Json.Serialization;

namespace BambuserCart.Contract;

/// <summary>
/// Every check <c>validate</c> runs, in the order it runs them (reports list checks in this order).
/// On the wire (reports, <c>--check</c>/<c>--skip</c>) a check is <c>group.name</c>: the member's
/// first word is the group, the rest in kebab-case, so <see cref="AddNativeCart"/> is
/// <c>add.native-cart</c>. These names are fixed: merchants' CI filters on them.
/// </summary>
[JsonConverter(typeof(CheckIdConverter))]
public enum CheckId
{
    EmbedReadyHandler,
    EmbedSingleInstance,
    AddHandler,
    UpdateHandler,
    CheckoutHandler,
    AddSuccess,
    AddNativeCart,
    UpdateQuantity,
    UpdateRemove,
    AddOutOfStock,
    AddUnknownSku,
    AddBackendFailure,
    UpdateBackendFailure,
    CheckoutNavigation,
    CheckoutSameOrigin,
    ProductHydration,
    CallbackOnce,
    CallbackValidValue,
    CallbackTimely,
    CallbackConfirmed,
    HandlerNoThrow,
    HandlerStaysOnPage,
    PageNoErrors,
    TrackingAffiliation,
}

/// <summary>The wire names of <see cref="CheckId"/>: <c>add.native-cart</c>.</summary>
public static class CheckIds
{
    private static readonly Dictionary<CheckId, string> Names = Enum.GetValues<CheckId>().ToDictionary(id => id, Name);

    /// <summary>Every check's wire name, in run order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<CheckId>().Select(Wire)];

    /// <summary>The check's wire name: <c>add.native-cart</c>.</summary>
    public static string Wire(this CheckId id) => Names[id];

    /// <summary>The id's group, its first segment: <c>add</c> for <c>add.native-cart</c>.</summary>
    public static string Group(this CheckId id) => id.Wire()[..id.Wire().IndexOf('.', StringComparison.Ordinal)];

    private static string Name(CheckId id)
    {
        var kebab = JsonNamingPolicy.KebabCaseLower.ConvertName(id.ToString());
        var groupEnd = kebab.IndexOf('-', StringComparison.Ordinal);
        return $"{kebab[..groupEnd]}.{kebab[(groupEnd + 1)..]}";
    }
}

/// <summary>Reads and writes a <see cref="CheckId"/> by its wire name, and nothing else.</summary>
public sealed class CheckIdConverter : JsonConverter<CheckId>
{
    public override CheckId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ContractNames.TryParse<CheckId>(reader.GetString(), out var id)
            ? id
            : throw new JsonException($"expected a check id ({string.Join(", ", CheckIds.All)})");

    public override void Write(Utf8JsonWriter writer, CheckId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Wire());
}

using System.Text.Json;

namespace BambuserCart.Contract;

/// <summary>A cart event's payload: <c>{ sku }</c> for add, plus quantities for update.</summary>
public sealed record CartEventPayload(string Sku, int? Quantity, int? PreviousQuantity);

/// <summary>What the widget made of one cart event (docs/fake-widget.md, "Callback outcomes"); <see cref="Seq"/> is its trace entry's.</summary>
public sealed record CartOutcome(string Event, CartEventPayload Payload, CallbackOutcome Outcome, JsonElement? Value, int CallbackCalls, int? Ms)
{
    public int Seq { get; init; }
}

/// <summary>One line of the widget's virtual cart.</summary>
public sealed record WidgetCartLine(string Sku, string Name, int Quantity);

/// <summary>The message the widget shows the shopper, by kind (<c>error</c>, <c>out-of-stock</c>, <c>timeout</c>).</summary>
public sealed record WidgetMessage(MessageKind Kind, string Text);

/// <summary>An integration mistake the fake noticed.</summary>
public sealed record WidgetDiagnostic(DiagnosticCode Code, string? Detail);

/// <summary><c>bambuserSimulator.state()</c>.</summary>
public sealed record WidgetState(
    string? OrgId,
    int Instances,
    WidgetMode Mode,
    IReadOnlyList<WidgetCartLine> WidgetCart,
    bool CheckoutButtonVisible,
    WidgetMessage? Message,
    IReadOnlyList<string> Handlers,
    string? FloatAboveUrl,
    IReadOnlyList<WidgetDiagnostic> Diagnostics)
{
    /// <summary>Whether the miniplayer's frame showed <see cref="FloatAboveUrl"/>; null before a floatAbove to this origin.</summary>
    public FramingVerdict? FloatAboveFraming { get; init; }
}

/// <summary>
/// One emitted event in <c>bambuserSimulator.trace()</c>. <see cref="Action"/> is what the agent or
/// shopper did (add, setQuantity, remove, checkout); checkout entries carry the navigation as outcome.
/// </summary>
public sealed record TraceEntry(int Seq, string Event, string? Action, JsonElement Payload, string? Outcome, JsonElement? Value, int CallbackCalls, int? Ms)
{
    /// <summary>A checkout whose navigation came after it had been reported <c>none</c>: how many ms after the click.</summary>
    public int? Late { get; init; }
}

/// <summary>A hydrated product's variation, as the widget keeps it.</summary>
public sealed record ProductVariation(string? Name, string? Sku, bool InStock, IReadOnlyList<string> ImageUrls, ProductPrice? Price);

public sealed record ProductPrice(decimal? Current, decimal? Original);

/// <summary>The product a merchant built with <c>updateProduct</c>.</summary>
public sealed record HydratedProduct(string? Currency, string? Locale, string? Name, string? Sku, string? Description, string? Url, IReadOnlyList<ProductVariation> Variations)
{
    /// <summary>The product's own SKU and its variations' SKUs.</summary>
    public IEnumerable<string> Skus => Variations.Select(v => v.Sku).Prepend(Sku).OfType<string>().Distinct();
}

/// <summary>
/// What a product lookup came to (<c>agent.lookupProduct</c>): <see cref="Outcome"/> is one of
/// <c>hydrated</c>, <c>error</c>, <c>invalid</c>, <c>timeout</c>, <c>no-handler</c>;
/// <see cref="Message"/> is what the agent reads for an error or an incomplete product.
/// </summary>
public sealed record LookupOutcome(int Seq, string Event, JsonElement Payload, string Ref, LookupResult Outcome, HydratedProduct? Product, string? Message, int? Ms);


using System.Text.Json.Nodes;
using BambuserCart.Harness.Hosting;

namespace BambuserCart.Harness.Scenarios;

/// <summary>A scenario file, loaded and checked (see fixtures/scenarios/scenario.schema.json).</summary>
public sealed record Scenario(string Name, string? Description, ScenarioTarget Target, ScenarioSetup Setup, IReadOnlyList<ScenarioStep> Steps)
{
    /// <summary>The file it came from, for messages; "(inline)" when built in code.</summary>
    public string Source { get; init; } = "(inline)";
}

/// <summary>The sample shop in a checkout mode (<see cref="ShopCheckout"/>), or a page URL.</summary>
public sealed record ScenarioTarget(string? ShopCheckout, string? Url, string? CartProbe)
{
    /// <summary>For a URL target: the glob of its cart backend's requests (null: <c>**/cart/**</c>).</summary>
    public string? CartApi { get; init; }

    public bool IsShop => Url is null;

    /// <summary>Where a step's backend condition is injected.</summary>
    public Evidence.CartApiPattern CartApiPattern => CartApi is null ? Evidence.CartApiPattern.Default : new Evidence.CartApiPattern(CartApi);

    /// <summary>Hosts outside this machine the target's page may load from: a URL target's own.</summary>
    public IReadOnlyList<string> ReachableHosts => Url is { } url ? [new Uri(url).Host] : [];

    /// <summary>The page to open: the sample shop in its checkout mode, or the URL.</summary>
    public string PageUrl(SimulatorServer shop) => IsShop ? shop.Url($"?checkout={ShopCheckout}").ToString() : Url!;

    public static ScenarioTarget Shop(string checkout = "miniplayer") => new(checkout, null, null);
}

public sealed record ScenarioSetup(int? CallbackTimeoutMs, IReadOnlyList<CartLineSpec> NativeCart)
{
    public static ScenarioSetup None { get; } = new(null, []);
}

public sealed record CartLineSpec(string Sku, int Quantity)
{
    public override string ToString() => $"{Sku} × {Quantity}";
}

/// <summary>One step: the action, its arguments, and what must hold after it.</summary>
public sealed record ScenarioStep(string Action, string? Sku, int? Quantity, string? Backend, int? TimeoutMs, StepExpectations Expect)
{
    public const string Add = "add";
    public const string SetQuantity = "setQuantity";
    public const string Remove = "remove";
    public const string Checkout = "checkout";
    public const string WaitFor = "waitFor";
    public const string LookupProduct = "lookupProduct";

    /// <summary>lookupProduct: the SKU or product URL the agent looks up.</summary>
    public string? Ref { get; init; }

    /// <summary>"setQuantity WATCH-STEEL 3", for progress lines and failure messages.</summary>
    public string Describe() => Action switch
    {
        SetQuantity => $"{Action} {Sku} {Quantity}",
        Add or Remove => $"{Action} {Sku}",
        LookupProduct => $"{Action} {Ref}",
        WaitFor => $"{Action} {Expect.Describe()}",
        _ => Action,
    };
}

/// <summary>
/// What must hold after a step. Absent means "not checked"; for <see cref="Message"/> and
/// <see cref="Url"/> an explicit null means "none", so they carry a Has… flag.
/// </summary>
public sealed record StepExpectations
{
    public string? Outcome { get; init; }

    public string? Event { get; init; }

    public IReadOnlyList<CartLineSpec>? WidgetCart { get; init; }

    public IReadOnlyList<CartLineSpec>? NativeCart { get; init; }

    public bool HasMessage { get; init; }

    public string? Message { get; init; }

    public bool? CheckoutButton { get; init; }

    public string? Navigation { get; init; }

    public bool HasUrl { get; init; }

    public string? Url { get; init; }

    /// <summary>lookupProduct: whether the product is checked; <see cref="Product"/> null means "none".</summary>
    public bool HasProduct { get; init; }

    public ProductExpectation? Product { get; init; }

    public bool HasAgentMessage { get; init; }

    public string? AgentMessage { get; init; }

    public static StepExpectations None { get; } = new();

    /// <param name="lines">Reads a list of cart lines by field name (it reports quantities that are not whole numbers).</param>
    public static StepExpectations From(JsonObject? json, Func<string, IReadOnlyList<CartLineSpec>?> lines)
    {
        if (json is null)
        {
            return None;
        }

        return new StepExpectations
        {
            Outcome = (string?)json["outcome"],
            Event = (string?)json["event"],
            WidgetCart = lines("widgetCart"),
            NativeCart = lines("nativeCart"),
            HasMessage = json.ContainsKey("message"),
            Message = (string?)json["message"],
            CheckoutButton = (bool?)json["checkoutButton"],
            Navigation = (string?)json["navigation"],
            HasUrl = json.ContainsKey("url"),
            Url = (string?)json["url"],
            HasProduct = json.ContainsKey("product"),
            Product = json["product"] is JsonObject product ? new ProductExpectation((string?)product["name"], (string?)product["sku"]) : null,
            HasAgentMessage = json.ContainsKey("agentMessage"),
            AgentMessage = (string?)json["agentMessage"],
        };
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (Outcome is not null)
        {
            parts.Add($"outcome {Outcome}");
        }

        if (WidgetCart is not null)
        {
            parts.Add($"widgetCart [{string.Join(", ", WidgetCart)}]");
        }

        if (NativeCart is not null)
        {
            parts.Add($"nativeCart [{string.Join(", ", NativeCart)}]");
        }

        if (HasMessage)
        {
            parts.Add($"message {Message ?? "none"}");
        }

        if (CheckoutButton is { } button)
        {
            parts.Add($"checkoutButton {(button ? "shown" : "hidden")}");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>What a hydrated product must be: its name, and a SKU it or one of its variations has.</summary>
public sealed record ProductExpectation(string? Name, string? Sku)
{
    public override string ToString() => string.Join(", ", new[] { Name is null ? null : $"name '{Name}'", Sku is null ? null : $"SKU '{Sku}'" }.OfType<string>());
}


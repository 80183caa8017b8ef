using System.Text.Json;

namespace BambuserCart.Contract.Scenarios;

/// <summary>A scenario file, loaded and checked (see fixtures/scenarios/scenario.schema.json).</summary>
public sealed record Scenario(string Name, string? Description, ScenarioTarget Target, ScenarioSetup Setup, IReadOnlyList<ScenarioStep> Steps)
{
    /// <summary>The file it came from, for messages; "(inline)" when built in code.</summary>
    public string Source { get; init; } = "(inline)";
}

/// <summary>
/// The sample shop in a checkout mode (<see cref="ShopCheckout"/>), a page URL, or a local file
/// (<see cref="File"/>): an .html page or a bare .js integration script, served from a local origin
/// with its folder exactly as <c>validate</c> serves it, optionally with the sample backend.
/// </summary>
public sealed record ScenarioTarget(string? ShopCheckout, string? Url, string? CartProbe)
{
    /// <summary>For a URL target: the glob of its cart backend's requests (null: <c>**/cart/**</c>).</summary>
    public string? CartApi { get; init; }

    /// <summary>A local .html or .js file (absolute path), or null.</summary>
    public string? File { get; init; }

    /// <summary>For a file target: the sample backend (cart API, catalog, /checkout) is served beside it.</summary>
    public bool SampleBackend { get; init; }

    public bool IsShop => Url is null && File is null;

    /// <summary>The sample shop's cart API serves the native cart, so it can be read and seeded without a probe.</summary>
    public bool UsesSampleBackend => IsShop || (File is not null && SampleBackend);

    /// <summary>"the sample shop (miniplayer)", the URL or the file, for messages.</summary>
    public string Describe() => File ?? Url ?? $"the sample shop ({ShopCheckout})";

    public static ScenarioTarget Shop(string checkout = "miniplayer") => new(checkout, null, null);

    /// <param name="path">An absolute path to an .html page or a .js script.</param>
    public static ScenarioTarget LocalFile(string path, bool sampleBackend, string? cartProbe = null) =>
        new(null, null, cartProbe) { File = path, SampleBackend = sampleBackend };

    /// <summary>A bare integration script is placed in a blank host page; anything else is a page.</summary>
    public static bool IsScript(string path) => Path.GetExtension(path).ToLowerInvariant() is ".js" or ".mjs";
}

public sealed record ScenarioSetup(int? CallbackTimeoutMs, IReadOnlyList<CartItem> NativeCart)
{
    public static ScenarioSetup None { get; } = new(null, []);
}

/// <summary>What a scenario step does. In scenario files (and the fake's trace) in camelCase: <c>setQuantity</c>.</summary>
public enum ScenarioAction
{
    /// <summary>The agent adds a SKU (should-add-item-to-cart, or an update when it is already in the widget cart).</summary>
    Add,

    /// <summary>The agent changes a line's quantity (should-update-item-in-cart).</summary>
    SetQuantity,

    /// <summary>The agent removes a line (should-update-item-in-cart with quantity 0).</summary>
    Remove,

    /// <summary>The shopper clicks Checkout (goto-checkout).</summary>
    Checkout,

    /// <summary>Nothing happens; the expectations must come true within the step's timeout.</summary>
    WaitFor,

    /// <summary>The agent looks a product up (provide-product-data).</summary>
    LookupProduct,
}

/// <summary>The file names of <see cref="ScenarioAction"/>.</summary>
public static class ScenarioActions
{
    /// <summary>Every action as written in a scenario file, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<ScenarioAction>().Select(Name)];

    /// <summary><c>SetQuantity</c> → <c>setQuantity</c>.</summary>
    public static string Name(this ScenarioAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    /// <summary>The action a file (or the fake's trace) names; null for a name that is not one.</summary>
    public static ScenarioAction? Parse(string? name) =>
        Enum.GetValues<ScenarioAction>().Select(a => (ScenarioAction?)a).FirstOrDefault(a => a!.Value.Name() == name);
}

/// <summary>One step: the action, its arguments, and what must hold after it.</summary>
/// <param name="Backend">The cart backend's condition for this step's requests; null is a working backend.</param>
public sealed record ScenarioStep(ScenarioAction Action, string? Sku, int? Quantity, BackendCondition? Backend, int? TimeoutMs, StepExpectations Expect)
{
    /// <summary>lookupProduct: the SKU or product URL the agent looks up.</summary>
    public string? Ref { get; init; }

    /// <summary>"setQuantity WATCH-STEEL 3", for progress lines and failure messages.</summary>
    public string Describe() => Action switch
    {
        ScenarioAction.SetQuantity => $"{Action.Name()} {Sku} {Quantity}",
        ScenarioAction.Add or ScenarioAction.Remove => $"{Action.Name()} {Sku}",
        ScenarioAction.LookupProduct => $"{Action.Name()} {Ref}",
        ScenarioAction.WaitFor => $"{Action.Name()} {Expect.Describe()}",
        _ => Action.Name(),
    };
}

/// <summary>
/// What must hold after a step. Absent means "not checked"; for <see cref="Message"/> and
/// <see cref="Url"/> an explicit null means "none", so they carry a Has… flag.
/// </summary>
public sealed record StepExpectations
{
    /// <summary>A cart step (add, setQuantity, remove): how the callback answered.</summary>
    public CallbackOutcome? Outcome { get; init; }

    /// <summary>A cart step: any one of these outcomes (the file gave a list); null when it gave one or none.</summary>
    public IReadOnlyList<CallbackOutcome>? OutcomeAnyOf { get; init; }

    /// <summary>A lookupProduct step: what came of the lookup (a file names it <c>outcome</c> too).</summary>
    public LookupResult? Lookup { get; init; }

    /// <summary>
    /// A cart step's event follows the contract's rules beyond its outcome: answered exactly once,
    /// no error thrown while it was handled, and a callback(true) only after a cart request of the
    /// event had answered 2xx.
    /// </summary>
    public bool FollowsContract { get; init; }

    public string? Event { get; init; }

    public IReadOnlyList<CartItem>? WidgetCart { get; init; }

    public IReadOnlyList<CartItem>? NativeCart { get; init; }

    public bool HasMessage { get; init; }

    public string? Message { get; init; }

    public bool? CheckoutButton { get; init; }

    public CheckoutNavigation? Navigation { get; init; }

    /// <summary>Any one of these navigations (the file gave a list); null when it gave one or none.</summary>
    public IReadOnlyList<CheckoutNavigation>? NavigationAnyOf { get; init; }

    public bool HasUrl { get; init; }

    public string? Url { get; init; }

    /// <summary>lookupProduct: whether the product is checked; <see cref="Product"/> null means "none".</summary>
    public bool HasProduct { get; init; }

    public ProductExpectation? Product { get; init; }

    public bool HasAgentMessage { get; init; }

    public string? AgentMessage { get; init; }

    public static StepExpectations None { get; } = new();

    public string Describe()
    {
        var parts = new List<string>();
        if ((Outcome?.Wire() ?? Lookup?.Wire()) is { } outcome)
        {
            parts.Add($"outcome {outcome}");
        }

        if (OutcomeAnyOf is not null)
        {
            parts.Add($"outcome one of [{string.Join(", ", OutcomeAnyOf.Select(o => o.Wire()))}]");
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

        if (Navigation is { } navigation)
        {
            parts.Add($"navigation {navigation.Wire()}");
        }

        if (NavigationAnyOf is not null)
        {
            parts.Add($"navigation one of [{string.Join(", ", NavigationAnyOf.Select(n => n.Wire()))}]");
        }

        return string.Join(", ", parts);
    }
}

/// <summary>What a hydrated product must be: its name, and a SKU it or one of its variations has.</summary>
public sealed record ProductExpectation(string? Name, string? Sku)
{
    public override string ToString() => string.Join(", ", new[] { Name is null ? null : $"name '{Name}'", Sku is null ? null : $"SKU '{Sku}'" }.OfType<string>());
}


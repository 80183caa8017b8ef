using System.Text.Json.Nodes;
using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;

namespace BambuserCart.Harness.Scenarios.Loading;

/// <summary>Reads a step's <c>expect</c> object, already held to the schema, into <see cref="StepExpectations"/>.</summary>
internal static class ExpectationsReader
{
    /// <param name="action">The step's action: it decides what kind of outcome the file names.</param>
    /// <param name="json">The step's <c>expect</c>, already held to the schema.</param>
    /// <param name="lines">Reads a list of cart lines by field name (it reports quantities that are not whole numbers).</param>
    public static StepExpectations Read(ScenarioAction action, JsonObject? json, Func<string, IReadOnlyList<CartItem>?> lines)
    {
        if (json is null)
        {
            return StepExpectations.None;
        }

        return new StepExpectations
        {
            // One word, two vocabularies: the schema holds a lookup to lookup results and a cart step to callback outcomes.
            Outcome = action != ScenarioAction.LookupProduct && json["outcome"] is JsonValue one ? ContractName<CallbackOutcome>(one) : null,
            OutcomeAnyOf = action != ScenarioAction.LookupProduct && json["outcome"] is JsonArray many ? many.Select(o => ContractName<CallbackOutcome>(o)).ToList() : null,
            Lookup = action == ScenarioAction.LookupProduct && json["outcome"] is JsonValue result ? ContractName<LookupResult>(result) : null,
            FollowsContract = (bool?)json["followsContract"] ?? false,
            Event = (string?)json["event"],
            WidgetCart = lines("widgetCart"),
            NativeCart = lines("nativeCart"),
            HasMessage = json.ContainsKey("message"),
            Message = (string?)json["message"],
            CheckoutButton = (bool?)json["checkoutButton"],
            Navigation = json["navigation"] is JsonValue navigation ? ContractName<CheckoutNavigation>(navigation) : null,
            NavigationAnyOf = json["navigation"] is JsonArray navigations ? navigations.Select(n => ContractName<CheckoutNavigation>(n)).ToList() : null,
            HasUrl = json.ContainsKey("url"),
            Url = (string?)json["url"],
            HasProduct = json.ContainsKey("product"),
            Product = json["product"] is JsonObject product ? new ProductExpectation((string?)product["name"], (string?)product["sku"]) : null,
            HasAgentMessage = json.ContainsKey("agentMessage"),
            AgentMessage = (string?)json["agentMessage"],
        };
    }

    /// <summary>A contract name the schema has already held to its enum (<c>"new-tab"</c>).</summary>
    /// <exception cref="ScenarioException">It is not one: the schema and the contract disagree.</exception>
    public static T ContractName<T>(JsonNode? node)
        where T : struct, Enum =>
        node is JsonValue value && value.TryGetValue<string>(out var name) && ContractNames.TryParse<T>(name, out var parsed)
            ? parsed
            : throw new ScenarioException($"{node?.GetPath() ?? "(missing)"}: '{node}' is not one of {string.Join(", ", ContractNames.All<T>())}");
}

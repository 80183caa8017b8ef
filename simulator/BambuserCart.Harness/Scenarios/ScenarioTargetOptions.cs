using System.Text.Json.Nodes;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// What <c>replay --target</c> and <c>--cart-api</c> change in a scenario's target. A new URL keeps
/// the scenario's <c>cartProbe</c> and <c>cartApi</c>: the same integration on another host reads
/// its cart the same way.
/// </summary>
public sealed record ScenarioTargetOptions(string? Url = null, string? CartApi = null)
{
    internal void ApplyTo(JsonObject root)
    {
        if (Url is not null)
        {
            var old = root["target"] as JsonObject;
            var target = new JsonObject { ["url"] = Url };
            foreach (var kept in new[] { "cartProbe", "cartApi" })
            {
                if (old?[kept] is { } value)
                {
                    target[kept] = value.DeepClone();
                }
            }

            root["target"] = target;
        }

        if (CartApi is not null)
        {
            if (root["target"] is JsonObject target && target.ContainsKey("url"))
            {
                target["cartApi"] = CartApi;
            }
            else
            {
                throw new ScenarioException($"{RunInput.CartApi.Named()}: only for a URL target (the sample shop's cart API is known); give {RunInput.Target.Named()} too, or set $.target.cartApi in the file");
            }
        }
    }
}

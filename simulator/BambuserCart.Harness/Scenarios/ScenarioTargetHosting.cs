using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Hosting;
using BambuserCart.Simulator;

namespace BambuserCart.Harness.Scenarios;

/// <summary>
/// How the harness serves, opens and fences a scenario's target. The target itself is contract data
/// (a scenario file's <c>target</c>); these are the harness's decisions about it.
/// </summary>
internal static class ScenarioTargetHosting
{
    extension(ScenarioTarget target)
    {
        /// <summary>Where a step's backend condition is injected.</summary>
        public CartApiPattern CartApiPattern => target.CartApi is null ? CartApiPattern.Default : new CartApiPattern(target.CartApi);

        /// <summary>Hosts outside this machine the target's page may load from: a URL target's own.</summary>
        public IReadOnlyList<string> ReachableHosts => target.Url is { } url ? [new Uri(url).Host] : [];

        /// <summary>How a file target is served; null for the others, which use the shared sample shop host.</summary>
        public SimulatorOptions? HostOptions() => target.File is not { } file
            ? null
            : new SimulatorOptions
            {
                MerchantSiteDirectory = Path.GetDirectoryName(file),
                HostedScript = ScenarioTarget.IsScript(file) ? Path.GetFileName(file) : null,
                SampleBackend = target.SampleBackend,
            };

        /// <summary>The page to open on <paramref name="host"/>: the sample shop in its checkout mode, the file's page, or the URL.</summary>
        public string PageUrl(SimulatorServer host) => (target.ShopCheckout, target.File) switch
        {
            ({ } checkout, _) => host.Url($"?checkout={checkout}").ToString(),
            (_, { } file) when ScenarioTarget.IsScript(file) => host.Url(SimulatorOptions.HostPagePath.TrimStart('/')).ToString(),
            (_, { } file) => host.Url(Uri.EscapeDataString(Path.GetFileName(file))).ToString(),
            _ => target.Url!,
        };
    }
}

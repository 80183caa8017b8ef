namespace BambuserCart.Simulator.Widget;

/// <summary>
/// The evidence recorder (<c>evidence.js</c>): installed in a page before any of its scripts, it
/// records the page's requests, errors and console errors, and the fake embed marks each event's
/// emit and answer in the same timeline, so a verdict can rest on what happened in what order.
/// </summary>
public static class EvidenceScript
{
    /// <summary>The name the recorder is reachable at in the page (read-only, not enumerable).</summary>
    public const string Global = "window.__bambuserCartEvidence";

    public static string Source { get; } = EmbeddedAsset.Read("evidence.js");
}

/// <summary>
/// The WebRTC guard (<c>containment.js</c>): removes ICE servers outside this machine from every
/// RTCPeerConnection and reports each through the binding <see cref="Binding"/>.
/// </summary>
public static class ContainmentScript
{
    /// <summary>The function the harness exposes to the page to hear of a contained attempt.</summary>
    public const string Binding = "__bambuserCartContainment";

    public static string Source { get; } = EmbeddedAsset.Read("containment.js");
}


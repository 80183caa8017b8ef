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

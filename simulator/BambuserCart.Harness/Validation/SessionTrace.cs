namespace BambuserCart.Harness.Validation;

/// <summary>The Playwright trace of one fresh page of a run (kept when a required check failed in it).</summary>
/// <param name="Session">Which part of the run the page served: "add", "update.remove"…</param>
public sealed record SessionTrace(string Session, string Path);

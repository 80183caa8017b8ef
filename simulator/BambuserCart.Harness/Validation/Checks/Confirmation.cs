namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// What an event's evidence says of its callback(true): the cart backend confirmed it, it did not
/// (and why), or the request it may rest on was out of the recorder's sight (a Web Worker's).
/// validate's callback.confirmed and replay's followsContract both read this one answer.
/// </summary>
internal sealed record Confirmation
{
    private Confirmation(string? whyNot, bool outOfSight) => (WhyNot, OutOfSight) = (whyNot, outOfSight);

    public static Confirmation Confirmed { get; } = new(null, false);

    /// <summary>No cart request of the page's own, but a Web Worker spoke first: proves nothing either way.</summary>
    public static Confirmation Unseen { get; } = new(null, true);

    public static Confirmation Not(string why) => new(why, false);

    /// <summary>Why the answer was not confirmed; null when it was, or when that cannot be told.</summary>
    public string? WhyNot { get; }

    public bool OutOfSight { get; }
}

using Microsoft.Playwright.Helpers;

namespace BambuserCart.Harness.Evidence;

/// <summary>
/// The <c>--cart-api</c> glob: which requests are the native cart backend. Matching uses
/// Playwright's own glob matcher, the one its routes use, so "this request matched" in a message
/// means exactly "this request got the injected fault".
/// </summary>
public sealed class CartApiPattern
{
    public const string DefaultGlob = "**/cart/**";

    private readonly URLMatch matcher;

    public CartApiPattern(string glob)
    {
        Glob = glob;
        matcher = new URLMatch { glob = glob };
    }

    public static CartApiPattern Default { get; } = new(DefaultGlob);

    public string Glob { get; }

    public bool Matches(string url) => matcher.Match(url);

    public bool Matches(RequestRecord request) => Matches(request.Url);

    public override string ToString() => Glob;
}

namespace BambuserCart.Harness.Validation;

public enum TargetKind
{
    /// <summary>The built-in sample shop and its reference integration.</summary>
    SampleShop,

    /// <summary>A page at an http(s) URL.</summary>
    Url,

    /// <summary>A local .html file, served from a local origin with its folder.</summary>
    HtmlFile,

    /// <summary>A local .js integration script, placed in a blank host page that loads the embed.</summary>
    Script,
}

/// <summary>What <c>validate</c> points at, parsed from its TARGET argument.</summary>
public sealed record ValidationTarget(TargetKind Kind, string Location)
{
    public static ValidationTarget SampleShop { get; } = new(TargetKind.SampleShop, "sample shop");

    /// <exception cref="ValidationInputException">Not a URL, .html or .js file, or the file does not exist.</exception>
    public static ValidationTarget Parse(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return SampleShop;
        }

        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(target, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(url.Host)
                ? new ValidationTarget(TargetKind.Url, url.ToString())
                : throw new ValidationInputException($"TARGET: '{target}' is not a valid URL");
        }

        var kind = Path.GetExtension(target).ToLowerInvariant() switch
        {
            ".html" or ".htm" => TargetKind.HtmlFile,
            ".js" or ".mjs" => TargetKind.Script,
            _ => throw new ValidationInputException(
                $"TARGET: '{target}' is not an http(s):// URL, a .html file or a .js integration script"),
        };
        var path = Path.GetFullPath(target);
        return File.Exists(path) ? new ValidationTarget(kind, path)
            : Directory.Exists(path) ? throw new ValidationInputException($"TARGET: '{path}' is a folder, not a file")
            : throw new ValidationInputException($"TARGET: file '{path}' does not exist");
    }

    public bool IsLocalFile => Kind is TargetKind.HtmlFile or TargetKind.Script;

    public override string ToString() => Kind == TargetKind.SampleShop ? "the sample shop" : Location;
}

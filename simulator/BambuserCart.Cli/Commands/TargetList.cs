using BambuserCart.Harness;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// validate's targets: the TARGET arguments, then the lines of <c>--targets FILE</c> (one target
/// per line; blank lines and lines starting with <c>#</c> are skipped; a relative file path is
/// read from the list's folder, so a list travels with the pages it names). Every target is
/// checked before any runs, and every bad one is reported, each with its place.
/// </summary>
internal static class TargetList
{
    /// <summary>A list of market sites is short; past this it is not a target list (or is a device).</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <returns>At least one target: the built-in sample shop when none was named.</returns>
    /// <exception cref="ValidationInputException">A target or the list file is bad; one line per problem, each naming its place.</exception>
    public static IReadOnlyList<ValidationTarget> Collect(IReadOnlyList<string> arguments, FileInfo? file)
    {
        var targets = new List<ValidationTarget>();
        var problems = new List<string>();
        foreach (var argument in arguments)
        {
            Add(argument, place: null);
        }

        if (file is not null)
        {
            var (text, problem) = BoundedText.Read(file.FullName, MaxFileBytes, "target list");
            if (text is null)
            {
                problems.Add($"--targets: {file.FullName}: {problem}");
            }
            else
            {
                var lines = text.Split('\n');
                for (var number = 1; number <= lines.Length; number++)
                {
                    var line = lines[number - 1].Trim();
                    if (line.Length > 0 && !line.StartsWith('#'))
                    {
                        Add(IsAddress(line) ? line : Path.Combine(file.DirectoryName!, line), $"{file.FullName}:{number}");
                    }
                }

                if (targets.Count == 0 && problems.Count == 0)
                {
                    problems.Add($"--targets: {file.FullName}: names no target (one URL, .html or .js file per line)");
                }
            }
        }

        return problems.Count > 0
            ? throw new ValidationInputException(string.Join('\n', problems))
            : targets.Count == 0 ? [ValidationTarget.SampleShop] : targets;

        void Add(string text, string? place)
        {
            try
            {
                targets.Add(ValidationTarget.Parse(text));
            }
            catch (ValidationInputException ex)
            {
                // "TARGET: …" names the argument; a list line names its file and line instead.
                problems.Add(place is null || !ex.Message.StartsWith("TARGET: ", StringComparison.Ordinal) ? ex.Message : $"{place}: {ex.Message["TARGET: ".Length..]}");
            }
        }
    }

    // Any scheme, not only http(s): "ftp://x" is then refused as written, not as a file beside the list.
    private static bool IsAddress(string line) => line.Contains("://", StringComparison.Ordinal);
}

using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Cli.Output;

/// <summary>
/// Report destinations: checked (and their folders created) before a run, so that one that cannot
/// be written is bad input (exit 2) at once, not a stack trace after the whole run.
/// </summary>
internal static class ReportPaths
{
    /// <exception cref="ValidationInputException">A destination cannot be written; the message names the option and the path.</exception>
    public static void Prepare(ValidateRequest request)
    {
        if (request.Json is { } json)
        {
            PrepareFile("--report-json", json.FullName);
        }

        if (request.Junit is { } junit)
        {
            PrepareFile("--junit", junit.FullName);
        }

        if (request.Html is { } html)
        {
            Guard("--html", html.FullName, () =>
            {
                if (File.Exists(html.FullName))
                {
                    throw new IOException("it is a file; --html takes a folder");
                }

                Directory.CreateDirectory(html.FullName);
                ProbeWrite(html.FullName);
            });
        }
    }

    /// <summary>Writes a report, turning a failure into bad input that names the option and the path.</summary>
    /// <exception cref="ValidationInputException">The write failed.</exception>
    public static void Write(string option, string path, Action write) => Guard(option, path, write);

    private static void PrepareFile(string option, string path) => Guard(option, path, () =>
    {
        if (Directory.Exists(path))
        {
            throw new IOException("it is a folder; give a file name");
        }

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        ProbeWrite(folder);
    });

    // Creating and deleting a scratch file is the one honest test of "can I write here".
    private static void ProbeWrite(string folder)
    {
        var probe = Path.Combine(folder, $".bambuser-cart-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(probe, string.Empty);
        File.Delete(probe);
    }

    private static void Guard(string option, string path, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ValidationInputException($"{option}: cannot write {path}: {ex.Message}", ex);
        }
    }
}

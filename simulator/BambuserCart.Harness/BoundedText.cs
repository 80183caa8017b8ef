using System.Text;

namespace BambuserCart.Harness;

/// <summary>
/// Reads a small input file (a scenario, a target list) at most <c>maxBytes</c> long, so that a
/// device such as <c>/dev/zero</c> or a huge file is refused before it costs memory, and every way
/// reading can fail comes back as one sentence rather than an exception.
/// </summary>
internal static class BoundedText
{
    /// <returns>The text (without a byte order mark), or the problem, e.g. "not found", to put after the path.</returns>
    public static (string? Text, string? Problem) Read(string path, int maxBytes, string what)
    {
        if (Directory.Exists(path))
        {
            return (null, $"is a folder, not a {what}");
        }

        if (!File.Exists(path))
        {
            return (null, $"{what} not found");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var buffer = new byte[maxBytes + 1];
            var read = 0;
            int chunk;
            while (read < buffer.Length && (chunk = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += chunk;
            }

            return read > maxBytes
                ? (null, $"larger than {maxBytes / 1024} KB, which no {what} is")
                : (Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF'), null);
        }
        catch (FileNotFoundException)
        {
            // A symbolic link whose target is gone exists as a name but not as a file.
            return (null, $"{what} not found (it is a link to a missing file)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read ({ex.Message})");
        }
    }
}

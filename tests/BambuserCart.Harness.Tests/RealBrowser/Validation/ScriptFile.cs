namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// A test's integration script saved as integration.js in a temporary folder of its own (with any
/// other files its page loads), which goes when the test is done with it: validate and replay take
/// a file, as a merchant gives them one.
/// </summary>
internal sealed class ScriptFile : IDisposable
{
    private readonly string folder;

    private ScriptFile(string folder)
    {
        this.folder = folder;
        Path = System.IO.Path.Combine(folder, "integration.js");
    }

    public string Path { get; }

    /// <param name="script">The integration script.</param>
    /// <param name="besides">Other files of the folder, which its page can load (name, text).</param>
    public static async Task<ScriptFile> WriteAsync(string script, params (string Name, string Text)[] besides)
    {
        var file = new ScriptFile(Directory.CreateTempSubdirectory("bambuser-cart-script-").FullName);
        await File.WriteAllTextAsync(file.Path, script);
        foreach (var (name, text) in besides)
        {
            await File.WriteAllTextAsync(System.IO.Path.Combine(file.folder, name), text);
        }

        return file;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

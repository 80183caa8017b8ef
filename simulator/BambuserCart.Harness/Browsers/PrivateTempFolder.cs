namespace BambuserCart.Harness.Browsers;

/// <summary>
/// The temporary folder of one browser session. The Playwright driver and Chromium write profiles,
/// traces and shared-memory files under the temporary folder they inherit; when a run is stopped
/// by a signal they are killed before they tidy up, and those folders stayed behind in /tmp. Each
/// session gives them a folder of its own and deletes it, whatever happened, when it ends.
/// </summary>
internal sealed class PrivateTempFolder
{
    private PrivateTempFolder(string path) => Path = path;

    public string Path { get; }

    public static PrivateTempFolder Create() =>
        new(Directory.CreateTempSubdirectory("bambuser-cart-browser-").FullName);

    /// <summary>
    /// Starts <paramref name="start"/> (which spawns the driver) with TMPDIR pointing here. The
    /// driver copies the environment when it is spawned, so it is set only for that moment.
    /// </summary>
    public async Task<T> InheritedByAsync<T>(Func<Task<T>> start)
    {
        var previous = Environment.GetEnvironmentVariable("TMPDIR");
        Environment.SetEnvironmentVariable("TMPDIR", Path);
        try
        {
            return await start();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previous);
        }
    }

    /// <summary>Removes the folder; a browser still exiting may hold a file for a moment, so it retries briefly.</summary>
    public async Task DeleteAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }
}

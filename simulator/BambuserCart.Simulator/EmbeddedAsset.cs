namespace BambuserCart.Simulator;

/// <summary>Reads the scripts and page templates compiled into this assembly.</summary>
internal static class EmbeddedAsset
{
    public static string Read(string logicalName)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded asset '{logicalName}' is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

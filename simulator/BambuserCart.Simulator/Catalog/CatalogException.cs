namespace BambuserCart.Simulator.Catalog;

/// <summary>A catalog file could not be used; the message names the file and the JSON path.</summary>
public sealed class CatalogException : Exception
{
    public CatalogException(string message)
        : base(message)
    {
    }

    public CatalogException()
    {
    }

    public CatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

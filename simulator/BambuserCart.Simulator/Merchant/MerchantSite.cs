using System.Net;
using Microsoft.Extensions.FileProviders;

namespace BambuserCart.Simulator.Merchant;

/// <summary>
/// Serves a merchant's local page (with its folder) or a bare integration script in a blank host
/// page, on the simulator's origin, so the merchant's relative URLs and the sample backend line up.
/// </summary>
internal static class MerchantSite
{
    public static void MapMerchantSite(this WebApplication app, string directory, string? hostedScript)
    {
        if (hostedScript is not null)
        {
            var html = HostPage(hostedScript);
            app.MapGet(SimulatorOptions.HostPagePath, () => Results.Content(html, "text/html; charset=utf-8"));
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(directory)),
            ServeUnknownFileTypes = false,
        });
    }

    /// <summary>
    /// The page a bare script runs in: the script first (it must define onBambuserOneToOneReady
    /// before the embed loads), then the real embed address, which the harness serves with the fake.
    /// </summary>
    public static string HostPage(string scriptFileName) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>BambuserCart host page for {WebUtility.HtmlEncode(scriptFileName)}</title>
          <script src="/{Uri.EscapeDataString(scriptFileName)}"></script>
          <script src="https://one-to-one.bambuser.com/embed.js" async></script>
        </head>
        <body>
          <h1>Integration under test: {WebUtility.HtmlEncode(scriptFileName)}</h1>
        </body>
        </html>
        """;
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BambuserCart.Simulator.Cart;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace BambuserCart.Simulator.Tests.Cart;

/// <summary>
/// The sample shop on the in-memory test server, with one shopper's session cookie carried
/// between requests the way a browser would.
/// </summary>
internal sealed class ShopClient : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient http;
    private readonly bool ownsApp;
    private string? sessionCookie;

    private ShopClient(WebApplication app, bool ownsApp)
    {
        this.app = app;
        this.ownsApp = ownsApp;
        http = app.GetTestClient();
    }

    public static async Task<ShopClient> StartAsync()
    {
        var app = SimulatorApp.Build(new SimulatorOptions(), builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        return new ShopClient(app, ownsApp: true);
    }

    /// <summary>A second shopper on the same server, with no session yet.</summary>
    public ShopClient OtherShopper() => new(app, ownsApp: false);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POSTs raw text with no Content-Type, as the Cart integration page's example does.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) });

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });

    /// <summary>POSTs URL-encoded fields, as a classic cart form does.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) });

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    public async Task<JsonElement> CartAsync()
    {
        var response = await GetAsync("/cart");
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static IEnumerable<(string Sku, int Quantity)> Lines(JsonElement cart) =>
        cart.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("quantity").GetInt32()));

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            if (sessionCookie is not null)
            {
                request.Headers.Add("Cookie", sessionCookie);
            }

            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                var session = cookies.FirstOrDefault(c => c.StartsWith(ShopSession.CookieName + "=", StringComparison.Ordinal));
                if (session is not null)
                {
                    sessionCookie = session.Split(';')[0];
                }
            }

            return response;
        }
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (ownsApp)
        {
            await app.DisposeAsync();
        }
    }
}

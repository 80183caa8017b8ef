using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BambuserCart.Harness.Hosting;

namespace BambuserCart.Harness.Tests.Hosting;

/// <summary>The sample shop's cart API under concurrent load, over a real socket to 127.0.0.1.</summary>
public sealed class CartApiConcurrencyTests
{
    private const int Sessions = 100;
    private const int RequestsPerSession = 20;

    // Sessions in flight at once: 20 × 20 connections, each a client and a server socket in this
    // process, stays well inside a default 1024 open-file limit.
    private const int SessionsAtOnce = 20;

    [Test]
    public async Task Hundred_sessions_of_twenty_concurrent_adds_lose_no_update_never_pass_stock_and_never_leak()
    {
        await using var shop = await SimulatorServer.StartAsync();
        using var gate = new SemaphoreSlim(SessionsAtOnce);

        var problems = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
        {
            await gate.WaitAsync();
            try
            {
                // Alternating a SKU with plenty of stock (every add must count) and one with 2 left.
                var sku = session % 2 == 0 ? "SHIRT-BLUE-M" : "WATCH-STEEL";
                return await PlaySessionAsync(shop, sku, shop.Catalog.Find(sku)!.Stock);
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.That(problems.SelectMany((p, i) => p.Select(problem => $"session {i + 1}: {problem}")), Is.Empty);
    }

    private static async Task<List<string>> PlaySessionAsync(SimulatorServer shop, string sku, int stock)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseProxy = false, MaxConnectionsPerServer = RequestsPerSession };
        using var http = new HttpClient(handler) { BaseAddress = shop.BaseUrl };
        (await http.GetAsync(new Uri("cart", UriKind.Relative))).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, RequestsPerSession).Select(async _ =>
        {
            using var response = await http.PostAsJsonAsync(new Uri("cart/add", UriKind.Relative), new { sku, quantity = 1 });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        var cart = JsonDocument.Parse(await http.GetStringAsync(new Uri("cart", UriKind.Relative))).RootElement.GetProperty("items");

        var problems = new List<string>();
        var added = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        foreach (var (status, body) in answers)
        {
            if (WellFormed(status, body) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var lines = cart.EnumerateArray().Select(l => (Sku: l.GetProperty("sku").GetString(), Quantity: l.GetProperty("quantity").GetInt32())).ToList();
        var expected = Math.Min(RequestsPerSession, stock);
        if (added != expected)
        {
            problems.Add($"{added} adds of {sku} answered 200, expected {expected} ({stock} in stock)");
        }

        if (lines.Count != 1 || lines[0].Sku != sku || lines[0].Quantity != added)
        {
            problems.Add($"the cart holds [{string.Join(", ", lines)}], expected only {sku} × {added}: an update was lost, or a line leaked in from another session");
        }

        return problems;
    }

    // Every answer is a cart (200) or the out-of-stock error (409) as JSON: nothing torn or half-written.
    private static string? WellFormed(HttpStatusCode status, string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return status switch
            {
                HttpStatusCode.OK when json.TryGetProperty("items", out _) => null,
                HttpStatusCode.Conflict when json.GetProperty("error").GetString() == "out-of-stock" => null,
                _ => $"answer {(int)status} {body}",
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException)
        {
            return $"answer {(int)status} is not the expected JSON: {body}";
        }
    }
}

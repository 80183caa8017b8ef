using BambuserCart.Simulator.Catalog;

namespace BambuserCart.Simulator.Tests.Catalog;

public sealed class ProductCatalogTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("bambuser-cart-catalog-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void Built_in_catalog_is_the_fixtures_catalog_compiled_in()
    {
        var file = ProductCatalog.Load(Path.Combine(TestFixtures.Directory, "catalog.json"));

        Assert.That(ProductCatalog.BuiltIn.Products, Is.EqualTo(file.Products).And.Not.Empty);
        Assert.That(ProductCatalog.BuiltIn.Currency, Is.EqualTo(file.Currency));
    }

    [Test]
    public void Shipped_catalog_has_an_out_of_stock_and_a_low_stock_sku()
    {
        var catalog = ProductCatalog.BuiltIn;

        Assert.Multiple(() =>
        {
            Assert.That(catalog.Products.Where(p => p.Stock == 0), Is.Not.Empty, "an out-of-stock SKU");
            Assert.That(catalog.Products.Where(p => p.Stock is > 0 and <= 2), Is.Not.Empty, "a low-stock SKU");
        });
    }

    [TestCase("{ \"products\": [ { \"sku\": \"A\", \"name\": \"A\", \"price\": 1, \"stock\": -1 } ] }", "$.products[0].stock")]
    [TestCase("{ \"products\": [ { \"name\": \"A\", \"price\": 1, \"stock\": 1 } ] }", "$.products[0].sku")]
    [TestCase("{ \"products\": [ { \"sku\": \"A\", \"name\": \"A\", \"price\": \"x\", \"stock\": 1 } ] }", "$.products[0].price")]
    [TestCase("{ \"products\": [ { \"sku\": \"A\", \"name\": \"A\", \"price\": 1, \"stock\": 1 }, { \"sku\": \"A\", \"name\": \"B\", \"price\": 1, \"stock\": 1 } ] }", "$.products[1].sku: duplicate")]
    [TestCase("{ \"items\": [] }", "$.products")]
    public void Invalid_catalog_is_refused_naming_file_and_json_path(string json, string expectedPath)
    {
        var path = Write(json);

        var error = Assert.Throws<CatalogException>(() => ProductCatalog.Load(path));

        Assert.That(error.Message, Does.StartWith(path + ": ").And.Contain(expectedPath));
    }

    [Test]
    public void Malformed_catalog_is_refused_naming_the_line()
    {
        var path = Write("{\n  \"products\": [\n    { \"sku\": \"A\", }\n  ]\n}");

        var error = Assert.Throws<CatalogException>(() => ProductCatalog.Load(path));

        Assert.That(error.Message, Does.StartWith($"{path}: line 3: not valid JSON"));
    }

    [Test]
    public void Missing_catalog_is_refused_naming_the_file()
    {
        var path = Path.Combine(directory, "nope.json");

        var error = Assert.Throws<CatalogException>(() => ProductCatalog.Load(path));

        Assert.That(error.Message, Is.EqualTo($"{path}: catalog file not found"));
    }

    private string Write(string json)
    {
        var path = Path.Combine(directory, "catalog.json");
        File.WriteAllText(path, json);
        return path;
    }
}

namespace BambuserCart.Harness.Tests.Runs;

/// <summary>--shard i/n: the same split on every machine, every item in exactly one part.</summary>
public sealed class ShardTests
{
    [TestCase("1/1", 1, 1)]
    [TestCase("2/4", 2, 4)]
    [TestCase("1000/1000", 1000, 1000)]
    public void Shard_reads_i_of_n(string text, int index, int count) =>
        Assert.That(Shard.Parse(text), Is.EqualTo(new Shard(index, count)));

    [TestCase("0/2")]
    [TestCase("3/2")]
    [TestCase("1/0")]
    [TestCase("1/1001")]
    [TestCase("a/b")]
    [TestCase("2")]
    [TestCase("1/2/3")]
    [TestCase(" 1/2")]
    [TestCase("")]
    public void Shard_that_is_not_i_of_n_is_refused_naming_the_option_and_what_came(string text)
    {
        var error = Assert.Throws<FormatException>(() => Shard.Parse(text));

        Assert.That(error!.Message, Is.EqualTo($"expected i/n with 1 ≤ i ≤ n ≤ 1000, e.g. 2/4; got '{text}'"));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    public void Every_item_belongs_to_exactly_one_shard(int count)
    {
        var shards = Enumerable.Range(1, count).Select(i => new Shard(i, count)).ToList();

        var owners = Enumerable.Range(0, 50).Select(item => shards.Count(s => s.Includes(item)));

        Assert.That(owners, Has.All.EqualTo(1));
    }
}

using System.CommandLine;
using BambuserCart.Harness;

namespace BambuserCart.Cli.Commands;

/// <summary><c>--shard i/n</c>, read into a <see cref="Shard"/>; a malformed one is a usage error (exit 2) naming the option.</summary>
internal static class ShardOption
{
    private const string Name = "--shard";

    /// <param name="work">What is split, for the help text ("the scenario files", "the sessions").</param>
    public static Option<Shard> Create(string work) => new(Name)
    {
        Description = $"Run only part i of n of {work} (e.g. 2/4), to split them across CI machines; every machine computes the same split.",
        DefaultValueFactory = _ => Shard.All,
        CustomParser = result =>
        {
            try
            {
                return Shard.Parse(result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty);
            }
            catch (FormatException ex)
            {
                result.AddError($"{Name}: {ex.Message}");
                return Shard.All;
            }
        },
    };
}

using System.CommandLine;
using BambuserCart.Contract;

namespace BambuserCart.Cli.Commands;

/// <summary><c>--check</c> and <c>--skip</c>: repeatable check ids; an unknown one is a usage error (exit 2) listing the known ids.</summary>
internal static class CheckIdOption
{
    public static Option<CheckId[]> Create(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => [],
        CustomParser = result =>
        {
            var ids = new List<CheckId>();
            foreach (var token in result.Tokens)
            {
                if (ContractNames.TryParse<CheckId>(token.Value, out var id))
                {
                    ids.Add(id);
                }
                else
                {
                    result.AddError($"{name}: unknown check id '{token.Value}'; known ids: {string.Join(", ", CheckIds.All)}");
                }
            }

            return [.. ids];
        },
    };
}

using System.CommandLine;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// System.CommandLine hands an unknown "--option" to a positional argument when one is free, so a
/// typo like "--timout 500" would be read as a TARGET or FILE. A token that starts with "-" is never
/// one a user meant as a path or URL: it is refused as an unknown option, before anything runs.
/// </summary>
internal static class UnknownOptions
{
    public static T RefusingOptionLikeTokens<T>(this T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
        return argument;
    }
}

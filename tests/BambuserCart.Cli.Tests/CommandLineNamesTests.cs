using System.CommandLine;
using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Cli.Tests;

/// <summary>The harness's messages name inputs as options; each such option must be one a user can type.</summary>
public sealed class CommandLineNamesTests
{
    [Test]
    public void Every_input_the_harness_names_is_an_option_some_command_has()
    {
        Command[] commands = [ValidateCommand.Create(), ServeCommand.Create(), ReplayCommand.Create(), RecordCommand.Create(), ExploreCommand.Create()];
        var options = commands.SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();

        var missing = Enum.GetValues<RunInput>()
            .Select(input => (Input: input, Name: CommandLineNames.Options[input]))
            .Where(named => !options.Contains(named.Name.Split(' ')[0]))
            .Select(named => $"{named.Input} → '{named.Name}'")
            .ToList();

        Assert.That(missing, Is.Empty, $"names no command has as an option; the commands have {string.Join(", ", options.Order(StringComparer.Ordinal))}");
    }
}

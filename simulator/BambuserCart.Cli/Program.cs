using System.CommandLine;
using BambuserCart.Cli;
using BambuserCart.Cli.Commands;
using BambuserCart.Harness.Inputs;

// The harness names its inputs in messages; here they are options (from parsing on: --shard's own
// error is the harness's). Each command's guard says so again for callers that skip this file.
InputNames.Use(CommandLineNames.Options);

var root = new RootCommand("BambuserCart: an offline simulator and test harness for Bambuser Calls Widget cart integrations.")
{
    ValidateCommand.Create(),
    ServeCommand.Create(),
    ReplayCommand.Create(),
    RecordCommand.Create(),
    ExploreCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad input is exit 2 (1 means "a check failed"): one line per problem, and where to read more.
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }

    var command = parsed.CommandResult.Command == root ? "bambuser-cart" : $"bambuser-cart {parsed.CommandResult.Command.Name}";
    await Console.Error.WriteLineAsync($"(see {command} --help)");
    return ExitCodes.UsageError;
}

using var interrupts = new Interrupts();
// The parser's own signal handling is off: Interrupts cancels the command, which then ends cleanly with 130.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupts.Token);

using System.CommandLine;
using BambuserCart.Cli;
using BambuserCart.Cli.Commands;

var root = new RootCommand("BambuserCart: an offline simulator and test harness for Bambuser Calls Widget cart integrations.")
{
    ValidateCommand.Create(),
    ServeCommand.Create(),
    ReplayCommand.Create(),
    RecordCommand.Create(),
};

var parsed = root.Parse(args);
return parsed.Errors.Count > 0 && parsed.Action is null
    ? ExitCodes.UsageError
    : await parsed.InvokeAsync();

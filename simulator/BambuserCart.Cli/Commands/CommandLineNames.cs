using BambuserCart.Harness.Inputs;

namespace BambuserCart.Cli.Commands;

/// <summary>
/// The harness's inputs as this command line spells them. Program.cs and every command's error guard
/// (<c>CommandErrors.GuardAsync</c>) hand these to the harness, so its messages say <c>--cart-probe</c> here and <c>CartProbe</c> in a merchant's test;
/// the wording of options lives here, with the options.
/// </summary>
internal static class CommandLineNames
{
    public static InputNames Options { get; } = new(input => input switch
    {
        RunInput.Target => "--target",
        RunInput.SampleBackend => "--backend sample",
        RunInput.Sku => "--sku",
        RunInput.OutOfStockSku => "--out-of-stock-sku",
        RunInput.UnknownSku => "--unknown-sku",
        RunInput.ProductUrl => "--product-url",
        RunInput.CartProbe => "--cart-probe",
        RunInput.CartApi => "--cart-api",
        RunInput.CartLatency => "--cart-latency",
        RunInput.CallbackTimeout => "--timeout",
        RunInput.MaxTime => "--max-time",
        RunInput.Strict => "--strict",
        RunInput.Override => "--set",
        RunInput.Overwrite => "--force",
        RunInput.Port => "--port",
        RunInput.Browser => "--browser",
        RunInput.Connect => "--connect",
        RunInput.Runs => "--runs",
        RunInput.Steps => "--steps",
        RunInput.TimeBudget => "--time-budget",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "an input the command line has no option for"),
    });
}

namespace BambuserCart.Harness.Inputs;

/// <summary>
/// How messages name a <see cref="RunInput"/>. The harness cannot know which front end gave it its
/// inputs, and its messages are built deep inside checks and loaders, so the front end says it once
/// for its whole flow: the command line calls <see cref="Use"/> at start-up; a merchant's test does
/// nothing and reads the names of the settings it set (<see cref="Library"/>).
/// </summary>
public sealed class InputNames
{
    // Async-local, not a plain static: a front end's choice flows into everything it awaits and no further,
    // so two callers in one process (a test host, say) never see each other's names.
    private static readonly AsyncLocal<InputNames?> Chosen = new();

    private readonly Func<RunInput, string> name;

    /// <param name="name">The name of every input; it must answer for each one.</param>
    public InputNames(Func<RunInput, string> name) => this.name = name;

    /// <summary>The names of the library's settings and parameters (<c>CartProbe</c>, <c>MaxRunSeconds</c>).</summary>
    public static InputNames Library { get; } = new(input => input switch
    {
        RunInput.Target => "target",
        RunInput.SampleBackend => "SampleBackend",
        RunInput.Sku => "Skus",
        RunInput.MaxTime => "MaxRunSeconds",
        RunInput.CallbackTimeout => "CallbackTimeoutMs",
        RunInput.CartLatency => "CartLatencyMs",
        RunInput.Override => "override",
        RunInput.Overwrite => "overwrite: true",
        RunInput.Browser => "the browser path",
        RunInput.Connect => "the browser server endpoint",
        RunInput.Steps => "MaxSteps",
        _ => input.ToString(),
    });

    /// <summary>The names in use in this flow: <see cref="Library"/> unless a front end chose others.</summary>
    public static InputNames Current => Chosen.Value ?? Library;

    /// <summary>Names every input from here on in the calling flow (and what it starts).</summary>
    public static void Use(InputNames names) => Chosen.Value = names;

    public string this[RunInput input] => name(input);
}

public static class RunInputNaming
{
    /// <summary>The input's name in the current flow: <c>--cart-probe</c> on the command line, <c>CartProbe</c> in a library call.</summary>
    public static string Named(this RunInput input) => InputNames.Current[input];
}

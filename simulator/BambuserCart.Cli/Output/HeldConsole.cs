using Spectre.Console;
using Spectre.Console.Rendering;

namespace BambuserCart.Cli.Output;

/// <summary>
/// A console that holds what is written to it and writes it to the real console later, in one
/// piece: runs side by side each write into their own, so their blocks never interleave. It lays
/// out for the real console (same profile), so a held block looks as if it had been written directly.
/// </summary>
internal sealed class HeldConsole : IAnsiConsole
{
    private readonly IAnsiConsole console;
    private readonly List<Action<IAnsiConsole>> held = [];

    public HeldConsole(IAnsiConsole console) => this.console = console;

    public Profile Profile => console.Profile;

    public IAnsiConsoleCursor Cursor => console.Cursor;

    public IAnsiConsoleInput Input => console.Input;

    public IExclusivityMode ExclusivityMode => console.ExclusivityMode;

    public RenderPipeline Pipeline => console.Pipeline;

    public void Clear(bool home)
    {
        // Nothing to clear: the held block has not been shown yet.
    }

    public void Write(IRenderable renderable) => held.Add(real => real.Write(renderable));

    public void WriteAnsi(Action<AnsiWriter> action) => held.Add(real => real.WriteAnsi(action));

    /// <summary>Writes everything held to the real console, in order.</summary>
    public void Release()
    {
        foreach (var write in held)
        {
            write(console);
        }

        held.Clear();
    }
}

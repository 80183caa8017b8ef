using BambuserCart.Cli.Commands;
using BambuserCart.Cli.Output;
using BambuserCart.Contract;
using BambuserCart.Harness.Validation;
using Spectre.Console.Testing;

namespace BambuserCart.Cli.Tests;

/// <summary>Text from a page or a file never drives the terminal: control characters are shown, not obeyed.</summary>
public sealed class TerminalTextTests
{
    [TestCase("plain text", "plain text")]
    [TestCase("\u001b[2Jwiped", "\\u001b[2Jwiped")]
    [TestCase("bell\u0007 and tab\t", "bell\\u0007 and tab\\u0009")]
    [TestCase("line one\nline two", "line one\nline two")]
    [TestCase("abc\u202eevil", "abc\\u202eevil")]
    public void Control_characters_are_shown_escaped_and_line_breaks_kept(string text, string shown)
    {
        Assert.That(TerminalText.Clean(text), Is.EqualTo(shown));
    }

    [Test]
    public async Task Escape_sequence_in_a_page_error_reaches_the_console_as_text()
    {
        var folder = Directory.CreateTempSubdirectory("bambuser-cart-escape-").FullName;
        try
        {
            var script = Path.Combine(folder, "integration.js");
            await File.WriteAllTextAsync(script, "window.onBambuserOneToOneReady = () => { throw new Error('\\u001b[2J\\u001b]0;pwned\\u0007 boom'); };\n");
            var console = new TestConsole();
            var request = new ValidateRequest([script], new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.EmbedReadyHandler } }, null, null, null, Quiet: false, BrowserPath: null);

            await ValidateCommand.RunAsync(request, console, TextWriter.Null, CancellationToken.None);

            Assert.That(console.Output, Does.Not.Contain('\u001b').And.Not.Contain('\u0007'));
            Assert.That(console.Output, Does.Contain("\\u001b[2J\\u001b]0;pwned\\u0007 boom"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

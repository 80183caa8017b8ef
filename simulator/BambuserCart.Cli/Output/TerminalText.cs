using System.Globalization;
using System.Text;

namespace BambuserCart.Cli.Output;

/// <summary>
/// Text from a page or a file, made safe for a terminal: control characters (an escape sequence
/// could recolour, move the cursor or retitle the window) are shown as \u001b and the like.
/// Line breaks stay, as they are the layout.
/// </summary>
internal static class TerminalText
{
    public static string Clean(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (IsUnsafe(character))
            {
                clean.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            }
            else
            {
                clean.Append(character);
            }
        }

        return clean.ToString();
    }

    private static bool IsUnsafe(char character) =>
        character != '\n' && (char.IsControl(character) || character is '\u2028' or '\u2029' or '\u202e');
}

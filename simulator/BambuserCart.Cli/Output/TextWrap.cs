using System.Text;

namespace BambuserCart.Cli.Output;

/// <summary>Word wrapping for plain text; a word longer than the width (a URL) gets a line of its own.</summary>
internal static class TextWrap
{
    public static IEnumerable<string> Lines(string text, int width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            yield return line.ToString();
        }
    }
}

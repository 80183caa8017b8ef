using System.Text;
using System.Text.Json;

namespace BambuserCart.Harness.Scenarios.Loading;

/// <summary>Where each value of a JSON text starts: its JSON pointer → its 1-based line, for "file:line" in messages.</summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps a text that has already parsed; a text that does not parse maps nothing.</summary>
    public static JsonLineMap Of(string json)
    {
        var map = new JsonLineMap();
        var bytes = Encoding.UTF8.GetBytes(json);
        var newlines = new List<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        int LineOf(long offset)
        {
            var index = newlines.BinarySearch((int)offset);
            return (index < 0 ? ~index : index) + 1;
        }

        try
        {
            map.Walk(new Utf8JsonReader(bytes), LineOf);
        }
        catch (JsonException)
        {
            // Not JSON: the parser's own error names the line.
        }

        return map;
    }

    /// <summary>
    /// The line of the value at <paramref name="pointer"/>, or of its nearest parent in the file;
    /// null when the file has neither (a value an override created), rather than line 1.
    /// </summary>
    public int? LineOf(string pointer)
    {
        for (var current = pointer; current.Length > 0; current = current[..current.LastIndexOf('/')])
        {
            if (lines.TryGetValue(current, out var line))
            {
                return line;
            }
        }

        return pointer.Length == 0 && lines.TryGetValue(string.Empty, out var root) ? root : null;
    }

    private void Walk(Utf8JsonReader reader, Func<long, int> lineOf)
    {
        // Each open container: its pointer, and for arrays the next index.
        var containers = new Stack<(string Pointer, int NextIndex, bool IsArray)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            string? pointer = null;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = containers.Peek().Pointer + "/" + Escape(reader.GetString()!);
                lines.TryAdd(pendingProperty, lineOf(reader.TokenStartIndex));
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }

            if (containers.Count == 0)
            {
                pointer = string.Empty;
            }
            else if (containers.Peek().IsArray)
            {
                var (parent, index, _) = containers.Pop();
                containers.Push((parent, index + 1, true));
                pointer = $"{parent}/{index}";
            }
            else
            {
                pointer = pendingProperty!;
            }

            lines.TryAdd(pointer, lineOf(reader.TokenStartIndex));
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((pointer, 0, reader.TokenType == JsonTokenType.StartArray));
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

using System.Text.RegularExpressions;

namespace BambuserCart.Harness.Scenarios.Loading;

/// <summary>A JSON syntax error in a person's words: the parser's first sentence and the column, without .NET's reader advice.</summary>
internal static partial class JsonSyntax
{
    public static string Explain(System.Text.Json.JsonException error)
    {
        var message = Location().Replace(error.Message, string.Empty).Trim();
        message = message
            .Replace(" which is not supported in this mode. Change the reader options.", " (remove it)", StringComparison.Ordinal)
            .Replace("Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.", "the file ends with an object or list still open (a } or ] is missing)", StringComparison.Ordinal)
            .Replace("The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, while reading 'Utf8JsonReader'.", "the file is empty", StringComparison.Ordinal);
        message = ReaderAdvice().Replace(message, string.Empty).TrimEnd('.', ' ');
        var column = error.BytePositionInLine is { } position ? $" (column {position + 1})" : string.Empty;
        return $"{message}{column}";
    }

    // " Path: $.steps[0] | LineNumber: 2 | BytePositionInLine: 42." — the line is given separately.
    [GeneratedRegex(@"\s*(Path: [^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex Location();

    // Advice meant for the programmer who configured the reader, not for the author of the file.
    [GeneratedRegex(@"\s*(Change the reader options|Consider using [^.]*)\.?")]
    private static partial Regex ReaderAdvice();
}

using System.Text;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>
/// Makes stored text clean and faithful: line endings unified, NUL and control characters, BOMs and bidi
/// overrides/isolates removed (they can reorder what a reader sees), trailing spaces trimmed, runs of blank lines
/// collapsed to one. Letters are never changed: normalization is for search keys only.
/// </summary>
public static class TextCleaner
{
    public static string Clean(string text)
    {
        var unified = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var sb = new StringBuilder(unified.Length);
        foreach (var c in unified)
        {
            if (c == '\n') sb.Append(c);
            else if (c == '\t') sb.Append(' ');
            else if (!IsDropped(c)) sb.Append(c);
        }
        var result = new StringBuilder(sb.Length);
        var pendingBlank = false;
        foreach (var raw in sb.ToString().Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0) { pendingBlank = result.Length > 0; continue; }
            if (result.Length > 0) result.Append(pendingBlank ? "\n\n" : "\n");
            pendingBlank = false;
            result.Append(line);
        }
        return result.ToString();
    }

    /// <summary>One line (a title, an outlet) cleaned the same way; null when nothing is left.</summary>
    public static string? Line(string? text) =>
        text is null ? null : Clean(text).Replace('\n', ' ').Trim() is { Length: > 0 } line ? line : null;

    private static bool IsDropped(char c) =>
        char.IsControl(c)
        || c is '\uFEFF' or '\u200B' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}

using System.Globalization;
using System.Text.Json;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>Metadata given beside the text: front matter in .txt/.md, or a NAME.meta.json sidecar.</summary>
public sealed record ArticleMetadata(string? Title, string? Url, string? Source, DateRange? Published)
{
    public static readonly ArticleMetadata None = new(null, null, null, null);

    /// <summary>
    /// Metadata as a file gives it, made safe to store and show: title and outlet cleaned as article text is (bidi
    /// controls could make them read otherwise), and the address kept only when it is http or https, because the reader
    /// shows it as a link (a javascript: or data: one would run in the reader's page).
    /// </summary>
    public static ArticleMetadata FromFile(string? title, string? url, string? source, DateRange? published) =>
        new(TextCleaner.Line(title), WebUrl(url), TextCleaner.Line(source), published);

    /// <summary>The address trimmed when it is an absolute http or https one; null otherwise.</summary>
    public static string? WebUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url.Trim() : null;

    /// <summary>
    /// Splits a leading front-matter block (between --- lines) off the text. Keys: url, title, source, published
    /// (YYYY, YYYY-MM or YYYY-MM-DD; a leading ~ or estimated: true marks it estimated).
    /// </summary>
    public static (ArticleMetadata Metadata, string Body) SplitFrontMatter(string text)
    {
        var t = text.TrimStart('\uFEFF');
        if (!t.StartsWith("---\n") && !t.StartsWith("---\r\n")) return (None, text);
        var end = t.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0) return (None, text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in t[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"', '\'');
        }
        var bodyStart = t.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : t[(bodyStart + 1)..];
        return (FromValues(values), body);
    }

    /// <summary>Reads NAME.meta.json beside <paramref name="path"/> when it exists.</summary>
    public static ArticleMetadata FromSidecar(string path)
    {
        var sidecar = Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + ".meta.json");
        if (!File.Exists(sidecar)) return None;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(sidecar));
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return FromValues(values);
        }
        catch (JsonException ex)
        {
            throw new ArticleRejectedException(RejectReason.Unsupported, Path.GetFileName(path), $"its metadata file {Path.GetFileName(sidecar)} is not valid JSON ({ex.Message})");
        }
    }

    private static ArticleMetadata FromValues(Dictionary<string, string> v)
    {
        var estimated = v.TryGetValue("estimated", out var e) && e.Equals("true", StringComparison.OrdinalIgnoreCase);
        var published = v.TryGetValue("published", out var p) ? ParseDate(p, estimated) : null;
        return FromFile(v.GetValueOrDefault("title"), v.GetValueOrDefault("url"), v.GetValueOrDefault("source"), published);
    }

    /// <summary>
    /// YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Q1..Q4, YYYY-H1/H2 or an ISO date-time; a leading ~ means estimated. Null when
    /// unreadable or outside <see cref="DateRange.Earliest"/>..<see cref="DateRange.Latest"/>: the Core's one date parser.
    /// </summary>
    public static DateRange? ParseDate(string? value, bool estimated = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var s = value.Trim();
        if (s.StartsWith('~')) { estimated = true; s = s[1..].Trim(); }
        var inv = CultureInfo.InvariantCulture;
        // Each year is checked before a range is built from it: a month or quarter of year 9999 would overflow.
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", inv, DateTimeStyles.None, out var day)) return DateRange.Holds(day.Year) ? DateRange.Day(day, estimated) : null;
        if (DateOnly.TryParseExact(s, "yyyy-MM", inv, DateTimeStyles.None, out var month)) return DateRange.Holds(month.Year) ? DateRange.Month(month.Year, month.Month, estimated) : null;
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, inv, out var year)) return DateRange.Holds(year) ? DateRange.Year(year, estimated) : null;
        // A quarter or a half, as editors date what the news gives no closer than that ("in the first quarter of 2025").
        if (s.Length == 7 && s[4] == '-' && int.TryParse(s[..4], NumberStyles.None, inv, out year) && s[6] is >= '1' and <= '4')
        {
            if (!DateRange.Holds(year)) return null;
            if (s[5] is 'Q' or 'q') return DateRange.Quarter(year, s[6] - '0', estimated);
            if (s[5] is 'H' or 'h' && s[6] is '1' or '2')
                return new DateRange(new DateOnly(year, s[6] == '1' ? 1 : 7, 1), new DateOnly(year, s[6] == '1' ? 6 : 12, s[6] == '1' ? 30 : 31), DateGranularity.Half, estimated);
        }
        if (DateTimeOffset.TryParse(s, inv, DateTimeStyles.AssumeUniversal, out var dt) && DateRange.Holds(dt.UtcDateTime.Year))
            return DateRange.Day(DateOnly.FromDateTime(dt.UtcDateTime), estimated);
        return null;
    }
}

using System.Globalization;
using System.Text.Json;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>Metadata given beside the text: front matter in .txt/.md, or a NAME.meta.json sidecar.</summary>
public sealed partial record ArticleMetadata(string? Title, string? Url, string? Source, DateRange? Published)
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
    /// The publication date a text gives at its top, when nothing else did: a labelled line (تاريخ النشر: …، نُشر في …)
    /// or a line that is only a date (الجمعة 12 سبتمبر 2025 - 10:45), among the first lines; else the full date the
    /// first sentence opens with (في 12 سبتمبر 2025، أعلنت…), as an estimate, since a story may open on an earlier day.
    /// </summary>
    public static (DateRange Range, DateOrigin From)? DateLine(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(5).ToList();
        foreach (var line in lines)
            if (LineDate(line) is { } d) return (d, DateOrigin.DateLine);
        if (lines.FirstOrDefault() is { } opening && OpensWithDate().IsMatch(opening)
            && Extraction.DateExtractor.Read(opening[..Math.Min(opening.Length, 60)]) is [{ Range: { Granularity: DateGranularity.Day, IsHeld: true } day, Span.Start: < 8 }, ..])
            return (day with { Estimated = true }, DateOrigin.FirstSentence);
        return null;
    }

    /// <summary>The day a line gives when it is a date line: labelled, or nothing but a date (and a time of day).</summary>
    public static DateRange? LineDate(string line)
    {
        if (line.Length > 80) return null;
        var bare = Clock().Replace(line, " ");
        var labelled = DateLabel().Match(bare);
        return (labelled.Success ? ParseDate(bare[labelled.Length..]) : WholeDate(bare)) is { Granularity: DateGranularity.Day } d ? d : null;
    }

    // A time of day beside the date (10:45, 10:45 ص, 22:10 GMT) says nothing of the day.
    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|صباحا|مساء|صباحًا|مساءً|AM|PM|am|pm|GMT|UTC|بتوقيت\s+\S+)?")]
    private static partial System.Text.RegularExpressions.Regex Clock();

    // A publication label; "آخر تحديث" (last updated) is not one.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:تاريخ\s+النشر|نشر\s+في|نُشر\s+في|نشر\s+بتاريخ|نُشر\s+بتاريخ|تم\s+النشر|تاريخ)\s*[:：\-–]?\s*")]
    private static partial System.Text.RegularExpressions.Regex DateLabel();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:و?في|يوم|بتاريخ)\s")]
    private static partial System.Text.RegularExpressions.Regex OpensWithDate();

    /// <summary>The one date <paramref name="value"/> names when nothing but that date is written (a weekday, «في» and punctuation aside).</summary>
    private static DateRange? WholeDate(string value)
    {
        if (Extraction.DateExtractor.Read(value) is not [var only] || !only.Range.IsHeld) return null;
        var rest = (value[..only.Span.Start] + " " + value[only.Span.End..]).Trim();
        return rest.Length == 0 || Leftover().IsMatch(rest) ? only.Range : null;
    }

    // The normalizer's own fold for digits (Arabic-Indic and Persian to Latin), and nothing else of it.
    private static string LatinDigits(string s) => string.Create(s.Length, s, (span, src) =>
    {
        for (var i = 0; i < src.Length; i++) span[i] = char.IsDigit(src[i]) ? Text.ArabicNormalizer.Fold(src[i]) : src[i];
    });

    // What may stand beside a date in a field or a date line: في، بتاريخ، a weekday, and punctuation.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[\s\p{P}]|في|بتاريخ|يوم|ال(?:سبت|أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة))*$")]
    private static partial System.Text.RegularExpressions.Regex Leftover();

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
        // The same forms in Arabic-Indic or Persian digits (٢٠٢٥-٠٩), then a date as Arabic writes it (12 سبتمبر 2025,
        // أيلول 2025, الجمعة ١٢ سبتمبر): the article rules' own reading, held to the whole value.
        var latin = LatinDigits(s);
        if (latin != s) return ParseDate(estimated ? "~" + latin : latin);
        return WholeDate(s) is { } written ? written with { Estimated = estimated || written.Estimated } : null;
    }
}

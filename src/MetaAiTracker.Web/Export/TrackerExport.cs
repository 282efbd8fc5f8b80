using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Export;

/// <summary>
/// Writes the store as the versioned export format of docs/export-format.md (JSON) or as one CSV row per item.
/// Both stream, so a large store is never held in memory.
/// </summary>
public static class TrackerExport
{
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Arabic stays readable in the file instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteJsonAsync(TrackerDbContext db, Stream output, bool includeText, CancellationToken ct = default)
    {
        await using var w = new Utf8JsonWriter(output, WriterOptions);
        var entities = await db.Entities.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        w.WriteStartObject();
        w.WriteString("format", "metaaitracker-export");
        w.WriteNumber("version", FormatVersion);
        w.WriteString("generatedAt", DateTimeOffset.UtcNow);

        w.WriteStartArray("articles");
        await foreach (var a in db.Articles.AsNoTracking().Include(a => a.Themes).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteNumber("id", a.Id);
            w.WriteString("fileName", a.FileName);
            w.WriteString("title", a.Title);
            w.WriteString("url", a.Url);
            w.WriteString("source", a.Source);
            WriteDate(w, "published", a.PublishedStart, a.PublishedEnd, a.PublishedGranularity, a.PublishedEstimated, null);
            w.WriteBoolean("isRelevant", a.IsRelevant);
            w.WriteNumber("relevanceScore", Math.Round(a.RelevanceScore, 3));
            WriteStrings(w, "themes", a.Themes.Select(t => t.ThemeKey));
            w.WriteString("stance", Lower(a.Stance));
            w.WriteString("extractorVersion", a.ExtractorVersion);
            w.WriteString("contentHash", a.ContentHash);
            w.WriteNumber("storyId", a.StoryId ?? a.Id);
            w.WriteBoolean("isOrigin", a.IsOrigin);
            if (includeText) w.WriteString("text", a.Text);
            w.WriteEndObject();
            await FlushIfFullAsync(w, ct);
        }
        w.WriteEndArray();

        var appearances = await AppearancesAsync(db, ct);
        foreach (var kind in new[] { ItemKind.Quote, ItemKind.Event, ItemKind.Claim })
        {
            w.WriteStartArray(kind switch { ItemKind.Quote => "quotes", ItemKind.Event => "events", _ => "claims" });
            var query = db.Items.AsNoTracking().Where(i => i.Kind == kind).Include(i => i.Themes).Include(i => i.Amounts).Include(i => i.Actors)
                .OrderBy(i => i.ArticleId).ThenBy(i => i.Start).AsSplitQuery();
            await foreach (var i in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                w.WriteStartObject();
                w.WriteNumber("id", i.Id);
                w.WriteNumber("articleId", i.ArticleId);
                switch (kind)
                {
                    case ItemKind.Quote:
                        WriteSpeaker(w, i, entities);
                        w.WriteString("text", i.Text);
                        w.WriteString("kind", Lower(i.QuoteKind ?? QuoteKind.Direct));
                        w.WriteString("cue", i.Cue);
                        if (i.StatementId is { } sid) w.WriteNumber("statementId", sid); else w.WriteNull("statementId");
                        w.WriteStartArray("appearances");
                        foreach (var articleId in i.StatementId is { } st && appearances.TryGetValue(st, out var list) ? list : [i.ArticleId])
                            w.WriteNumberValue(articleId);
                        w.WriteEndArray();
                        break;
                    case ItemKind.Event:
                        w.WriteString("summary", i.Summary);
                        w.WriteString("eventType", i.EventType);
                        w.WriteString("text", i.Text);
                        WriteDate(w, "date", i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated, i.DateText ?? "");
                        w.WriteStartArray("amounts");
                        foreach (var m in i.Amounts.OrderBy(m => m.Start))
                        {
                            w.WriteStartObject();
                            WriteAmount(w, m);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        WriteStrings(w, "actors", i.Actors.Select(a => a.EntityId));
                        break;
                    case ItemKind.Claim:
                        w.WriteString("text", i.Text);
                        w.WriteBoolean("hedged", i.Hedged);
                        w.WriteBoolean("negated", i.Negated);
                        break;
                }
                if (kind != ItemKind.Event)
                    WriteDate(w, "date", i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated, null);
                w.WriteNumber("start", i.Start);
                w.WriteNumber("end", i.End);
                WriteStrings(w, "themes", i.Themes.Select(t => t.ThemeKey));
                w.WriteString("stance", Lower(i.Stance));
                w.WriteNumber("confidence", Math.Round(i.Confidence, 3));
                w.WriteString("status", Lower(i.Status));
                w.WriteBoolean("isMilestone", i.IsMilestone);
                w.WriteString("extractorVersion", i.ExtractorVersion);
                w.WriteEndObject();
                await FlushIfFullAsync(w, ct);
            }
            w.WriteEndArray();
        }

        w.WriteStartArray("figures");
        await foreach (var f in db.ArticleFigures.AsNoTracking().OrderBy(f => f.ArticleId).ThenBy(f => f.Start).AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteNumber("articleId", f.ArticleId);
            WriteAmount(w, f);
            WriteDate(w, "date", f.DateStart, f.DateEnd, f.DateGranularity, f.DateEstimated, f.DateText ?? "");
            w.WriteEndObject();
            await FlushIfFullAsync(w, ct);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    /// <summary>
    /// Per statement, the articles its quotes appear in (not rejected ones), the first appearance first: by
    /// publication date, an undated article last, then by article id (the order <see cref="Ingestion.StatementLinker"/> keeps).
    /// </summary>
    private static async Task<Dictionary<int, List<int>>> AppearancesAsync(TrackerDbContext db, CancellationToken ct)
    {
        var rows = await db.Items.AsNoTracking().Where(i => i.StatementId != null && i.Status != ReviewStatus.Rejected)
            .Select(i => new { Statement = i.StatementId!.Value, i.ArticleId, i.Article!.PublishedStart })
            .OrderBy(r => r.PublishedStart == null).ThenBy(r => r.PublishedStart).ThenBy(r => r.ArticleId)
            .ToListAsync(ct);
        var result = new Dictionary<int, List<int>>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.Statement, out var list)) result[r.Statement] = list = [];
            if (list.Count == 0 || list[^1] != r.ArticleId) list.Add(r.ArticleId);
        }
        return result;
    }

    private static void WriteAmount(Utf8JsonWriter w, StoredAmount a)
    {
        w.WriteNumber("value", a.Value);
        w.WriteString("unit", a.Unit);
        w.WriteString("currency", a.Currency);
        w.WriteString("text", a.Text);
        w.WriteString("qualifier", a.Qualifier);
        w.WriteNumber("start", a.Start);
        w.WriteNumber("end", a.End);
    }

    private static readonly string[] CsvColumns =
        ["kind", "id", "articleId", "articleTitle", "start", "end", "text", "speakerId", "speakerName", "quoteKind", "cue",
         "eventType", "dateStart", "dateEnd", "dateGranularity", "dateEstimated", "dateText", "amounts", "stance", "hedged",
         "themes", "confidence", "status", "isMilestone"];

    /// <summary>One row per item, RFC 4180 quoting, UTF-8 with BOM so spreadsheet programs show the Arabic.</summary>
    public static async Task WriteCsvAsync(TrackerDbContext db, Stream output, CancellationToken ct = default)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true) { NewLine = "\r\n" };
        await w.WriteLineAsync(string.Join(',', CsvColumns));
        var query = db.Items.AsNoTracking().Include(i => i.Article).Include(i => i.Themes).Include(i => i.Amounts)
            .OrderBy(i => i.ArticleId).ThenBy(i => i.Start).AsSplitQuery();
        await foreach (var i in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            string?[] row =
            [
                Lower(i.Kind), i.Id.ToString(CultureInfo.InvariantCulture), i.ArticleId.ToString(CultureInfo.InvariantCulture), i.Article?.Title, i.Start.ToString(CultureInfo.InvariantCulture), i.End.ToString(CultureInfo.InvariantCulture), i.Text,
                i.SpeakerEntityId, i.SpeakerName, i.QuoteKind is { } qk ? Lower(qk) : null, i.Cue, i.EventType,
                i.DateStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.DateEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), i.DateGranularity is { } g ? Lower(g) : null,
                i.DateEstimated ? "true" : "false", i.DateText,
                string.Join("; ", i.Amounts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Value:R} {a.Unit}"))), Lower(i.Stance), i.Hedged ? "true" : "false",
                string.Join(';', i.Themes.Select(t => t.ThemeKey)), i.Confidence.ToString("0.###", CultureInfo.InvariantCulture), Lower(i.Status),
                i.IsMilestone ? "true" : "false",
            ];
            await w.WriteLineAsync(string.Join(',', row.Select(Csv)));
        }
    }

    /// <summary>Quotes a CSV field, and defuses a leading = + - @ so a spreadsheet cannot run it as a formula.</summary>
    public static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static void WriteSpeaker(Utf8JsonWriter w, Item i, Dictionary<string, TrackedEntity> entities)
    {
        if (i.SpeakerName is null && i.SpeakerEntityId is null) { w.WriteNull("speaker"); return; }
        w.WriteStartObject("speaker");
        if (i.SpeakerEntityId is { } id && entities.TryGetValue(id, out var e))
        {
            w.WriteString("id", e.Id);
            w.WriteString("name", e.NameEn);
            w.WriteString("nameAr", e.NameAr);
        }
        else
        {
            w.WriteNull("id");
            w.WriteString("name", i.SpeakerName);
            w.WriteString("nameAr", i.SpeakerName);
        }
        w.WriteString("kind", i.SpeakerKind is { } k ? Lower(k) : null);
        w.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateOnly? start, DateOnly? end, DateGranularity? g, bool estimated, string? text)
    {
        if (start is null || end is null || g is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteString("start", start.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("end", end.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("granularity", Lower(g.Value));
        w.WriteBoolean("estimated", estimated);
        if (text is not null) w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values.Order(StringComparer.Ordinal)) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static async Task FlushIfFullAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        if (w.BytesPending > 64 * 1024) await w.FlushAsync(ct);
    }
}

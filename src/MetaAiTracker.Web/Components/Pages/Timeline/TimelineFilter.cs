using System.Globalization;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MetaAiTracker.Web.Components.Pages.Timeline;

public enum Zoom { Year, Quarter, Month }

/// <summary>
/// A view of the timeline as it lives in the URL query string, so a view can be bookmarked, shared and reloaded:
/// <c>/?theme=openness&amp;theme=talent&amp;stance=closed&amp;from=2025-01</c>. Values are lower-case keys; a value
/// that cannot be read is left out and named in <see cref="Problems"/> rather than silently ignored.
/// </summary>
public sealed record TimelineFilter
{
    public IReadOnlyList<string> Themes { get; init; } = [];
    public IReadOnlyList<ItemKind> Kinds { get; init; } = [];
    public IReadOnlyList<Stance> Stances { get; init; } = [];
    public IReadOnlyList<ReviewStatus> Statuses { get; init; } = [];
    /// <summary>A hand-picked selection: only these items (for a briefing of chosen items, or to share them).</summary>
    public IReadOnlyList<int> Items { get; init; } = [];
    public string? Speaker { get; init; }
    public string? Source { get; init; }
    /// <summary>As given, in any form the editors' date field reads (<c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, <c>YYYY-Q2</c>…).</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Query { get; init; }
    /// <summary>Items of articles classified off-topic are hidden unless asked for.</summary>
    public bool OffTopic { get; init; }
    public Zoom Zoom { get; init; } = Zoom.Month;
    public IReadOnlyList<string> Problems { get; init; } = [];

    public DateOnly? FromDate => Bound(From, start: true);
    public DateOnly? ToDate => Bound(To, start: false);

    /// <summary>No filter set (the zoom is a way of looking, not a filter).</summary>
    public bool IsEmpty => (this with { Zoom = Zoom.Month }).ToQueryString().Length == 0;

    public static TimelineFilter FromUri(string uri)
    {
        var query = new Uri(uri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } abs ? abs.Query : uri[(uri.IndexOf('?') is var q && q >= 0 ? q : uri.Length)..];
        var values = QueryHelpers.ParseQuery(query);
        string[] All(string key) => values.TryGetValue(key, out var v) ? [.. v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)] : [];
        string? One(string key) => All(key).FirstOrDefault();
        return Parse(All("theme"), All("kind"), All("stance"), All("status"), One("speaker"), One("source"), One("from"), One("to"), One("q"), One("offtopic"), One("zoom"), All("item"));
    }

    public static TimelineFilter Parse(string[]? theme, string[]? kind, string[]? stance, string[]? status, string? speaker, string? source,
        string? from, string? to, string? q, string? offtopic, string? zoom, string[]? item = null)
    {
        var problems = new List<string>();
        List<T> Enums<T>(string name, string[]? raw) where T : struct, Enum
        {
            var list = new List<T>();
            foreach (var r in raw ?? [])
            {
                if (Enum.TryParse<T>(r, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(r, out _)) { if (!list.Contains(v)) list.Add(v); }
                else problems.Add($"{name}={r}");
            }
            return list;
        }
        string? Date(string name, string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (Bound(raw, true) is not null) return raw.Trim();
            problems.Add($"{name}={raw}");
            return null;
        }
        var filter = new TimelineFilter
        {
            Themes = [.. (theme ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()],
            Kinds = Enums<ItemKind>("kind", kind),
            Stances = Enums<Stance>("stance", stance),
            Statuses = Enums<ReviewStatus>("status", status),
            Speaker = string.IsNullOrWhiteSpace(speaker) ? null : speaker.Trim(),
            Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim(),
            From = Date("from", from),
            To = Date("to", to),
            Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            OffTopic = offtopic is "1" or "true",
            Zoom = Enums<Zoom>("zoom", string.IsNullOrWhiteSpace(zoom) ? [] : [zoom]) is [var z] ? z : Zoom.Month,
            Items = [.. (item ?? []).Where(i =>
            {
                if (int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return true;
                problems.Add($"item={i}");
                return false;
            }).Select(i => int.Parse(i, CultureInfo.InvariantCulture)).Distinct()],
        };
        return filter with { Problems = problems };
    }

    /// <summary>The query string of this view (with its leading '?', or empty), keys in a stable order.</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, StringValues>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) pairs.Add(new(key, value)); }
        foreach (var t in Themes) Add("theme", t);
        foreach (var k in Kinds) Add("kind", Key(k));
        foreach (var s in Stances) Add("stance", Key(s));
        foreach (var s in Statuses) Add("status", Key(s));
        Add("speaker", Speaker);
        Add("source", Source);
        Add("from", From);
        Add("to", To);
        Add("q", Query);
        foreach (var i in Items) Add("item", i.ToString(CultureInfo.InvariantCulture));
        if (OffTopic) Add("offtopic", "1");
        if (Zoom != Zoom.Month) Add("zoom", Key(Zoom));
        return QueryString.Create(pairs).ToUriComponent();
    }

    public string Href(string path = "/") => path + ToQueryString();

    public static string Key<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The first (or last) day of what a bound names, read by the Core's one date parser (and held to its range).</summary>
    public static DateOnly? Bound(string? text, bool start) =>
        ArticleMetadata.ParseDate(text) is { } d ? (start ? d.Start : d.End) : null;

    /// <summary>The first day of the period a date falls in at this zoom.</summary>
    public static DateOnly PeriodStart(DateOnly d, Zoom zoom) => zoom switch
    {
        Zoom.Year => new DateOnly(d.Year, 1, 1),
        Zoom.Quarter => new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(d.Year, d.Month, 1),
    };

    /// <summary>The view narrowed to one period of the chart.</summary>
    public TimelineFilter Narrowed(DateOnly periodStart, Zoom zoom)
    {
        var inv = CultureInfo.InvariantCulture;
        return zoom switch
        {
            Zoom.Year => this with { From = periodStart.Year.ToString(inv), To = periodStart.Year.ToString(inv), Zoom = Zoom.Quarter },
            Zoom.Quarter => this with
            {
                From = periodStart.ToString("yyyy-MM", inv), To = periodStart.AddMonths(2).ToString("yyyy-MM", inv), Zoom = Zoom.Month,
            },
            _ => this with { From = periodStart.ToString("yyyy-MM", inv), To = periodStart.ToString("yyyy-MM", inv), Zoom = Zoom.Month },
        };
    }
}

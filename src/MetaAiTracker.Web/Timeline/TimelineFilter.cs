using System.Globalization;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MetaAiTracker.Web.Timeline;

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
    /// <summary>
    /// Every copy of a syndicated story counted (<c>copies=1</c>, raw counts); by default a story cluster counts once,
    /// through its origin's items.
    /// </summary>
    public bool Copies { get; init; }
    /// <summary>Whether a story counts once here: hand-picked items are shown whichever copy they come from.</summary>
    public bool CountsStoriesOnce => !Copies && Items.Count == 0;
    public Zoom Zoom { get; init; } = Zoom.Month;
    /// <summary>One line per card (<c>layout=compact</c>), each expandable; like the zoom, a way of looking, not a filter.</summary>
    public bool Compact { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];

    public DateOnly? FromDate => Bound(From, start: true);
    public DateOnly? ToDate => Bound(To, start: false);

    /// <summary>No filter set (the zoom and the layout are ways of looking, not filters).</summary>
    public bool IsEmpty => (this with { Zoom = Zoom.Month, Compact = false }).ToQueryString().Length == 0;

    public static TimelineFilter FromUri(string uri)
    {
        var query = new Uri(uri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } abs ? abs.Query : uri[(uri.IndexOf('?') is var q && q >= 0 ? q : uri.Length)..];
        return FromQuery(QueryHelpers.ParseQuery(query).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
    }

    /// <summary>
    /// Reads a view from query pairs (the URL's, or the command line's as the same keys). Unknown keys are not this
    /// filter's (the briefing's <c>lang</c>, a saved <c>view</c>) and are left alone; a value a key cannot read is named
    /// in <see cref="Problems"/>.
    /// </summary>
    public static TimelineFilter FromQuery(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var filter = new TimelineFilter();
        var problems = new List<string>();
        var byKey = pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).GroupBy(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
        foreach (var values in byKey)
            if (Fields.FirstOrDefault(f => f.Key == values.Key) is { } field)
                filter = field.Read(filter, [.. values], bad => problems.Add($"{field.Key}={bad}"));
        return filter with { Problems = problems };
    }

    /// <summary>The query string of this view (with its leading '?', or empty), keys in the table's order.</summary>
    public string ToQueryString() => QueryString.Create(Fields.SelectMany(f => f.Write(this).Select(v => KeyValuePair.Create(f.Key, (string?)v)))).ToUriComponent();

    /// <summary>
    /// The one codec of a view: each query key with how it is read and written. A new filter is a row here, its clause
    /// in <see cref="TimelineQuery"/> and its control on the page.
    /// </summary>
    private static readonly Field[] Fields =
    [
        new("theme", f => f.Themes, (f, v, _) => f with { Themes = [.. v.Select(t => t.ToLowerInvariant()).Distinct()] }),
        new("kind", f => f.Kinds.Select(Key), (f, v, bad) => f with { Kinds = Enums<ItemKind>(v, bad) }),
        new("stance", f => f.Stances.Select(Key), (f, v, bad) => f with { Stances = Enums<Stance>(v, bad) }),
        new("status", f => f.Statuses.Select(Key), (f, v, bad) => f with { Statuses = Enums<ReviewStatus>(v, bad) }),
        new("speaker", f => One(f.Speaker), (f, v, _) => f with { Speaker = v[0] }),
        new("source", f => One(f.Source), (f, v, _) => f with { Source = v[0] }),
        new("from", f => One(f.From), (f, v, bad) => f with { From = Date(v[0], bad) }),
        new("to", f => One(f.To), (f, v, bad) => f with { To = Date(v[0], bad) }),
        new("q", f => One(f.Query), (f, v, _) => f with { Query = v[0] }),
        new("item", f => f.Items.Select(i => i.ToString(CultureInfo.InvariantCulture)), (f, v, bad) => f with { Items = [.. v.Where(i =>
        {
            if (int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return true;
            bad(i);
            return false;
        }).Select(i => int.Parse(i, CultureInfo.InvariantCulture)).Distinct()] }),
        new("offtopic", f => f.OffTopic ? ["1"] : [], (f, v, _) => f with { OffTopic = v[0] is "1" or "true" }),
        new("copies", f => f.Copies ? ["1"] : [], (f, v, _) => f with { Copies = v[0] is "1" or "true" }),
        new("zoom", f => f.Zoom == Zoom.Month ? [] : [Key(f.Zoom)], (f, v, bad) => f with { Zoom = Enums<Zoom>(v[..1], bad) is [var z] ? z : Zoom.Month }),
        // Not "view": the briefing reads that key as a saved view's name.
        new("layout", f => f.Compact ? ["compact"] : [], (f, v, bad) => v[0] switch
        {
            "compact" => f with { Compact = true },
            "full" => f,
            _ => Bad(f, v[0], bad),
        }),
    ];

    private sealed record Field(string Key, Func<TimelineFilter, IEnumerable<string>> Write, Func<TimelineFilter, string[], Action<string>, TimelineFilter> Read);

    private static TimelineFilter Bad(TimelineFilter f, string value, Action<string> bad)
    {
        bad(value);
        return f;
    }

    private static IEnumerable<string> One(string? value) => value is null ? [] : [value];

    private static List<T> Enums<T>(string[] raw, Action<string> bad) where T : struct, Enum
    {
        var list = new List<T>();
        foreach (var r in raw)
        {
            if (Enum.TryParse<T>(r, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(r, out _)) { if (!list.Contains(v)) list.Add(v); }
            else bad(r);
        }
        return list;
    }

    private static string? Date(string raw, Action<string> bad)
    {
        if (Bound(raw, true) is not null) return raw;
        bad(raw);
        return null;
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

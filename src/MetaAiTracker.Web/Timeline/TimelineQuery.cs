using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Timeline;

/// <summary>Which lane an item sits in: placed by a date the text gives, by an estimated date, or nowhere.</summary>
public enum Lane { Dated, Estimated, Undated }

public sealed record TimelineRow(
    int Id, int ArticleId, ItemKind Kind, string Text, string? Summary, Stance Stance, ReviewStatus Status, bool Hedged,
    DateOnly? DateStart, DateOnly? DateEnd, DateGranularity? Granularity, bool Estimated,
    string? SpeakerEntityId, string? SpeakerName, string? Source, string ArticleTitle, List<string> Themes, List<string> Actors)
{
    public Lane Lane => DateStart is null ? Lane.Undated : Estimated ? Lane.Estimated : Lane.Dated;
    /// <summary>The item's span in its article's text (UTF-16 offsets, end exclusive).</summary>
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>The date as the text gives it («هذا العام»), for events.</summary>
    public string? DateText { get; init; }
    /// <summary>
    /// Other readings of the same words: the claim read from an event's sentence (or the undated event read from a
    /// claim's), shown on this row's card rather than as cards of their own (<see cref="TimelineCards"/>).
    /// </summary>
    public List<TimelineRow> Readings { get; } = [];
}

/// <param name="Zoom">The periods' length: the one asked for, or coarser when the dates span more than a chart shows.</param>
public sealed record TimelineSummary(Dictionary<Lane, int> Lanes, List<PeriodCount> Periods, Zoom Zoom)
{
    public int Total => Lanes.Values.Sum();
}

public sealed record PeriodCount(DateOnly Period, int Open, int Closed, int Mixed, int None)
{
    /// <summary>
    /// The fewest open and closed items a period needs for its balance to be shown (chart, briefing): one item would
    /// read as a swing from −1.00 to +1.00.
    /// </summary>
    public const int MinItemsForBalance = 5;

    public int Total => Open + Closed + Mixed + None;
    /// <summary>-1 (all closed) to +1 (all open); null when fewer than <see cref="MinItemsForBalance"/> items lean either way.</summary>
    public double? Balance => Open + Closed < MinItemsForBalance ? null : (Open - Closed) / (double)(Open + Closed);
}

/// <summary>
/// The timeline's queries, straight on the context (one per operation). Items are ordered by date, undated last,
/// so a page of rows is one indexed range read; free text is an FTS5 subquery on the item index, or for a page of a
/// common word a probe per row.
/// </summary>
public static class TimelineQuery
{
    /// <param name="forPage">
    /// The caller reads a page in date order. Themes and actors are then tested per row (EXISTS), so SQLite walks the
    /// timeline index in date order and stops after a page; for counts they are IN (subquery) sets, built once and
    /// probed from the covering index. Measured on 100,000 items: the wrong shape costs 3 to 5 times as much. Free
    /// text is a set for counts and for a rare word, and probed per row for a page of a common one (<see cref="ProbedUntil"/>).
    /// </param>
    public static IQueryable<Item> Filter(TrackerDbContext db, TimelineFilter f, bool forPage = false)
    {
        var q = db.Items.AsNoTracking();
        // Hidden articles: off-topic ones, and the republications of a story (its origin stands for it). Two NOT IN
        // sets, not one with an OR: each is then read from its own partial index instead of every article's row.
        if (!f.OffTopic)
        {
            var offTopic = db.Articles.Where(a => !a.IsRelevant).Select(a => a.Id);
            q = q.Where(i => !offTopic.Contains(i.ArticleId));
        }
        if (f.CountsStoriesOnce)
        {
            var copies = db.Articles.Where(a => !a.IsOrigin).Select(a => a.Id);
            q = q.Where(i => !copies.Contains(i.ArticleId));
        }
        q = f.Statuses.Count > 0 ? q.Where(i => f.Statuses.Contains(i.Status)) : q.Where(i => i.Status != ReviewStatus.Rejected);
        if (f.Kinds.Count > 0) q = q.Where(i => f.Kinds.Contains(i.Kind));
        if (f.Stances.Count > 0) q = q.Where(i => f.Stances.Contains(i.Stance));
        if (f.Themes.Count > 0)
        {
            var themed = db.ItemThemes.Where(t => f.Themes.Contains(t.ThemeKey)).Select(t => t.ItemId);
            q = forPage ? q.Where(i => i.Themes.Any(t => f.Themes.Contains(t.ThemeKey))) : q.Where(i => themed.Contains(i.Id));
        }
        if (f.Speaker is { } speaker)
        {
            var acting = db.ItemActors.Where(a => a.EntityId == speaker).Select(a => a.ItemId);
            q = forPage ? q.Where(i => i.SpeakerEntityId == speaker || i.Actors.Any(a => a.EntityId == speaker))
                : q.Where(i => i.SpeakerEntityId == speaker || acting.Contains(i.Id));
        }
        if (f.Source is { } source)
        {
            var fromSource = db.Articles.Where(a => a.Source == source).Select(a => a.Id);
            q = q.Where(i => fromSource.Contains(i.ArticleId));
        }
        if (f.Items.Count > 0) q = q.Where(i => f.Items.Contains(i.Id));
        if (f.FromDate is { } from) q = q.Where(i => i.DateEnd >= from);
        if (f.ToDate is { } to) q = q.Where(i => i.DateStart <= to);
        if (Core.Text.SearchText.ToMatchQuery(f.Query) is { } match)
        {
            var hits = SearchIndex.MatchingItemIds(db, match);
            // EXISTS … rowid = Id asks FTS5 about one row; EF would turn Any(h => h == i.Id) back into IN.
            q = (forPage ? ProbedUntil(db, match) : null) is { } last
                ? q.Where(i => i.DateStart <= last ? hits.Where(h => h == i.Id).Any() : hits.Contains(i.Id))
                : q.Where(i => hits.Contains(i.Id));
        }
        return q;
    }

    /// <summary>
    /// How far a page of a common word probes FTS5 row by row: to the end of the day of the timeline's
    /// <see cref="ProbedRows"/>th item. A page of <c>المصدر</c> (45,000 hits) then walks the date index and stops after
    /// about 120 probes (13 ms), where reading, looking up and sorting every hit took 55–100 ms. Beyond that day the
    /// hits are read once as a set, so a view in which the word is rare never pays a probe (4 µs to over 50 µs, by
    /// word) for each of its rows. Null for a rare word: its few hits are read first, as they are for counts.
    /// These reads take well under a millisecond, so Filter stays synchronous.
    /// </summary>
    private static DateOnly? ProbedUntil(TrackerDbContext db, string match) => SearchIndex.IsCommonInItems(db, match)
        ? db.Items.Where(i => i.DateStart != null).OrderBy(i => i.DateStart).Skip(ProbedRows).Select(i => i.DateStart).FirstOrDefault()
        : null;

    private const int ProbedRows = 1000;

    /// <summary>
    /// Rows <paramref name="skip"/> to skip+take of the view: dated rows by date, then undated rows by id.
    /// Two reads in index order rather than one query sorting "undated last" over the whole view.
    /// </summary>
    public static async Task<List<TimelineRow>> PageAsync(TrackerDbContext db, IQueryable<Item> filtered, int skip, int take, CancellationToken ct = default)
    {
        // The covering index's own order: a page is a walk that stops after `take` matches. Ordering by (DateStart, Id)
        // instead made SQLite read and sort a whole day's items first (estimated dates put a month's items on one day).
        var dated = Dated(filtered);
        var rows = await RowsAsync(db, dated.Skip(skip).Take(take), ct);
        if (rows.Count == take) return rows;
        var datedCount = rows.Count > 0 ? skip + rows.Count : await dated.CountAsync(ct);
        var undated = filtered.Where(i => i.DateStart == null).OrderBy(i => i.Id);
        rows.AddRange(await RowsAsync(db, undated.Skip(Math.Max(0, skip - datedCount)).Take(take - rows.Count), ct));
        return rows;
    }

    /// <summary>The view's dated items in the covering index's own order, so a page is a walk that stops early.</summary>
    public static IOrderedQueryable<Item> Dated(IQueryable<Item> filtered) => filtered.Where(i => i.DateStart != null)
        .OrderBy(i => i.DateStart).ThenBy(i => i.DateEnd).ThenBy(i => i.DateEstimated).ThenBy(i => i.Stance)
        .ThenBy(i => i.Status).ThenBy(i => i.Kind).ThenBy(i => i.ArticleId).ThenBy(i => i.Id);

    /// <summary>
    /// What a timeline row shows of each item, in the order given. Themes and actors are read by id afterwards:
    /// projecting both collections in the page query would join them into one cartesian result.
    /// </summary>
    public static async Task<List<TimelineRow>> RowsAsync(TrackerDbContext db, IQueryable<Item> items, CancellationToken ct = default)
    {
        var rows = await items.Select(i => new TimelineRow(
            i.Id, i.ArticleId, i.Kind, i.Text, i.Summary, i.Stance, i.Status, i.Hedged,
            i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated,
            i.SpeakerEntityId, i.SpeakerName, i.Article!.Source, i.Article.Title, new List<string>(), new List<string>())
            { Start = i.Start, End = i.End, DateText = i.DateText })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var byId = rows.ToDictionary(r => r.Id);
        foreach (var t in await db.ItemThemes.Where(t => ids.Contains(t.ItemId)).ToListAsync(ct)) byId[t.ItemId].Themes.Add(t.ThemeKey);
        foreach (var a in await db.ItemActors.Where(a => ids.Contains(a.ItemId)).ToListAsync(ct)) byId[a.ItemId].Actors.Add(a.EntityId);
        return rows;
    }

    /// <summary>
    /// How many items each lane of the view holds, and its items per period and stance for the chart (undated items
    /// have no place on it). The periods run over the whole store's dates (or the view's from/to), not the view's
    /// own, so two views of the timeline are drawn on the same axis; a period the view has nothing in is drawn empty.
    /// One grouped scan by raw date, folded into periods here: cheaper than a date function on every row.
    /// </summary>
    public static async Task<TimelineSummary> SummarizeAsync(TrackerDbContext db, TimelineFilter view, CancellationToken ct = default)
    {
        var zoom = view.Zoom;
        // Grouped in the covering index's column order (DateEnd included), so SQLite needs no temporary b-tree.
        var rows = await Filter(db, view).GroupBy(i => new { i.DateStart, i.DateEnd, i.DateEstimated, i.Stance })
            .Select(g => new { g.Key.DateStart, g.Key.DateEstimated, g.Key.Stance, Count = g.Count() })
            .ToListAsync(ct);
        var lanes = rows.GroupBy(r => r.DateStart is null ? Lane.Undated : r.DateEstimated ? Lane.Estimated : Lane.Dated)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var dated = rows.Where(r => r.DateStart is not null).ToList();
        var periods = new List<PeriodCount>();
        if (dated.Count == 0) return new TimelineSummary(lanes, periods, zoom);
        // The store's range, within the view's from/to when it has them; widened to hold every item of the view (a view
        // of rejected items may reach past it, and an item of a year starts before a from in its middle).
        var (min, max) = (dated.Min(r => r.DateStart!.Value), dated.Max(r => r.DateStart!.Value));
        if (await StoreRangeAsync(db, ct) is (var storeFirst, var storeLast))
        {
            min = Min(min, view.FromDate is { } from && from > storeFirst ? from : storeFirst);
            max = Max(max, view.ToDate is { } to && to < storeLast ? to : storeLast);
        }
        // A page draws every period between the first and the last: a wide span is shown in quarters, then in years,
        // and beyond MaxPeriods years only the latest are drawn, so no date makes the chart (and each open page) thousands of bars long.
        while (zoom != Zoom.Year && PeriodsBetween(min, max, zoom) > MaxPeriods) zoom--;
        var step = zoom switch { Zoom.Year => 12, Zoom.Quarter => 3, _ => 1 };
        var last = TimelineFilter.PeriodStart(max, zoom);
        var first = PeriodsBetween(min, max, zoom) > MaxPeriods ? last.AddMonths(-(MaxPeriods - 1) * step) : TimelineFilter.PeriodStart(min, zoom);
        var byPeriod = dated.GroupBy(r => TimelineFilter.PeriodStart(r.DateStart!.Value, zoom))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Stance).ToDictionary(s => s.Key, s => s.Sum(r => r.Count)));
        // Every period from the first to the last, empty ones too: a gap in the story is information.
        for (var p = first; p <= last; p = p.AddMonths(step))
        {
            var c = byPeriod.GetValueOrDefault(p) ?? [];
            periods.Add(new PeriodCount(p, c.GetValueOrDefault(Stance.Open), c.GetValueOrDefault(Stance.Closed),
                c.GetValueOrDefault(Stance.Mixed), c.GetValueOrDefault(Stance.None)));
        }
        return new TimelineSummary(lanes, periods, zoom);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// The first and last date of every item the timeline can show (off-topic ones too, not rejected ones): the chart's
    /// axis for every view. Two walks of the timeline index that stop at their first row.
    /// </summary>
    public static async Task<(DateOnly First, DateOnly Last)?> StoreRangeAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var shown = db.Items.AsNoTracking().Where(i => i.DateStart != null && i.Status != ReviewStatus.Rejected);
        var first = await shown.OrderBy(i => i.DateStart).Select(i => i.DateStart).FirstOrDefaultAsync(ct);
        var last = await shown.OrderByDescending(i => i.DateStart).Select(i => i.DateStart).FirstOrDefaultAsync(ct);
        return first is { } f && last is { } l ? (f, l) : null;
    }

    /// <summary>The most bars a chart draws: twenty years of months.</summary>
    public const int MaxPeriods = 240;

    private static int PeriodsBetween(DateOnly min, DateOnly max, Zoom zoom)
    {
        var (a, b) = (TimelineFilter.PeriodStart(min, zoom), TimelineFilter.PeriodStart(max, zoom));
        return ((b.Year - a.Year) * 12 + b.Month - a.Month) / (zoom switch { Zoom.Year => 12, Zoom.Quarter => 3, _ => 1 }) + 1;
    }

    public static async Task<Dictionary<string, int>> ThemeCountsAsync(IQueryable<Item> filtered, CancellationToken ct = default) =>
        await filtered.SelectMany(i => i.Themes).GroupBy(t => t.ThemeKey).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

}

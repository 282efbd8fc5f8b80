using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Components.Pages.Timeline;

/// <summary>Which lane an item sits in: placed by a date the text gives, by an estimated date, or nowhere.</summary>
public enum Lane { Dated, Estimated, Undated }

public sealed record TimelineRow(
    int Id, int ArticleId, ItemKind Kind, string Text, string? Summary, Stance Stance, ReviewStatus Status, bool Hedged,
    DateOnly? DateStart, DateOnly? DateEnd, DateGranularity? Granularity, bool Estimated,
    string? SpeakerEntityId, string? SpeakerName, string? Source, string ArticleTitle, List<string> Themes, List<string> Actors)
{
    public Lane Lane => DateStart is null ? Lane.Undated : Estimated ? Lane.Estimated : Lane.Dated;
}

public sealed record PeriodCount(DateOnly Period, int Open, int Closed, int Mixed, int None)
{
    public int Total => Open + Closed + Mixed + None;
    /// <summary>-1 (all closed) to +1 (all open); 0 when no item leans either way.</summary>
    public double Balance => Open + Closed == 0 ? 0 : (Open - Closed) / (double)(Open + Closed);
}

/// <summary>
/// The timeline's queries, straight on the context (one per operation). Items are ordered by date, undated last,
/// so a page of rows is one indexed range read; free text goes through the FTS5 item index first.
/// </summary>
public static class TimelineQuery
{
    /// <summary>The most item ids a free-text filter narrows to; beyond it the view says the hits were cut.</summary>
    public const int MaxTextHits = 20_000;

    public static async Task<IQueryable<Item>> FilterAsync(TrackerDbContext db, TimelineFilter f, CancellationToken ct = default)
    {
        var q = db.Items.AsNoTracking();
        if (!f.OffTopic) q = q.Where(i => i.Article!.IsRelevant);
        q = f.Statuses.Count > 0 ? q.Where(i => f.Statuses.Contains(i.Status)) : q.Where(i => i.Status != ReviewStatus.Rejected);
        if (f.Kinds.Count > 0) q = q.Where(i => f.Kinds.Contains(i.Kind));
        if (f.Stances.Count > 0) q = q.Where(i => f.Stances.Contains(i.Stance));
        if (f.Themes.Count > 0) q = q.Where(i => i.Themes.Any(t => f.Themes.Contains(t.ThemeKey)));
        if (f.Speaker is { } speaker) q = q.Where(i => i.SpeakerEntityId == speaker || i.Actors.Any(a => a.EntityId == speaker));
        if (f.Source is { } source) q = q.Where(i => i.Article!.Source == source);
        if (f.FromDate is { } from) q = q.Where(i => i.DateEnd >= from);
        if (f.ToDate is { } to) q = q.Where(i => i.DateStart <= to);
        if (f.Query is { } text)
        {
            var hits = await SearchIndex.SearchItemsAsync(db, text, SearchOrder.Newest, MaxTextHits, ct);
            q = q.Where(i => hits.Contains(i.Id));
        }
        return q;
    }

    public static IQueryable<Item> Ordered(IQueryable<Item> q) =>
        q.OrderBy(i => i.DateStart == null).ThenBy(i => i.DateStart).ThenBy(i => i.Id);

    public static Task<List<TimelineRow>> PageAsync(IQueryable<Item> filtered, int skip, int take, CancellationToken ct = default) =>
        Rows(Ordered(filtered).Skip(skip).Take(take)).ToListAsync(ct);

    /// <summary>What a timeline row shows of each item, in the order given.</summary>
    public static IQueryable<TimelineRow> Rows(IQueryable<Item> items) =>
        items.Select(i => new TimelineRow(
            i.Id, i.ArticleId, i.Kind, i.Text, i.Summary, i.Stance, i.Status, i.Hedged,
            i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated,
            i.SpeakerEntityId, i.SpeakerName, i.Article!.Source, i.Article.Title,
            i.Themes.Select(t => t.ThemeKey).ToList(), i.Actors.Select(a => a.EntityId).ToList()));

    /// <summary>Items per period and stance (dated and estimated items; undated ones have no place on the chart).</summary>
    public static async Task<List<PeriodCount>> StanceOverTimeAsync(IQueryable<Item> filtered, Zoom zoom, CancellationToken ct = default)
    {
        var rows = await filtered.Where(i => i.DateStart != null)
            .GroupBy(i => new { i.DateStart!.Value.Year, i.DateStart.Value.Month, i.Stance })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Stance, Count = g.Count() })
            .ToListAsync(ct);
        var byPeriod = rows.GroupBy(r => TimelineFilter.PeriodStart(new DateOnly(r.Year, r.Month, 1), zoom)).ToDictionary(g => g.Key);
        if (byPeriod.Count == 0) return [];
        // Every period from the first to the last, empty ones too: a gap in the story is information.
        var result = new List<PeriodCount>();
        var step = zoom switch { Zoom.Year => 12, Zoom.Quarter => 3, _ => 1 };
        for (var p = byPeriod.Keys.Min(); p <= byPeriod.Keys.Max(); p = p.AddMonths(step))
        {
            var g = byPeriod.GetValueOrDefault(p)?.ToList() ?? [];
            result.Add(new PeriodCount(p,
                g.Where(r => r.Stance == Stance.Open).Sum(r => r.Count), g.Where(r => r.Stance == Stance.Closed).Sum(r => r.Count),
                g.Where(r => r.Stance == Stance.Mixed).Sum(r => r.Count), g.Where(r => r.Stance == Stance.None).Sum(r => r.Count)));
        }
        return result;
    }

    public static async Task<Dictionary<string, int>> ThemeCountsAsync(IQueryable<Item> filtered, CancellationToken ct = default) =>
        await filtered.SelectMany(i => i.Themes).GroupBy(t => t.ThemeKey).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public static async Task<Dictionary<Lane, int>> LaneCountsAsync(IQueryable<Item> filtered, CancellationToken ct = default)
    {
        var rows = await filtered.GroupBy(i => new { Undated = i.DateStart == null, i.DateEstimated })
            .Select(g => new { g.Key.Undated, g.Key.DateEstimated, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.Undated ? Lane.Undated : r.DateEstimated ? Lane.Estimated : Lane.Dated)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
    }
}

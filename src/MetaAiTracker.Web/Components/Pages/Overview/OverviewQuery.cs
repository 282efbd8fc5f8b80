using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Components.Pages.Overview;

public sealed record ThemeStanceRow(string ThemeKey, int Open, int Closed, int Mixed, int None, int PreviousTotal, int PreviousBalance, int PreviousLeaning = 0)
{
    public int Total => Open + Closed + Mixed + None;
    /// <summary>Open minus closed: above zero the month leaned open.</summary>
    public int Balance => Open - Closed;
    /// <summary>
    /// Whether the shift between the months is worth a label: as for a period's balance on the chart, each month
    /// needs <see cref="PeriodCount.MinItemsForBalance"/> open or closed items, or one article would read as a swing.
    /// </summary>
    public bool ShiftShown => Open + Closed >= PeriodCount.MinItemsForBalance && PreviousLeaning >= PeriodCount.MinItemsForBalance;
}

public sealed record SpeakerRow(string EntityId, int Quotes, int Open, int Closed);

public sealed record LatestArticle(int Id, string Title, string? Source, DateOnly? PublishedStart, DateGranularity? PublishedGranularity, bool PublishedEstimated, Stance Stance, DateTimeOffset IngestedAt);

/// <summary>
/// The counts that tell an analyst what changed: the latest month against the one before, by theme and stance.
/// Each query starts from <c>view</c>, the overview's own view of the timeline (only its Copies is set): a story
/// published on several sites counts once, through its origin, unless every copy is asked for, as on the timeline
/// its links open.
/// </summary>
public static class OverviewQuery
{
    /// <summary>The first day of the latest month that has a placed item (the store follows the news, not the calendar).</summary>
    public static async Task<DateOnly?> LatestMonthAsync(TrackerDbContext db, DateOnly today, TimelineFilter view, CancellationToken ct = default)
    {
        var placed = TimelineQuery.Filter(db, view);
        var latest = await placed.Where(i => i.DateStart != null && i.DateStart <= today).MaxAsync(i => i.DateStart, ct);
        return latest is { } d ? new DateOnly(d.Year, d.Month, 1) : null;
    }

    public static async Task<List<ThemeStanceRow>> ThemesByStanceAsync(TrackerDbContext db, DateOnly month, TimelineFilter view, CancellationToken ct = default)
    {
        var now = await CountAsync(db, month, view, ct);
        var before = await CountAsync(db, month.AddMonths(-1), view, ct);
        int Get(Dictionary<(string, Stance), int> d, string k, Stance s) => d.GetValueOrDefault((k, s));
        return [.. now.Keys.Select(k => k.Item1).Union(before.Keys.Select(k => k.Item1)).Distinct()
            .Select(k => new ThemeStanceRow(k, Get(now, k, Stance.Open), Get(now, k, Stance.Closed), Get(now, k, Stance.Mixed), Get(now, k, Stance.None),
                Enum.GetValues<Stance>().Sum(s => Get(before, k, s)), Get(before, k, Stance.Open) - Get(before, k, Stance.Closed),
                Get(before, k, Stance.Open) + Get(before, k, Stance.Closed)))
            .OrderByDescending(r => r.Total).ThenBy(r => r.ThemeKey)];
    }

    /// <summary>The view narrowed to one month, as the overview's links to the timeline open it.</summary>
    public static TimelineFilter Month(TimelineFilter view, DateOnly month)
    {
        var key = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return view with { From = key, To = key };
    }

    private static async Task<Dictionary<(string, Stance), int>> CountAsync(TrackerDbContext db, DateOnly month, TimelineFilter view, CancellationToken ct)
    {
        // An item belongs to the month it starts in, so a quarter-long event is counted once.
        var items = TimelineQuery.Filter(db, Month(view, month))
            .Where(i => i.DateStart >= month);
        var rows = await items.SelectMany(i => i.Themes, (i, t) => new { t.ThemeKey, i.Stance })
            .GroupBy(x => new { x.ThemeKey, x.Stance }).Select(g => new { g.Key.ThemeKey, g.Key.Stance, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.ThemeKey, r.Stance), r => r.Count);
    }

    public static async Task<List<SpeakerRow>> MostQuotedAsync(TrackerDbContext db, int take, TimelineFilter view, CancellationToken ct = default)
    {
        var quotes = TimelineQuery.Filter(db, view with { Kinds = [ItemKind.Quote] });
        var top = await quotes.Where(i => i.SpeakerEntityId != null)
            .GroupBy(i => i.SpeakerEntityId!)
            .Select(g => new { Id = g.Key, Quotes = g.Count(), Open = g.Count(i => i.Stance == Stance.Open), Closed = g.Count(i => i.Stance == Stance.Closed) })
            .OrderByDescending(r => r.Quotes).ThenBy(r => r.Id).Take(take).ToListAsync(ct);
        return [.. top.Select(t => new SpeakerRow(t.Id, t.Quotes, t.Open, t.Closed))];
    }

    /// <summary>The latest relevant articles; a story's copies only when every copy is counted, so five sites' rewrites are not the whole list.</summary>
    public static Task<List<LatestArticle>> LatestArticlesAsync(TrackerDbContext db, int take, TimelineFilter view, CancellationToken ct = default)
    {
        var copies = view.Copies;
        return db.Articles.AsNoTracking().Where(a => a.IsRelevant && (copies || a.IsOrigin))
            .OrderByDescending(a => a.PublishedStart).ThenByDescending(a => a.Id).Take(take)
            .Select(a => new LatestArticle(a.Id, a.Title, a.Source, a.PublishedStart, a.PublishedGranularity, a.PublishedEstimated, a.Stance, a.IngestedAt))
            .ToListAsync(ct);
    }
}

using System.Linq.Expressions;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Timeline;

/// <summary>
/// A run of the timeline's cards under one header: one period of a lane at the view's zoom, or a span wider than one
/// period (an item dated only to a year, at month zoom: <see cref="Whole"/>), or the undated lane.
/// </summary>
/// <param name="First">The index of the section's first card in the whole list.</param>
public sealed record TimelineSection(Lane Lane, DateOnly? Start, DateOnly? End, bool Whole, int First, int Count);

/// <summary>The list's sections in order, with how many cards each holds: the lane counts and the total are read here.</summary>
public sealed record TimelineOutline(Zoom Zoom, IReadOnlyList<TimelineSection> Sections)
{
    public int Total => Sections.Sum(s => s.Count);
    public int InLane(Lane lane) => Sections.Where(s => s.Lane == lane).Sum(s => s.Count);
    public bool OpensLane(TimelineSection s) => Sections.First(x => x.Lane == s.Lane) == s;
}

/// <summary>One card of the list, with the headers that open above it.</summary>
public sealed record TimelineCard(TimelineRow Row, TimelineSection Section, bool OpensLane, bool OpensSection, bool OpensArticle)
{
    /// <summary>The story cluster of the card's article (origin first), null when no other article repeats it.</summary>
    public IReadOnlyList<StoryMember>? Story { get; init; }
}

/// <summary>
/// The timeline as a list of cards: one card per fact, in lanes (dated, estimated, undated), each lane in periods,
/// each period's cards grouped by article and in the order of the article's text.
/// </summary>
/// <remarks>
/// The extractors read one sentence as an event and as a claim (same words, same article): that is one fact, one card,
/// showing both readings. The card stands where the event's own date puts it; when the event has no date, where the
/// claim's (its article's publication date) does. Both must be in the view: with <c>stance=closed</c> a claim whose
/// event leans nowhere is a card of its own. Cards are counted, not items, so the lane headers, the total and the
/// scrollbar agree with what is shown; the chart still counts every reading (items), each with its own stance.
/// </remarks>
public static class TimelineCards
{
    /// <summary>The view without the items shown as a reading on another item's card.</summary>
    public static IQueryable<Item> Facts(IQueryable<Item> view)
    {
        var absorbed = AbsorbedIn(view);
        return view.Where(Expression.Lambda<Func<Item, bool>>(Expression.Not(absorbed.Body), absorbed.Parameters));
    }

    /// <summary>
    /// An item another card shows: a claim on a dated event's words, or an undated event on a claim's words (unless
    /// that claim is itself on a dated event's card, where it then stands alone, so every item is shown once).
    /// </summary>
    private static Expression<Func<Item, bool>> AbsorbedIn(IQueryable<Item> view) => i =>
        (i.Kind == ItemKind.Claim && view.Any(e => e.ArticleId == i.ArticleId && e.Kind == ItemKind.Event && e.DateStart != null
            && e.Start < i.End && i.Start < e.End))
        || (i.Kind == ItemKind.Event && i.DateStart == null && view.Any(c => c.ArticleId == i.ArticleId && c.Kind == ItemKind.Claim
            && c.Start < i.End && i.Start < c.End
            && !view.Any(e => e.ArticleId == c.ArticleId && e.Kind == ItemKind.Event && e.DateStart != null && e.Start < c.End && c.Start < e.End)));

    /// <summary>
    /// The list's sections: the items by raw date (the chart's grouped read), less the readings shown on another card,
    /// folded into sections here. Lanes in order; in a lane, sections by start, and a wider span before the periods
    /// it covers (the year 2024 before January 2024, a quarter before its first month).
    /// </summary>
    public static async Task<TimelineOutline> OutlineAsync(IQueryable<Item> view, Zoom zoom, CancellationToken ct = default)
    {
        var counts = (await view.GroupBy(i => new { i.DateStart, i.DateEnd, i.DateEstimated })
                .Select(g => new { g.Key.DateStart, g.Key.DateEnd, g.Key.DateEstimated, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => (g.DateStart, g.DateEnd, g.DateEstimated), g => g.Count);
        // Counting the facts row by row would probe every claim's article (two items in three are claims: 0.57 s of
        // CPU at 100,000 items); the readings are counted from the dated events instead, which are few (0.07 s). EF
        // writes this as a CROSS JOIN, whose order SQLite keeps: the events drive, claims are looked up by article.
        var claims = await (
            from e in view
            where e.Kind == ItemKind.Event && e.DateStart != null
            from c in view
            where c.Kind == ItemKind.Claim && c.ArticleId == e.ArticleId && c.Start < e.End && e.Start < c.End
            group c.Id by new { c.DateStart, c.DateEnd, c.DateEstimated } into g
            select new { g.Key.DateStart, g.Key.DateEnd, g.Key.DateEstimated, Count = g.Distinct().Count() }).ToListAsync(ct);
        foreach (var g in claims) counts[(g.DateStart, g.DateEnd, g.DateEstimated)] -= g.Count;
        var events = await view.Where(i => i.Kind == ItemKind.Event && i.DateStart == null).Where(AbsorbedIn(view)).CountAsync(ct);
        if (events > 0) counts[counts.Keys.First(k => k.DateStart is null)] -= events;

        var sections = new List<TimelineSection>();
        var first = 0;
        foreach (var s in counts.Where(c => c.Value > 0).GroupBy(c => SectionOf(c.Key.DateStart, c.Key.DateEnd, c.Key.DateEstimated, zoom), c => c.Value)
                     .OrderBy(s => s.Key.Lane).ThenBy(s => s.Key.Start).ThenByDescending(s => s.Key.End))
        {
            var count = s.Sum();
            sections.Add(s.Key with { First = first, Count = count });
            first += count;
        }
        return new TimelineOutline(zoom, sections);
    }

    /// <summary>The section an item falls in (its First and Count left at 0).</summary>
    public static TimelineSection SectionOf(DateOnly? start, DateOnly? end, bool estimated, Zoom zoom)
    {
        if (start is not { } s || end is not { } e) return new TimelineSection(Lane.Undated, null, null, false, 0, 0);
        var lane = estimated ? Lane.Estimated : Lane.Dated;
        var period = TimelineFilter.PeriodStart(s, zoom);
        var last = period.AddMonths(zoom switch { Zoom.Year => 12, Zoom.Quarter => 3, _ => 1 }).AddDays(-1);
        return e <= last ? new TimelineSection(lane, period, last, false, 0, 0) : new TimelineSection(lane, s, e, true, 0, 0);
    }

    /// <summary>
    /// Cards <paramref name="skip"/> to skip+take of the list, each with the other readings of its words. A section is
    /// read on its own: a range of the timeline index, sorted by article and position in the text (a period's rows,
    /// not the view's). <paramref name="view"/> should be the page shape of the filter (<c>forPage: true</c>).
    /// </summary>
    public static async Task<List<TimelineCard>> PageAsync(TrackerDbContext db, IQueryable<Item> view, TimelineOutline outline, int skip, int take, CancellationToken ct = default)
    {
        var facts = Facts(view);
        // One card before the page, to tell whether the page's first card opens its article's group.
        var from = Math.Max(0, skip - 1);
        var end = skip + take;
        var rows = new List<(TimelineRow Row, TimelineSection Section, int Index)>();
        foreach (var section in outline.Sections.Where(s => s.First + s.Count > from && s.First < end))
        {
            var offset = Math.Max(0, from - section.First);
            var count = Math.Min(section.First + section.Count, end) - (section.First + offset);
            var ordered = InSection(facts, section).OrderBy(i => i.Article!.PublishedStart).ThenBy(i => i.ArticleId).ThenBy(i => i.Start).ThenBy(i => i.Id);
            var read = await TimelineQuery.RowsAsync(db, ordered.Skip(offset).Take(count), ct);
            rows.AddRange(read.Select((r, k) => (r, section, section.First + offset + k)));
        }
        await AddReadingsAsync(db, view, [.. rows.Select(r => r.Row)], ct);
        var stories = await Stories.OfAsync(db, [.. rows.Select(r => r.Row.ArticleId).Distinct()], ct);
        var cards = new List<TimelineCard>();
        for (var k = 0; k < rows.Count; k++)
        {
            var (row, section, index) = rows[k];
            if (index < skip) continue;
            var opensSection = index == section.First;
            var opensArticle = opensSection || k == 0 || rows[k - 1].Row.ArticleId != row.ArticleId;
            cards.Add(new TimelineCard(row, section, opensSection && outline.OpensLane(section), opensSection, opensArticle)
                { Story = stories.GetValueOrDefault(row.ArticleId) });
        }
        return cards;
    }

    private static IQueryable<Item> InSection(IQueryable<Item> facts, TimelineSection s)
    {
        if (s.Lane == Lane.Undated) return facts.Where(i => i.DateStart == null);
        var estimated = s.Lane == Lane.Estimated;
        return s.Whole
            ? facts.Where(i => i.DateStart == s.Start && i.DateEnd == s.End && i.DateEstimated == estimated)
            : facts.Where(i => i.DateStart >= s.Start && i.DateStart <= s.End && i.DateEnd <= s.End && i.DateEstimated == estimated);
    }

    /// <summary>Puts each absorbed item of the rows' articles on the card of the item whose words it shares.</summary>
    private static async Task AddReadingsAsync(TrackerDbContext db, IQueryable<Item> view, List<TimelineRow> rows, CancellationToken ct)
    {
        var articles = rows.Where(r => r.Kind is ItemKind.Event or ItemKind.Claim).Select(r => r.ArticleId).Distinct().ToList();
        if (articles.Count == 0) return;
        var absorbed = await TimelineQuery.RowsAsync(db, view.Where(i => articles.Contains(i.ArticleId)).Where(AbsorbedIn(view)).OrderBy(i => i.Id), ct);
        foreach (var row in rows)
            row.Readings.AddRange(absorbed.Where(a => a.ArticleId == row.ArticleId && a.Start < row.End && row.Start < a.End
                && (a.Kind == ItemKind.Claim ? row.Kind == ItemKind.Event && row.DateStart is not null : row.Kind == ItemKind.Claim)));
    }
}

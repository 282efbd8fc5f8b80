using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Briefing;

/// <summary>An article a briefing cites, numbered in order of first citation.</summary>
public sealed record BriefingSource(int Number, int ArticleId, string Title, string? Outlet, string Date, string? Url)
{
    /// <summary>How many other articles repeat this one's story (the view cites the origin and counts its copies once).</summary>
    public int Republications { get; init; }
}

public sealed record BriefingItem(int Id, ItemKind Kind, string Text, string? Speaker, string Date, Stance Stance, bool Hedged, int Source, string? Outlet)
{
    /// <summary>Not in the view the last time it was exported (saved views only).</summary>
    public bool IsNew { get; init; }
    /// <summary>An editor confirmed, corrected or added it: readers weigh it differently from what the machine found.</summary>
    public bool Reviewed { get; init; }
}

/// <summary>Two periods in a row whose open/closed balance moved the most.</summary>
public sealed record BalanceShift(DateOnly From, DateOnly To, double Before, double After)
{
    public double Change => After - Before;
}

public sealed record BriefingModel(
    TimelineFilter Filter, DateTimeOffset GeneratedAt, string GeneratedBy, int Total, IReadOnlyDictionary<Lane, int> Lanes,
    IReadOnlyList<PeriodCount> Periods, IReadOnlyDictionary<string, int> ThemeCounts, IReadOnlyDictionary<Stance, int> StanceCounts,
    IReadOnlyList<BalanceShift> Shifts, IReadOnlyList<BriefingItem> Events, IReadOnlyList<BriefingItem> Quotes,
    IReadOnlyList<BriefingItem> OpenClaims, IReadOnlyList<BriefingItem> ClosedClaims, IReadOnlyList<BriefingSource> Sources,
    IReadOnlyDictionary<string, string> Themes)
{
    /// <summary>"ar" or "en": every label of the briefing is in this language, whatever the reader's interface.</summary>
    public string Language { get; init; } = "ar";
    /// <summary>The saved view this briefing was exported from, if any.</summary>
    public string? ViewName { get; init; }
    /// <summary>When the saved view was last exported; items added since are marked new.</summary>
    public DateTimeOffset? NewSince { get; init; }
    public int NewItems { get; init; }
    /// <summary>The view's largest item id when this briefing was read: what "mark as sent" records, so nothing later counts as sent.</summary>
    public int? UpTo { get; init; }
    /// <summary>Items of the view an editor has reviewed (confirmed, edited or added).</summary>
    public int ReviewedItems { get; init; }
    /// <summary>The speaker filter's name in the briefing's language (the filter holds the entity's id).</summary>
    public string? SpeakerName { get; init; }
    /// <summary>The chart's periods: months, or coarser when the view spans more than a chart shows.</summary>
    public Zoom ChartZoom { get; init; } = Zoom.Month;
    /// <summary>The view's milestones in date order, as the summary lists them (with their sources) and as the chart marks them.</summary>
    public IReadOnlyList<BriefingItem> Milestones { get; init; } = [];
    public IReadOnlyList<MilestoneRow> MilestoneRows { get; init; } = [];
}

/// <summary>
/// What a briefing says about a view of the timeline: the same filter and queries as the dashboard, then a
/// selection a reader can take in on a few pages. Labels are resolved in the language given.
/// </summary>
public static class BriefingQuery
{
    public const int MaxEvents = 25, MaxQuotes = 15, MaxClaimsPerSide = 8;

    public static async Task<BriefingModel> BuildAsync(TrackerDbContext db, TimelineFilter filter, string language, string generatedBy, DateTimeOffset now,
        IReadOnlyDictionary<string, string> themes, IReadOnlyDictionary<string, string> entities, CancellationToken ct = default)
    {
        var counted = TimelineQuery.Filter(db, filter);
        var summary = await TimelineQuery.SummarizeAsync(db, filter with { Zoom = Zoom.Month }, ct);
        var themeCounts = await TimelineQuery.ThemeCountsAsync(counted, ct);
        var stanceCounts = await counted.GroupBy(i => i.Stance).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var reviewed = await counted.CountAsync(i => ReviewStatuses.Reviewed.Contains(i.Status), ct);

        var page = TimelineQuery.Filter(db, filter, forPage: true);
        // Key events in date order; quotes that take a side and have a speaker first; claims asserted before hedged.
        var events = await TimelineQuery.Dated(page.Where(i => i.Kind == ItemKind.Event)).Take(MaxEvents).ToListAsync(ct);
        var quotes = await page.Where(i => i.Kind == ItemKind.Quote && i.SpeakerName != null)
            .OrderBy(i => i.Stance == Stance.None).ThenBy(i => i.Hedged).ThenByDescending(i => i.Confidence).ThenBy(i => i.Id)
            .Take(MaxQuotes).ToListAsync(ct);
        quotes = [.. quotes.OrderBy(i => i.DateStart).ThenBy(i => i.Id)];
        async Task<List<Item>> Claims(Stance side) => await page.Where(i => i.Kind == ItemKind.Claim && i.Stance == side)
            .OrderBy(i => i.Hedged).ThenByDescending(i => i.Confidence).ThenBy(i => i.DateStart).ThenBy(i => i.Id).Take(MaxClaimsPerSide).ToListAsync(ct);
        var open = await Claims(Stance.Open);
        var closed = await Claims(Stance.Closed);
        var milestones = await Milestones.OfViewAsync(page, ct: ct);
        var milestoneIds = milestones.Select(m => m.Id).ToList();
        var milestoneItems = await db.Items.AsNoTracking().Where(i => milestoneIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);

        var cited = milestones.Select(m => milestoneItems[m.Id]).Concat(events).Concat(quotes).Concat(open).Concat(closed).Select(i => i.ArticleId).Distinct().ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => cited.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Source, a.Url, a.PublishedStart, a.PublishedGranularity, a.PublishedEstimated }).ToDictionaryAsync(a => a.Id, ct);
        var stories = await Stories.OfAsync(db, cited, ct);
        var sources = cited.Select((id, k) => (Number: k + 1, A: articles[id]))
            .Select(x => new BriefingSource(x.Number, x.A.Id, x.A.Title, x.A.Source, DateLabels.Published(x.A.PublishedStart, x.A.PublishedGranularity, x.A.PublishedEstimated, language), x.A.Url)
                { Republications = stories.GetValueOrDefault(x.A.Id) is { } story ? story.Count - 1 : 0 })
            .ToList();
        var number = sources.ToDictionary(s => s.ArticleId, s => s.Number);

        BriefingItem Map(Item i) => new(i.Id, i.Kind, i.Summary ?? i.Text,
            i.SpeakerEntityId is { } sid && entities.TryGetValue(sid, out var name) ? name : i.SpeakerName,
            i.DateStart is { } s && i.DateEnd is { } e && i.DateGranularity is { } g ? DateLabels.Label(s, e, g, i.DateEstimated, language) : Ui.In(language, "lane.undated"),
            i.Stance, i.Hedged, number[i.ArticleId], articles[i.ArticleId].Source)
        {
            Reviewed = ReviewStatuses.Reviewed.Contains(i.Status),
        };

        return new BriefingModel(filter, now, generatedBy, summary.Total, summary.Lanes, summary.Periods, themeCounts, stanceCounts,
            Shifts(summary.Periods), [.. events.Select(Map)], [.. quotes.Select(Map)], [.. open.Select(Map)], [.. closed.Select(Map)], sources, themes)
        {
            ReviewedItems = reviewed,
            Language = language,
            SpeakerName = filter.Speaker is { } speaker ? entities.GetValueOrDefault(speaker) : null,
            ChartZoom = summary.Zoom,
            MilestoneRows = milestones,
            Milestones = [.. milestones.Select(m => Map(milestoneItems[m.Id]))],
        };
    }

    /// <summary>
    /// The three largest moves of the balance between one period that has one and the next that has one: periods with
    /// fewer than <see cref="PeriodCount.MinItemsForBalance"/> leaning items have none, as on the chart.
    /// </summary>
    public static List<BalanceShift> Shifts(IReadOnlyList<PeriodCount> periods)
    {
        var leaning = periods.Where(p => p.Balance is not null).ToList();
        return [.. leaning.Zip(leaning.Skip(1), (a, b) => new BalanceShift(a.Period, b.Period, a.Balance!.Value, b.Balance!.Value))
            .Where(s => s.Change != 0).OrderByDescending(s => Math.Abs(s.Change)).ThenBy(s => s.To).Take(3).OrderBy(s => s.To)];
    }
}

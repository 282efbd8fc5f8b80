using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The timeline's filters against the seeds in a real SQLite file.</summary>
public class TimelineQueryTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await _store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<List<Item>> ShownAsync(string query)
    {
        await using var db = await _store.DbAsync();
        var rows = await TimelineQuery.PageAsync(db, TimelineQuery.Filter(db, TimelineFilter.FromUri(query), forPage: true), 0, 10_000);
        // Both shapes of the query (per-row tests for pages, sets for counts) select the same items.
        Assert.Equal(rows.Count, (await TimelineQuery.SummarizeAsync(db, TimelineFilter.FromUri(query))).Total);
        var ids = rows.Select(r => r.Id).ToList();
        return await db.Items.Include(i => i.Themes).Include(i => i.Actors).Include(i => i.Article).Where(i => ids.Contains(i.Id)).ToListAsync();
    }

    [Fact]
    public async Task SeveralThemesShowItemsWithAnyOfThem()
    {
        var talent = await ShownAsync("?theme=talent");
        var funding = await ShownAsync("?theme=investment");
        var both = await ShownAsync("?theme=talent&theme=investment");

        Assert.NotEmpty(talent);
        Assert.NotEmpty(funding);
        Assert.All(both, i => Assert.Contains(i.Themes, t => t.ThemeKey is "talent" or "investment"));
        Assert.Equal(talent.Select(i => i.Id).Union(funding.Select(i => i.Id)).Order(), both.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task KindStanceAndSpeakerNarrowTheView()
    {
        var shown = await ShownAsync("?kind=quote&stance=open&speaker=mark-zuckerberg");

        Assert.NotEmpty(shown);
        Assert.All(shown, i => Assert.Equal((ItemKind.Quote, Stance.Open), (i.Kind, i.Stance)));
        Assert.All(shown, i => Assert.True(i.SpeakerEntityId == "mark-zuckerberg" || i.Actors.Any(a => a.EntityId == "mark-zuckerberg")));
    }

    [Fact]
    public async Task ADateRangeKeepsItemsThatOverlapItAndDropsUndatedOnes()
    {
        var shown = await ShownAsync("?from=2025-04&to=2025-06");

        Assert.NotEmpty(shown);
        Assert.All(shown, i => Assert.True(i.DateEnd >= new DateOnly(2025, 4, 1) && i.DateStart <= new DateOnly(2025, 6, 30), $"{i.DateStart}–{i.DateEnd}"));
    }

    [Fact]
    public async Task FreeTextFindsInflectedFormsInItems()
    {
        var shown = await ShownAsync("?q=" + Uri.EscapeDataString("بالمصدر"));

        Assert.NotEmpty(shown);
        Assert.All(shown, i => Assert.Contains("مصدر", Core.Text.ArabicNormalizer.Normalize(i.Text + " " + i.Summary)));
    }

    [Fact]
    public async Task AHandPickedSelectionShowsExactlyThoseItems()
    {
        int[] picked;
        await using (var db = await _store.DbAsync())
            picked = [.. (await db.Items.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync()).Where((_, k) => k % 17 == 3)];

        var shown = await ShownAsync("?" + string.Join("&", picked.Select(id => $"item={id}")));

        Assert.True(picked.Length >= 3);
        Assert.Equal(picked.Order(), shown.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task RejectedItemsAndOffTopicArticlesAreHiddenUnlessAskedFor()
    {
        await using (var db = await _store.DbAsync())
        {
            var item = await db.Items.OrderBy(i => i.Id).FirstAsync();
            item.Status = ReviewStatus.Rejected;
            var article = await db.Articles.OrderByDescending(a => a.Id).FirstAsync();
            article.IsRelevant = false;
            await db.SaveChangesAsync();
        }

        var shown = await ShownAsync("/");
        var rejected = await ShownAsync("?status=rejected");
        var withOffTopic = await ShownAsync("?offtopic=1");

        Assert.DoesNotContain(shown, i => i.Status == ReviewStatus.Rejected || !i.Article!.IsRelevant);
        Assert.Single(rejected);
        Assert.Contains(withOffTopic, i => !i.Article!.IsRelevant);
    }

    [Fact]
    public async Task TheChartCountsEveryPlacedItemOnceAndTheLanesCountThemAll()
    {
        await using var db = await _store.DbAsync();
        var filtered = TimelineQuery.Filter(db, new TimelineFilter());
        var months = await TimelineQuery.SummarizeAsync(db, new TimelineFilter());
        var (periods, lanes) = (months.Periods, months.Lanes);
        var quarters = (await TimelineQuery.SummarizeAsync(db, new TimelineFilter { Zoom = Zoom.Quarter })).Periods;
        var total = await filtered.CountAsync();

        Assert.Equal(total, lanes.Values.Sum());
        Assert.Equal(total - lanes.GetValueOrDefault(Lane.Undated), periods.Sum(p => p.Total));
        Assert.Equal(periods.Sum(p => p.Open), quarters.Sum(p => p.Open));
        // Months follow each other with no gap, empty ones included.
        Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.Equal(pair.First.Period.AddMonths(1), pair.Second.Period));
    }

    [Fact]
    public async Task PagesFollowDateOrderWithUndatedItemsLast()
    {
        await using var db = await _store.DbAsync();
        var filtered = TimelineQuery.Filter(db, new TimelineFilter());
        var all = await TimelineQuery.PageAsync(db, filtered, 0, 10_000);
        var firstTen = await TimelineQuery.PageAsync(db, filtered, 0, 10);
        var nextTen = await TimelineQuery.PageAsync(db, filtered, 10, 10);

        Assert.Equal(all.Take(20).Select(r => r.Id), firstTen.Concat(nextTen).Select(r => r.Id));
        var dated = all.TakeWhile(r => r.DateStart is not null).ToList();
        Assert.Equal(dated.Select(r => r.DateStart).Order(), dated.Select(r => r.DateStart));
        Assert.All(all.Skip(dated.Count), r => Assert.Null(r.DateStart));
    }

    [Fact]
    public async Task TheStanceChartAndTheBriefingCountAStoryOnceUnlessEveryCopyIsAskedFor()
    {
        // Five outlets' copies of seed 004, which stays the story's origin (the earliest publication).
        await _store.Ingestion.IngestPathsAsync([.. Ingestion.StoryRewrites.Files().Select((t, i) => _store.WriteFile($"copy-{i}.txt", t))]);
        await using var db = await _store.DbAsync();
        var copies = await db.Articles.Where(a => !a.IsOrigin).Select(a => a.Id).ToListAsync();
        Assert.Equal(5, copies.Count);
        var shown = db.Items.Where(i => i.Status != ReviewStatus.Rejected && i.Article!.IsRelevant && i.DateStart != null);
        var (once, raw) = (new TimelineFilter(), new TimelineFilter { Copies = true });

        var chartOnce = await TimelineQuery.SummarizeAsync(db, once);
        var chartRaw = await TimelineQuery.SummarizeAsync(db, raw);
        var briefOnce = await Web.Briefing.BriefingQuery.BuildAsync(db, once, "ar", "test", DateTimeOffset.UtcNow, new Dictionary<string, string>(), new Dictionary<string, string>());
        var briefRaw = await Web.Briefing.BriefingQuery.BuildAsync(db, raw, "ar", "test", DateTimeOffset.UtcNow, new Dictionary<string, string>(), new Dictionary<string, string>());

        Assert.Equal(await shown.CountAsync(i => !copies.Contains(i.ArticleId)), chartOnce.Periods.Sum(p => p.Total));
        Assert.Equal(await shown.CountAsync(), chartRaw.Periods.Sum(p => p.Total));
        Assert.True(chartRaw.Periods.Sum(p => p.Total) > chartOnce.Periods.Sum(p => p.Total));
        Assert.Equal(chartOnce.Total, briefOnce.Total);
        Assert.Equal(chartRaw.Total, briefRaw.Total);
        Assert.Equal(briefOnce.Total, briefOnce.StanceCounts.Values.Sum());
        Assert.Equal(briefRaw.Total, briefRaw.StanceCounts.Values.Sum());
        // The briefing cites the origin, never a copy, and says how many copies it has.
        Assert.DoesNotContain(briefOnce.Sources, s => copies.Contains(s.ArticleId));
        Assert.Contains(briefOnce.Sources, s => s.Republications == 5);
    }
}

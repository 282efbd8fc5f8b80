using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Pages.Overview;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Tests.Ingestion;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Components;

public class OverviewQueryTests
{
    [Fact]
    public async Task TheLatestMonthIsTheLastOneWithAPlacedItemAndItsThemesAddUp()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();

        var month = await OverviewQuery.LatestMonthAsync(db, new DateOnly(2026, 11, 27), new TimelineFilter());
        var rows = await OverviewQuery.ThemesByStanceAsync(db, month!.Value, new TimelineFilter());
        var speakers = await OverviewQuery.MostQuotedAsync(db, 10, new TimelineFilter());
        var latest = await OverviewQuery.LatestArticlesAsync(db, 3, new TimelineFilter());

        var lastPlaced = await db.Items.Where(i => i.DateStart != null && i.Status != ReviewStatus.Rejected && i.Article!.IsRelevant).MaxAsync(i => i.DateStart);
        Assert.Equal(new DateOnly(lastPlaced!.Value.Year, lastPlaced.Value.Month, 1), month);
        var themed = await db.ItemThemes.CountAsync(t => db.Items.Any(i => i.Id == t.ItemId && i.DateStart >= month && i.DateStart < month.Value.AddMonths(1)
            && i.Status != ReviewStatus.Rejected && i.Article!.IsRelevant));
        Assert.Equal(themed, rows.Sum(r => r.Total));
        Assert.Equal("mark-zuckerberg", speakers[0].EntityId);
        Assert.Equal(3, latest.Count);
    }

    [Fact]
    public async Task AFutureDateIsNotTakenForTheLatestMonth()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();

        var month = await OverviewQuery.LatestMonthAsync(db, new DateOnly(2024, 12, 31), new TimelineFilter());

        Assert.True(month <= new DateOnly(2024, 12, 1));
    }

    [Fact]
    public async Task AStoryOnFiveSitesCountsOnceUnlessEveryCopyIsAskedFor()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([.. StoryRewrites.Files().Select((t, i) => store.WriteFile($"copy-{i}.txt", t))]);
        await using var db = await store.DbAsync();
        var origin = await db.Articles.SingleAsync(a => a.IsOrigin);
        Assert.Equal(StoryRewrites.Outlets[0], origin.Source);
        Assert.Equal(5, await db.Articles.CountAsync(a => a.StoryId == origin.StoryId));
        var (once, raw) = (new TimelineFilter(), new TimelineFilter { Copies = true });
        var today = new DateOnly(2026, 11, 27);

        var month = await OverviewQuery.LatestMonthAsync(db, today, once);
        Assert.NotNull(month);
        // A copy's added line («العام المقبل») may date an item later than anything the origin says.
        Assert.True(await OverviewQuery.LatestMonthAsync(db, today, raw) >= month);
        var rowsOnce = await OverviewQuery.ThemesByStanceAsync(db, month.Value, once);
        var rowsRaw = await OverviewQuery.ThemesByStanceAsync(db, month.Value, raw);
        var speakersOnce = await OverviewQuery.MostQuotedAsync(db, 10, once);
        var speakersRaw = await OverviewQuery.MostQuotedAsync(db, 10, raw);
        var latestOnce = await OverviewQuery.LatestArticlesAsync(db, 8, once);
        var latestRaw = await OverviewQuery.LatestArticlesAsync(db, 8, raw);

        // Once: the origin's items alone; raw: every copy's. Both counted here from the rows themselves.
        int Themed(bool copies) => db.ItemThemes.Count(t => db.Items.Any(i => i.Id == t.ItemId && i.DateStart >= month && i.DateStart < month.Value.AddMonths(1)
            && i.Status != ReviewStatus.Rejected && (copies || i.ArticleId == origin.Id)));
        int Quotes(string speaker, bool copies) => db.Items.Count(i => i.Kind == ItemKind.Quote && i.SpeakerEntityId == speaker && (copies || i.ArticleId == origin.Id));
        Assert.True(Themed(copies: true) > Themed(copies: false));
        Assert.Equal(Themed(copies: false), rowsOnce.Sum(r => r.Total));
        Assert.Equal(Themed(copies: true), rowsRaw.Sum(r => r.Total));
        Assert.NotEmpty(speakersOnce);
        Assert.All(speakersOnce, s => Assert.Equal(Quotes(s.EntityId, copies: false), s.Quotes));
        Assert.All(speakersRaw, s => Assert.Equal(Quotes(s.EntityId, copies: true), s.Quotes));
        Assert.True(speakersRaw[0].Quotes > speakersOnce.Single(s => s.EntityId == speakersRaw[0].EntityId).Quotes);
        Assert.Equal([origin.Id], latestOnce.Select(a => a.Id));
        Assert.Equal(5, latestRaw.Count);
    }
}

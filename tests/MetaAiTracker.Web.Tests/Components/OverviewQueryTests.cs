using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Pages.Overview;
using MetaAiTracker.Web.Data;
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

        var month = await OverviewQuery.LatestMonthAsync(db, new DateOnly(2026, 11, 27));
        var rows = await OverviewQuery.ThemesByStanceAsync(db, month!.Value);
        var speakers = await OverviewQuery.MostQuotedAsync(db, 10);
        var latest = await OverviewQuery.LatestArticlesAsync(db, 3);

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

        var month = await OverviewQuery.LatestMonthAsync(db, new DateOnly(2024, 12, 31));

        Assert.True(month <= new DateOnly(2024, 12, 1));
    }
}

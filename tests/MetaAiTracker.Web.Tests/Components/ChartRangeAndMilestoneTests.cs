using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The chart's periods and the milestones of a view, on the seeds in a real SQLite file.</summary>
public class ChartRangeAndMilestoneTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await _store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<TimelineSummary> SummaryAsync(string query)
    {
        await using var db = await _store.DbAsync();
        return await TimelineQuery.SummarizeAsync(db, TimelineFilter.FromUri(query));
    }

    [Fact]
    public async Task TwoFilteredViewsAreDrawnOverTheWholeStoresPeriods()
    {
        var all = await SummaryAsync("/");
        var talent = await SummaryAsync("?theme=talent");
        var closed = await SummaryAsync("?stance=closed&kind=claim");

        DateOnly first, last;
        await using (var db = await _store.DbAsync())
        {
            first = (await db.Items.MinAsync(i => i.DateStart))!.Value;
            last = (await db.Items.MaxAsync(i => i.DateStart))!.Value;
        }
        foreach (var view in new[] { all, talent, closed })
        {
            Assert.Equal(new DateOnly(first.Year, first.Month, 1), view.Periods[0].Period);
            Assert.Equal(new DateOnly(last.Year, last.Month, 1), view.Periods[^1].Period);
        }
        Assert.True(talent.Total < all.Total && closed.Total < all.Total);
        // The store's first month has an item, but not one of these views': it is drawn, empty.
        Assert.NotEqual(0, all.Periods[0].Total);
        Assert.Equal(0, closed.Periods[0].Total);
    }

    [Fact]
    public async Task AViewsFromAndToSetItsPeriodsAndAZoomCoarsensThemAlike()
    {
        var half = await SummaryAsync("?from=2025-01&to=2025-06&theme=openness");
        var years = await SummaryAsync("?zoom=year&theme=talent");
        var allYears = await SummaryAsync("?zoom=year");

        Assert.Equal([.. Enumerable.Range(1, 6).Select(m => new DateOnly(2025, m, 1))], half.Periods.Select(p => p.Period));
        Assert.Equal(allYears.Periods.Select(p => p.Period), years.Periods.Select(p => p.Period));
    }

    [Fact]
    public async Task TheRulesProposeDatedReleasesAndLargeInvestmentsOnceEach()
    {
        await using var db = await _store.DbAsync();
        var proposed = await db.Items.Where(i => i.IsMilestone).Include(i => i.Amounts).OrderBy(i => i.DateStart).ToListAsync();

        Assert.Equal([("launch", new DateOnly(2023, 1, 1)), ("launch", new DateOnly(2024, 7, 1)), ("investment", new DateOnly(2025, 1, 1))],
            proposed.Select(i => (i.EventType!, i.DateStart!.Value)));
        Assert.Contains(proposed[2].Amounts, a => a.Value == 65e9 && a.Currency == "USD");
        // The same $65 billion told twice in one article is one milestone; the undated $19 billion on WhatsApp is none.
        Assert.Equal(2, await db.Items.CountAsync(i => i.ArticleId == proposed[2].ArticleId && i.EventType == "investment" && i.DateStart == proposed[2].DateStart));
        Assert.False(await db.Items.AnyAsync(i => i.IsMilestone && i.DateStart == null));
        Assert.True(await db.Items.AnyAsync(i => i.EventType == "investment" && i.DateStart == null && i.Amounts.Any(a => a.Value >= Milestones.LargeAmount)));
    }

    [Fact]
    public async Task AViewsMilestonesAreItsOwnInDateOrder()
    {
        await using var db = await _store.DbAsync();
        var all = await Milestones.OfViewAsync(TimelineQuery.Filter(db, new TimelineFilter(), forPage: true));
        var later = await Milestones.OfViewAsync(TimelineQuery.Filter(db, TimelineFilter.FromUri("?from=2024-01"), forPage: true));
        var quotes = await Milestones.OfViewAsync(TimelineQuery.Filter(db, TimelineFilter.FromUri("?kind=quote"), forPage: true));

        Assert.Equal(3, all.Count);
        Assert.Equal(all.Select(m => m.DateStart).Order(), all.Select(m => m.DateStart));
        Assert.Equal(all.Skip(1).Select(m => m.Id), later.Select(m => m.Id));
        Assert.Empty(quotes);
        Assert.Equal($"/articles/{all[0].ArticleId}#item-{all[0].Id}", all[0].Href);
    }

    [Fact]
    public async Task OneHappeningToldByManyArticlesIsOneMilestoneWithItsTellings()
    {
        await using (var db = await _store.DbAsync())
        {
            var launch = await db.Items.SingleAsync(i => i.IsMilestone && i.DateStart == new DateOnly(2024, 7, 1));
            // Another article's event retold as the same launch in the same month.
            var retold = await db.Items.Where(i => i.Kind == ItemKind.Event && i.ArticleId != launch.ArticleId && !i.IsMilestone).OrderBy(i => i.Id).FirstAsync();
            (retold.EventType, retold.DateStart, retold.DateEnd, retold.IsMilestone) = ("launch", launch.DateStart, launch.DateEnd, true);
            await db.SaveChangesAsync();
        }
        await using var read = await _store.DbAsync();
        var shown = await Milestones.OfViewAsync(TimelineQuery.Filter(read, new TimelineFilter(), forPage: true));

        Assert.Equal([1, 2, 1], shown.Select(m => m.Tellings));
        var told = shown[1];
        Assert.Equal(await read.Items.Where(i => i.IsMilestone && i.DateStart == new DateOnly(2024, 7, 1)).MinAsync(i => i.Id), told.Id);
    }

    [Fact]
    public async Task AStoreFromBeforeMilestonesGetsTheSameProposalsWhenMigrated()
    {
        List<int> proposed;
        await using (var db = await _store.DbAsync())
        {
            proposed = await db.Items.Where(i => i.IsMilestone).Select(i => i.Id).OrderBy(i => i).ToListAsync();
            // Back to the schema before milestones (the column dropped), then forward again: the migration's own proposals.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261201235847_SavedViewOwner");
            await migrator.MigrateAsync();
        }
        await using var after = await _store.DbAsync();
        Assert.NotEmpty(proposed);
        Assert.Equal(proposed, await after.Items.Where(i => i.IsMilestone).Select(i => i.Id).OrderBy(i => i).ToListAsync());
    }
}

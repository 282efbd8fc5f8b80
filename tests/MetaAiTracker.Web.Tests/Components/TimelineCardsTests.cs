using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The timeline's list of cards (one per fact, in lanes, periods and articles) over the seeds in a real SQLite file.</summary>
public class TimelineCardsTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await _store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<(TimelineOutline Outline, List<TimelineCard> Cards)> ListAsync(string query = "/", int pageSize = 10_000)
    {
        await using var db = await _store.DbAsync();
        var filter = TimelineFilter.FromUri(query);
        var outline = await TimelineCards.OutlineAsync(TimelineQuery.Filter(db, filter), filter.Zoom);
        var cards = new List<TimelineCard>();
        for (var skip = 0; skip < outline.Total; skip += pageSize)
            cards.AddRange(await TimelineCards.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), outline, skip, pageSize));
        return (outline, cards);
    }

    /// <summary>Events and claims the extractors read from the same words of the same article.</summary>
    private async Task<List<(Item Event, Item Claim)>> TwinsAsync()
    {
        await using var db = await _store.DbAsync();
        var items = await db.Items.AsNoTracking().Where(i => i.Kind == ItemKind.Event || i.Kind == ItemKind.Claim).ToListAsync();
        return [.. from e in items where e.Kind == ItemKind.Event
                   from c in items where c.Kind == ItemKind.Claim && c.ArticleId == e.ArticleId && c.Start < e.End && e.Start < c.End
                   select (e, c)];
    }

    [Fact]
    public async Task AnEventAndAClaimOnTheSameWordsAreOneCardShowingBothReadings()
    {
        var twins = await TwinsAsync();
        var (outline, cards) = await ListAsync();

        // The seeds have both kinds of pair: an event the text dates (2023), and events with no date of their own.
        Assert.Contains(twins, t => t.Event.DateStart is not null && !t.Event.DateEstimated);
        Assert.Contains(twins, t => t.Event.DateStart is null);
        foreach (var (e, c) in twins)
        {
            var holding = cards.Where(k => k.Row.Readings.Prepend(k.Row).Any(r => r.Id == c.Id)).ToList();
            var card = Assert.Single(holding);
            Assert.Equal(new[] { e.Id, c.Id }.Order(), card.Row.Readings.Prepend(card.Row).Select(r => r.Id).Order());
            // Placed by the event's own date when it has one, else by the claim's (the article's publication date).
            Assert.Equal(e.DateStart is not null ? e.Id : c.Id, card.Row.Id);
            var claim = card.Row.Readings.Prepend(card.Row).Single(r => r.Kind == ItemKind.Claim);
            Assert.Equal(c.Stance, claim.Stance);
        }
        Assert.Equal(cards.Count, outline.Total);
    }

    [Fact]
    public async Task EveryItemOfTheViewIsShownOnceAndTheCountsCountCards()
    {
        var (outline, cards) = await ListAsync();
        await using var db = await _store.DbAsync();
        var items = await TimelineQuery.Filter(db, new TimelineFilter()).Select(i => i.Id).ToListAsync();
        var shown = cards.SelectMany(k => k.Row.Readings.Prepend(k.Row)).Select(r => r.Id).ToList();

        Assert.Equal(items.Order(), shown.Order());
        Assert.Equal(items.Count - (await TwinsAsync()).Count, cards.Count);
        foreach (var lane in Enum.GetValues<Lane>())
            Assert.Equal(cards.Count(k => k.Row.Lane == lane), outline.InLane(lane));
        Assert.Equal(cards.Count, outline.Sections.Sum(s => s.Count));
        // The chart still counts items: each reading with its own stance.
        Assert.Equal(items.Count, (await TimelineQuery.SummarizeAsync(db, new TimelineFilter())).Total);
    }

    [Fact]
    public async Task ReadInSmallPagesTheListIsTheSameWithTheSameHeaders()
    {
        var (_, whole) = await ListAsync();
        var (_, paged) = await ListAsync(pageSize: 3);

        Assert.Equal(whole.Select(k => (k.Row.Id, k.OpensLane, k.OpensSection, k.OpensArticle)), paged.Select(k => (k.Row.Id, k.OpensLane, k.OpensSection, k.OpensArticle)));
        Assert.Equal(whole.Select(k => k.Row.Readings.Count), paged.Select(k => k.Row.Readings.Count));
    }

    [Fact]
    public async Task AClaimWhoseEventIsNotInTheViewIsACardOfItsOwn()
    {
        var twin = (await TwinsAsync()).First(t => t.Event.DateStart is not null);
        var (_, cards) = await ListAsync("/?kind=claim");

        var card = Assert.Single(cards, k => k.Row.Id == twin.Claim.Id);
        Assert.Empty(card.Row.Readings);
        Assert.DoesNotContain(cards, k => k.Row.Kind == ItemKind.Event);
    }

    [Fact]
    public async Task LanesComeInOrderAndEachPeriodsCardsAreGroupedByArticleInTextOrder()
    {
        var (outline, cards) = await ListAsync();

        Assert.Equal(outline.Sections.Select(s => s.Lane).Order(), outline.Sections.Select(s => s.Lane));
        Assert.Equal([Lane.Dated, Lane.Estimated, Lane.Undated], cards.Where(k => k.OpensLane).Select(k => k.Section.Lane));
        foreach (var section in cards.GroupBy(k => k.Section))
        {
            var articles = section.Select(k => k.Row.ArticleId).ToList();
            // An article's cards are together: once another article starts, the first does not come back.
            Assert.Equal(articles.Distinct().Count(), articles.Where((a, k) => k == 0 || articles[k - 1] != a).Count());
            Assert.Equal(section.Count(k => k.OpensArticle), articles.Distinct().Count());
            foreach (var article in section.GroupBy(k => k.Row.ArticleId))
                Assert.Equal(article.Select(k => k.Row.Start).Order(), article.Select(k => k.Row.Start));
        }
        // The estimated lane holds several articles in July 2025: one header for each, not one per card.
        var july = cards.Where(k => k.Section is { Lane: Lane.Estimated, Whole: false } && k.Section.Start == new DateOnly(2025, 7, 1)).ToList();
        Assert.True(july.Select(k => k.Row.ArticleId).Distinct().Count() >= 2);
        Assert.True(july.Count(k => k.OpensArticle) < july.Count);
    }

    [Fact]
    public async Task AnItemDatedOnlyToAYearSitsUnderTheYearBeforeItsMonthsNeverUnderJanuary()
    {
        var (outline, cards) = await ListAsync();
        await using var db = await _store.DbAsync();
        var yearOnly = await db.Items.Where(i => i.DateGranularity == DateGranularity.Year && i.Status != ReviewStatus.Rejected).Select(i => i.Id).ToListAsync();

        Assert.NotEmpty(yearOnly);
        foreach (var card in cards.Where(k => yearOnly.Contains(k.Row.Id)))
        {
            var year = card.Row.DateStart!.Value.Year;
            Assert.Equal((true, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), (card.Section.Whole, card.Section.Start!.Value, card.Section.End!.Value));
            var months = outline.Sections.Where(s => s.Lane == card.Section.Lane && !s.Whole && s.Start!.Value.Year == year).ToList();
            Assert.All(months, m => Assert.True(m.First > card.Section.First, $"{m.Start} comes before the year {year}"));
        }
        // Not under January: no month section holds an item of a whole year.
        Assert.DoesNotContain(cards, k => !k.Section.Whole && yearOnly.Contains(k.Row.Id));
    }

    [Fact]
    public async Task AQuarterOnlyItemSitsUnderItsQuarterAtMonthZoomAndUnderItsQuarterPeriodAtQuarterZoom()
    {
        int id;
        await using (var db = await _store.DbAsync())
        {
            var item = await db.Items.Where(i => i.Kind == ItemKind.Quote && i.DateEstimated).OrderBy(i => i.Id).FirstAsync();
            (item.DateStart, item.DateEnd, item.DateGranularity) = (new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), DateGranularity.Quarter);
            await db.SaveChangesAsync();
            id = item.Id;
        }

        var (outline, cards) = await ListAsync();
        var card = Assert.Single(cards, k => k.Row.Id == id);
        Assert.Equal((true, new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), (card.Section.Whole, card.Section.Start!.Value, card.Section.End!.Value));
        var april = Assert.Single(outline.Sections, s => s is { Lane: Lane.Estimated, Whole: false } && s.Start == new DateOnly(2025, 4, 1));
        Assert.True(card.Section.First < april.First);

        var (_, byQuarter) = await ListAsync("/?zoom=quarter");
        Assert.False(Assert.Single(byQuarter, k => k.Row.Id == id).Section.Whole);
    }
}

using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Data;

/// <summary>What relevance order means, and the indexes issue 13 added for the timeline's speed, on a real SQLite store.</summary>
public class RelevanceTests
{
    private const string Filler = "وتحدث التقرير بعد ذلك عن خطط التوظيف في عدة مدن وعن مراكز البيانات الجديدة وعن ميزانية العام المقبل كما وردت في بيان الشركة. ";

    // Ingested in this order, so the densest article is the oldest and newest-first would put it last.
    private static readonly (string Name, string Body)[] Articles =
    [
        ("dense", "تصنع الشركة المعالجات بنفسها، والمعالجات الجديدة أسرع من المعالجات القديمة."),
        ("sparse", "قالت الشركة إن خطتها تشمل المعالجات في سطر واحد. " + string.Concat(Enumerable.Repeat(Filler, 6))),
        ("middle", "ذكر البيان المعالجات في أوله ثم عاد إلى المعالجات في آخره. " + string.Concat(Enumerable.Repeat(Filler, 2))),
    ];

    private static async Task<(TestStore Store, Dictionary<string, int> Ids)> StoreAsync()
    {
        var store = await TestStore.CreateAsync();
        var ids = new Dictionary<string, int>();
        foreach (var (name, body) in Articles)
        {
            var path = store.WriteFile($"{name}.txt", $"---\ntitle: تقرير {name}\nsource: مصدر\npublished: 2025-03\n---\n{body}\n");
            await store.Ingestion.IngestPathsAsync([path]);
            await using var db = await store.DbAsync();
            ids[name] = await db.Articles.Where(a => a.Title == "تقرير " + name).Select(a => a.Id).SingleAsync();
        }
        return (store, ids);
    }

    [Fact]
    public async Task TheTopHitIsTheArticleWithTheWordMostDensely()
    {
        var (store, ids) = await StoreAsync();
        await using var _ = store;
        await using var db = await store.DbAsync();

        var ranked = await SearchIndex.SearchArticlesAsync(db, "معالجات", SearchOrder.Relevance, 10);

        Assert.Equal([ids["dense"], ids["middle"], ids["sparse"]], ranked);
        Assert.Equal([ids["middle"], ids["sparse"], ids["dense"]], await SearchIndex.SearchArticlesAsync(db, "معالجات", SearchOrder.Newest, 10));
    }

    [Fact]
    public async Task BeyondTheBoundOnlyTheNewestHitsAreRanked()
    {
        var (store, ids) = await StoreAsync();
        await using var _ = store;
        await using var db = await store.DbAsync();

        // Three hits: a bound of three ranks them all; a bound of two leaves the oldest (the densest) out.
        Assert.Equal([ids["dense"], ids["middle"], ids["sparse"]], await SearchIndex.SearchArticlesAsync(db, "معالجات", 10, ranked: 3));
        Assert.Equal([ids["middle"], ids["sparse"]], await SearchIndex.SearchArticlesAsync(db, "معالجات", 10, ranked: 2));
    }

    [Fact]
    public async Task TheOffTopicFilterAndTheCardsProbesReadOnlyTheirIndexes()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();
        var view = TimelineQuery.Filter(db, new TimelineFilter(), forPage: true);

        // The partial index is used only while the query says "NOT IsRelevant" as the index's filter does.
        var page = await PlanAsync(db, TimelineQuery.Dated(view).Take(50).ToQueryString());
        Assert.Contains(page, d => d.Contains("IX_Articles_OffTopic", StringComparison.Ordinal));
        // So is the set of a story's republications, hidden by default beside the off-topic ones.
        Assert.Contains(page, d => d.Contains("IX_Articles_Copies", StringComparison.Ordinal));
        // A card's probe for a dated event on a claim's words never reads the items table.
        Assert.Contains(await PlanAsync(db, TimelineCards.Facts(view).ToQueryString()), d => d.Contains("COVERING INDEX IX_Items_Cards", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(TrackerDbContext db, string sql)
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var details = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) details.Add(r.GetString(3));
        return details;
    }
}

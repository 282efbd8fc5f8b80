using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Data;

public class SearchIndexTests
{
    [Theory]
    [InlineData("ذكاء")]
    [InlineData("والذكاء")]
    [InlineData("بالذكاء")]
    [InlineData("الذَّكَاءُ")]
    public async Task FindsArticlesByAnyInflectionOfAWord(string query)
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();

        var ids = await SearchIndex.SearchArticlesAsync(db, query, SearchOrder.Relevance, 10);

        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public async Task BothSpellingsOfZuckerbergFindTheArticlesThatUseEither()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();
        var withGhain = await db.Articles.Where(a => a.Text.Contains("زوكربيرغ")).Select(a => a.Id).ToListAsync();
        var withJeem = await db.Articles.Where(a => a.Text.Contains("زوكربيرج")).Select(a => a.Id).ToListAsync();

        var ghain = await SearchIndex.SearchArticlesAsync(db, "زوكربيرغ", SearchOrder.Newest, 10);
        var jeem = await SearchIndex.SearchArticlesAsync(db, "زوكربيرج", SearchOrder.Newest, 10);

        Assert.Equal(withGhain.Order(), ghain.Order());
        Assert.Equal(withJeem.Order(), jeem.Order());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("ميتا\" OR \"x")]
    [InlineData("NEAR(ميتا llama")]
    [InlineData("*:-^")]
    [InlineData("ميتا AND")]
    public async Task HostileQueryStringsNeverBreakFtsSyntax(string query)
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();

        var ex = await Record.ExceptionAsync(() => SearchIndex.SearchArticlesAsync(db, query, SearchOrder.Relevance, 10));

        Assert.Null(ex);
    }

    [Fact]
    public async Task NewestFirstFollowsIngestionOrder()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();

        var ids = await SearchIndex.SearchArticlesAsync(db, "ميتا", SearchOrder.Newest, 10);

        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task TheStoreRunsInWalMode()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = await store.DbAsync();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnEmptiedIndexIsRebuiltFromTheStoreOnTheNextStart()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using (var db = await store.DbAsync())
        {
            // What the migration that changed the tokenizer leaves behind: empty search tables beside a full store.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO ArticleSearch(ArticleSearch) VALUES('delete-all'); INSERT INTO ItemSearch(ItemSearch) VALUES('delete-all');");
            Assert.Empty(await SearchIndex.SearchArticlesAsync(db, "زوكربيرغ", SearchOrder.Newest, 10));
        }

        await TrackerDbSetup.MigrateAsync(store.DbFactory);

        await using var check = await store.DbAsync();
        Assert.Equal(5, (await SearchIndex.SearchArticlesAsync(check, "الذكاء", SearchOrder.Newest, 10)).Count);
        var items = await SearchIndex.SearchItemsAsync(check, "مفتوح", SearchOrder.Newest, 100);
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, await check.Items.CountAsync(i => items.Contains(i.Id)));
    }
}

using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Export;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Ingestion;

public class StoryClusterTests
{
    private static async Task<List<string>> WriteAsync(TestStore store, IEnumerable<string> texts, string prefix) =>
        [.. texts.Select((t, i) => store.WriteFile($"{prefix}-{i}.txt", t))];

    [Fact]
    public async Task FiveRewritesOfOneSeedAreOneStoryWhoseOriginIsTheEarliestAndOtherSeedsStayApart()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        var files = await WriteAsync(store, StoryRewrites.Files(), "copy");

        var results = await store.Ingestion.IngestPathsAsync(files);

        Assert.All(results, r => Assert.Equal(Web.Ingestion.IngestOutcome.Added, r.Outcome));
        await using var db = await store.DbAsync();
        var copies = await db.Articles.Where(a => a.Source != null && StoryRewrites.Outlets.Contains(a.Source)).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(5, copies.Count);
        var seed004 = await db.Articles.SingleAsync(a => a.FileName.StartsWith("004_"));
        // The seed itself is a sixth copy (month-dated 2025-07, estimated): the earliest, so the origin.
        Assert.All(copies, c => Assert.Equal(seed004.StoryId, c.StoryId));
        Assert.NotNull(seed004.StoryId);
        Assert.True(seed004.IsOrigin);
        Assert.All(copies, c => Assert.False(c.IsOrigin));
        var others = await db.Articles.Where(a => a.Source == null && a.Id != seed004.Id).ToListAsync();
        Assert.Equal(4, others.Count);
        Assert.All(others, o => { Assert.Null(o.StoryId); Assert.True(o.IsOrigin); });
        // Ten articles, five stories: the cluster of six and the four other seeds.
        Assert.Equal(5, await db.Articles.Select(a => a.StoryId ?? -a.Id).Distinct().CountAsync());
        Assert.Equal(5 * 40, await db.ArticleBands.CountAsync(b => copies.Select(c => c.Id).Contains(b.ArticleId)));
    }

    [Fact]
    public async Task AnEarlierCopyArrivingLaterBecomesTheOrigin()
    {
        await using var store = await TestStore.CreateAsync();
        var files = StoryRewrites.Files(firstDay: 10);
        var late = await WriteAsync(store, files.Skip(1), "late");
        await store.Ingestion.IngestPathsAsync(late);
        await using (var db = await store.DbAsync())
        {
            var first = await db.Articles.Where(a => a.IsOrigin).SingleAsync();
            Assert.Equal("2025-09-11", first.PublishedStart!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        await store.Ingestion.IngestPathsAsync(await WriteAsync(store, files.Take(1), "early"));

        await using var db2 = await store.DbAsync();
        var all = await db2.Articles.ToListAsync();
        Assert.Equal(5, all.Count);
        Assert.Single(all.Select(a => a.StoryId).Distinct());
        Assert.Equal(StoryRewrites.Outlets[0], all.Single(a => a.IsOrigin).Source);
    }

    [Fact]
    public async Task AStoreFromBeforeClustersGetsThemAtStartUpAndTheExportSaysThem()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(await WriteAsync(store, StoryRewrites.Files(), "copy"));
        await using (var db = await store.DbAsync())
        {
            // As the migration leaves a store that had articles: no signature, no bands, every article its own origin.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ArticleBands; UPDATE Articles SET StorySignature = NULL, StoryId = NULL, IsOrigin = 1;");
        }

        await TrackerDbSetup.MigrateAsync(store.DbFactory);

        await using var db2 = await store.DbAsync();
        var all = await db2.Articles.OrderBy(a => a.Id).ToListAsync();
        Assert.Single(all.Select(a => a.StoryId).Distinct());
        Assert.NotNull(all[0].StoryId);
        Assert.Equal(StoryRewrites.Outlets[0], all.Single(a => a.IsOrigin).Source);
        using var json = new MemoryStream();
        await TrackerExport.WriteJsonAsync(db2, json, includeText: false);
        var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var exported = doc.RootElement.GetProperty("articles").EnumerateArray().ToList();
        Assert.All(exported, a => Assert.Equal(all[0].StoryId, a.GetProperty("storyId").GetInt32()));
        Assert.Equal(1, exported.Count(a => a.GetProperty("isOrigin").GetBoolean()));
    }

    [Fact]
    public async Task AnEditorTakesAnArticleOutOfItsStoryAndJoinsItBackAndEachIsAudited()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(await WriteAsync(store, StoryRewrites.Files(), "copy"));
        await store.Ingestion.IngestPathsAsync([Directory.GetFiles(TestStore.SeedsDir, "001_*.txt").Single()]);
        var review = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Editing.ReviewService>(store.Services);
        List<Article> all;
        await using (var db = await store.DbAsync()) all = await db.Articles.OrderBy(a => a.Id).ToListAsync();
        var (origin, lone) = (all[0], all[^1]);
        Assert.True(origin.IsOrigin);
        Assert.Null(lone.StoryId);

        // The origin taken out: the earliest of the rest becomes the story's origin.
        var split = await review.SplitFromStoryAsync(Editing.People.Editor, origin.Id, origin.Version);
        Assert.Null(split.StoryId);
        await using (var db = await store.DbAsync())
        {
            Assert.Equal(StoryRewrites.Outlets[1], (await db.Articles.SingleAsync(a => a.StoryId != null && a.IsOrigin)).Source);
            // Its keys are found by its signature (the table has no index on ArticleId); the others' stay.
            Assert.Equal(0, await db.ArticleBands.CountAsync(b => b.ArticleId == origin.Id));
            Assert.Equal(4 * 40, await db.ArticleBands.CountAsync(b => b.ArticleId != origin.Id && b.ArticleId != lone.Id));
            var entry = await db.Audit.SingleAsync(e => e.Action == "article.story.split");
            Assert.Equal(origin.Id, entry.ArticleId);
            Assert.Contains(origin.StoryId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Before);
        }
        var again = await Assert.ThrowsAsync<Web.Components.Shared.InputException>(() => review.SplitFromStoryAsync(Editing.People.Editor, origin.Id, split.Version));
        Assert.Contains($"{origin.Id}", again.Phrase.ToString());

        // Joined back to a copy's story it is the origin again (the earliest publication).
        var joined = await review.JoinStoryAsync(Editing.People.Editor, origin.Id, split.Version, all[2].Id);
        await using (var db = await store.DbAsync())
            Assert.Equal(origin.Id, (await db.Articles.SingleAsync(a => a.IsOrigin && a.StoryId != null)).Id);
        // An unrelated seed joined by hand (dated July 2025, before the copies) becomes the story's origin.
        await review.JoinStoryAsync(Editing.People.Editor, lone.Id, lone.Version, all[1].Id);
        await using (var db = await store.DbAsync())
        {
            var now = await db.Articles.OrderBy(a => a.Id).ToListAsync();
            Assert.Single(now.Select(a => a.StoryId).Distinct());
            Assert.Equal(lone.Id, now.Single(a => a.IsOrigin).Id);
            Assert.Equal(2, await db.Audit.CountAsync(e => e.Action == "article.story.join"));
        }
        Assert.Equal(joined.StoryId, all[2].StoryId);
    }

    [Fact]
    public async Task TheBandKeysAreOneBTreeLookedUpByKeyAlone()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = await store.DbAsync();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        // Forty rows an article: a rowid table with two indexes made them ingestion's largest write.
        cmd.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'ArticleBands' ORDER BY type DESC";
        var schema = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) schema.Add(r.IsDBNull(0) ? "automatic index" : r.GetString(0));
        // The table alone: no index beside it, not even the automatic one a rowid table keeps for its primary key.
        Assert.Contains("WITHOUT ROWID", Assert.Single(schema), StringComparison.Ordinal);
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT ArticleId FROM ArticleBands WHERE Key = 1 LIMIT 50";
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Contains("USING PRIMARY KEY (Key=?)", r.GetString(3), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CorrectingTheOriginsDateMakesTheEarliestOfTheOthersTheOrigin()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(await WriteAsync(store, StoryRewrites.Files(), "copy"));
        var review = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Editing.ReviewService>(store.Services);
        Article origin;
        await using (var db = await store.DbAsync()) origin = await db.Articles.SingleAsync(a => a.IsOrigin);
        Assert.Equal(StoryRewrites.Outlets[0], origin.Source);

        // Published a month after the copies, not the day before them.
        await review.SetDetailsAsync(Editing.People.Editor, origin.Id, origin.Version, new Web.Editing.ArticleDetails(Published: "2025-10-20"));

        await using (var db = await store.DbAsync())
            Assert.Equal(StoryRewrites.Outlets[1], (await db.Articles.SingleAsync(a => a.IsOrigin)).Source);
    }
}

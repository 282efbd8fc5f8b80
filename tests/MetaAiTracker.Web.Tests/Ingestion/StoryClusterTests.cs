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
}

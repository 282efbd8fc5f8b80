using System.Text;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Ingestion;

public class IngestionServiceTests
{
    [Fact]
    public async Task IngestsTheFiveSeedsAndSkipsTheFolderReadme()
    {
        await using var store = await TestStore.CreateAsync();

        var results = await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);

        Assert.Equal(5, results.Count(r => r.Outcome == IngestOutcome.Added));
        Assert.DoesNotContain(results, r => r.Path.EndsWith("README.md"));
        await using var db = await store.DbAsync();
        Assert.Equal(5, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task TheSameArticleTwiceIsStoredOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var text = File.ReadAllText(Directory.GetFiles(TestStore.SeedsDir, "003_*.txt").Single());
        var a = store.WriteFile("a.txt", text);
        // Same article with Windows line endings and a BOM: same normalized text, same article.
        var b = store.WriteFile("b.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))]);

        var results = await store.Ingestion.IngestPathsAsync([a, b]);

        Assert.Equal([IngestOutcome.Added, IngestOutcome.Duplicate], results.Select(r => r.Outcome));
        Assert.Equal(results[0].ArticleId, results[1].ArticleId);
        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task ABadFileIsReportedByNameAndTheBatchGoesOn()
    {
        await using var store = await TestStore.CreateAsync();
        var empty = store.WriteFile("empty.txt", "");
        var good = store.WriteFile("good.txt", "أعلنت شركة ميتا اليوم عن إطلاق نموذج جديد مفتوح المصدر للمطورين في أنحاء العالم.");
        var missing = Path.Combine(store.Dir, "missing.txt");

        var results = await store.Ingestion.IngestPathsAsync([empty, good, missing]);

        Assert.Equal([IngestOutcome.Rejected, IngestOutcome.Added, IngestOutcome.Rejected], results.Select(r => r.Outcome));
        Assert.Contains("empty.txt", results[0].Message);
        Assert.Contains("missing.txt", results[2].Message);
    }

    [Fact]
    public async Task AFailureMidArticleLeavesNoHalfArticle()
    {
        await using var store = await TestStore.CreateAsync();
        await using (var db = await store.DbAsync())
        {
            // Break the last write of an article (the search index) after its rows were saved in the transaction.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE ArticleSearch");
        }
        var file = Directory.GetFiles(TestStore.SeedsDir, "004_*.txt").Single();

        await Assert.ThrowsAnyAsync<Exception>(() => store.Ingestion.IngestPathsAsync([file]));

        await using var check = await store.DbAsync();
        Assert.Equal(0, await check.Articles.CountAsync());
        Assert.Equal(0, await check.Items.CountAsync());
    }

    [Fact]
    public async Task ReextractionReplacesMachineItemsButKeepsWhatEditorsTouched()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        int articleId;
        int confirmedId, addedId;
        await using (var db = await store.DbAsync())
        {
            var article = await db.Articles.Include(a => a.Items).FirstAsync(a => a.Items.Count >= 2);
            articleId = article.Id;
            var confirmed = article.Items[0];
            confirmed.Status = ReviewStatus.Confirmed;
            confirmedId = confirmed.Id;
            var added = new Item
            {
                ArticleId = article.Id, Kind = ItemKind.Claim, Start = 0, End = 10, Text = article.Text[..10],
                Status = ReviewStatus.Added, ExtractorVersion = "editor",
            };
            db.Items.Add(added);
            await db.SaveChangesAsync();
            addedId = added.Id;
        }
        int machineBefore;
        await using (var db = await store.DbAsync())
            machineBefore = await db.Items.CountAsync(i => i.ArticleId == articleId && i.Status == ReviewStatus.Machine);

        await store.Ingestion.ReextractAsync(articleId);

        await using var after = await store.DbAsync();
        var items = await after.Items.Where(i => i.ArticleId == articleId).ToListAsync();
        Assert.Contains(items, i => i.Id == confirmedId && i.Status == ReviewStatus.Confirmed);
        Assert.Contains(items, i => i.Id == addedId && i.Status == ReviewStatus.Added);
        // Machine items were replaced by fresh ones (new ids), not kept alongside.
        Assert.All(items.Where(i => i.Status == ReviewStatus.Machine), i => Assert.True(i.Id > addedId));
        Assert.InRange(items.Count(i => i.Status == ReviewStatus.Machine), machineBefore - 1, machineBefore);
    }
}

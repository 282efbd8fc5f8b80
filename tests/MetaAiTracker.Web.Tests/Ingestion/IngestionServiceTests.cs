using System.Text;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task RowsWrittenByTheBulkWriterReadBackThroughEfAsExtracted()
    {
        await using var store = await TestStore.CreateAsync();
        var file = Directory.GetFiles(TestStore.SeedsDir, "004_*.txt").Single();
        var source = Core.Ingestion.ArticleReader.ReadFile(file, new Core.Ingestion.ArticleReaderOptions());
        var lexicon = await store.Ingestion.LoadLexiconAsync();
        var expected = ExtractionMapping.ToItems(store.Services.GetRequiredService<Core.Extraction.ExtractionPipeline>().Extract(source.Text, source.Published, lexicon), source.Published);

        var id = (await store.Ingestion.IngestPathsAsync([file])).Single().ArticleId;

        await using var db = await store.DbAsync();
        var article = await db.Articles.SingleAsync(a => a.Id == id);
        Assert.Equal(source.Published, article.Published);
        var stored = await db.Items.Include(i => i.Themes).Include(i => i.Actors).Include(i => i.Amounts)
            .Where(i => i.ArticleId == id).OrderBy(i => i.Id).ToListAsync();
        static string Row(Item i) => string.Join("|", i.Kind, i.Start, i.End, i.Text, i.Stance, i.Status, i.DateStart, i.DateEnd, i.DateGranularity,
            i.DateEstimated, i.QuoteKind, i.SpeakerEntityId, i.SpeakerKind, i.Summary, i.Hedged, i.Negated,
            string.Join(",", i.Themes.Select(t => t.ThemeKey).Order()), string.Join(",", i.Actors.Select(a => a.EntityId).Order()),
            string.Join(",", i.Amounts.Select(a => $"{a.Value}{a.Unit}{a.Currency}@{a.Start}")));
        Assert.NotEmpty(expected);
        Assert.Contains(expected, i => i.Amounts.Count > 0);
        Assert.Equal(expected.Select(Row), stored.Select(Row));
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
    public async Task AUtf8FileWithAStrayByteAndCraftedMetadataIsStoredReadableAndHarmless()
    {
        await using var store = await TestStore.CreateAsync();
        var text = File.ReadAllText(Directory.GetFiles(TestStore.SeedsDir, "003_*.txt").Single());
        var header = "---\ntitle: \u202Eعنوان\u202C المقال\nsource: \u2066صحيفة\u2069\nurl: javascript:alert(document.cookie)\n---\n";
        var bytes = Encoding.UTF8.GetBytes(header + text);
        var file = store.WriteFile("stray.md", [.. bytes[..(bytes.Length / 2)], 0xFF, .. bytes[(bytes.Length / 2)..]]);

        var result = (await store.Ingestion.IngestPathsAsync([file])).Single();

        Assert.Equal(IngestOutcome.Added, result.Outcome);
        await using var db = await store.DbAsync();
        var article = await db.Articles.SingleAsync();
        Assert.Equal("utf-8", article.Encoding);
        Assert.Contains(text.Split('\n').First(l => l.Length > 40).Trim(), article.Text);
        Assert.True(await db.Items.CountAsync() > 0);
        Assert.Equal(("عنوان المقال", "صحيفة", null), (article.Title, article.Source, article.Url));
    }

    [Fact]
    public async Task AFailureMidArticleRollsBackThatArticleAloneAndTheBatchGoesOn()
    {
        await using var store = await TestStore.CreateAsync();
        await using (var db = await store.DbAsync())
        {
            // Fail the first item write of seed 004, after its article row was written in the same transaction.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER fail_004 BEFORE INSERT ON Items
                WHEN (SELECT FileName FROM Articles WHERE Id = NEW.ArticleId) LIKE '004%'
                BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
                """);
        }

        var results = await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);

        var failed = Assert.Single(results, r => r.Outcome == IngestOutcome.Rejected);
        Assert.Contains("004_", failed.Message);
        Assert.Contains("disk on fire", failed.Message);
        Assert.Equal(4, results.Count(r => r.Outcome == IngestOutcome.Added));
        await using var check = await store.DbAsync();
        Assert.Equal(4, await check.Articles.CountAsync());
        Assert.False(await check.Articles.AnyAsync(a => a.FileName.StartsWith("004")));
        Assert.False(await check.Items.AnyAsync(i => !check.Articles.Any(a => a.Id == i.ArticleId)));
        var indexed = await check.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ArticleSearch").SingleAsync();
        Assert.Equal(4, indexed);
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

    [Fact]
    public async Task ReextractionWithTheSameRulesSaysNothingChanged()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        int machine;
        await using (var db = await store.DbAsync())
            machine = await db.Items.CountAsync(i => i.Status == ReviewStatus.Machine);

        var summary = await store.Ingestion.ReextractAsync();

        Assert.Equal(5, summary.Articles);
        Assert.Equal((machine, 0, 0), (summary.Unchanged, summary.Added, summary.Removed));
        Assert.Contains($"{machine} unchanged", summary.ToString());
    }

    [Fact]
    public async Task IngestingAndReextractingTheSameTextWriteTheSameRowsThroughOneMapping()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        var ingested = await SnapshotAsync(store);

        var summary = await store.Ingestion.ReextractAsync();
        var reextracted = await SnapshotAsync(store);

        // Items get new ids on re-extraction, so compare what they say; everything else row by row.
        Assert.Equal(ingested, reextracted);
        Assert.Equal(0, summary.Added + summary.Removed);
        Assert.Equal(ingested.Items.Count, summary.Unchanged);
        Assert.Equal(ingested.Items.Count(i => i.StartsWith("Quote", StringComparison.Ordinal)), summary.ByKind[ItemKind.Quote].Unchanged);
        Assert.Contains("quotes: 0 new, 0 gone", summary.ToString());
    }

    private sealed record StoreSnapshot(List<string> Items, List<string> Articles, List<string> Proposals, long SearchRows, long ItemSearchRows)
    {
        public bool Equals(StoreSnapshot? o) => o is not null && Items.SequenceEqual(o.Items) && Articles.SequenceEqual(o.Articles)
            && Proposals.SequenceEqual(o.Proposals) && SearchRows == o.SearchRows && ItemSearchRows == o.ItemSearchRows;
        public override int GetHashCode() => Items.Count;
    }

    private static async Task<StoreSnapshot> SnapshotAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        var items = (await db.Items.AsNoTracking().Include(i => i.Themes).Include(i => i.Actors).Include(i => i.Amounts).AsSplitQuery().ToListAsync())
            .Select(i => string.Join('|', i.Kind, i.ArticleId, i.Start, i.End, i.Stance, i.Status, i.SpeakerEntityId, i.SpeakerName, i.QuoteKind, i.EventType,
                i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated, i.DateText, i.Hedged, i.Negated, i.ExtractorVersion,
                string.Join(',', i.Themes.Select(t => t.ThemeKey).Order()), string.Join(',', i.Actors.Select(a => a.EntityId).Order()),
                string.Join(',', i.Amounts.Select(a => $"{a.Value}{a.Unit}{a.Currency}@{a.Start}").Order())))
            .Order().ToList();
        var articles = (await db.Articles.AsNoTracking().Include(a => a.Themes).Include(a => a.Entities).Include(a => a.Figures).AsSplitQuery().ToListAsync())
            .Select(a => string.Join('|', a.Id, a.Stance, a.IsRelevant, a.RelevanceScore, a.ExtractorVersion,
                string.Join(',', a.Themes.Select(t => t.ThemeKey + t.ByEditor).Order()), string.Join(',', a.Entities.Select(e => e.EntityId + e.Mentions).Order()),
                string.Join(',', a.Figures.Select(f => $"{f.Value}{f.Unit}@{f.Start}{f.DateStart}").Order())))
            .Order().ToList();
        var proposals = (await db.Aliases.AsNoTracking().Where(a => a.Status == AliasStatus.Proposed).Select(a => a.EntityId + ":" + a.Text).ToListAsync())
            .Concat(await db.EntityProposals.AsNoTracking().Select(p => p.Kind + ":" + p.NormalizedName).ToListAsync()).Order().ToList();
        var search = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ArticleSearch WHERE ArticleSearch MATCH 'ميتا*'").SingleAsync();
        var itemSearch = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ItemSearch").SingleAsync();
        return new StoreSnapshot(items, articles, proposals, search, itemSearch);
    }
}

using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Ingestion;

public class StatementTests
{
    private static async Task<List<Item>> QuotesAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        return await db.Items.AsNoTracking().Include(i => i.Article).Where(i => i.Kind == ItemKind.Quote).OrderBy(i => i.Id).ToListAsync();
    }

    [Fact]
    public async Task AQuoteRepeatedAcrossFiveRewritesIsOneStatementWhoseFirstAppearanceIsTheEarliestArticle()
    {
        await using var store = await TestStore.CreateAsync();
        // One at a time, the origin last: each article is its own batch, so the linker reads the store, not its memory.
        foreach (var path in Echoes.Write(store.Dir))
            Assert.Equal(IngestOutcome.Added, (await store.Ingestion.IngestPathsAsync([path])).Single().Outcome);

        var quotes = await QuotesAsync(store);
        var echoes = Echoed(quotes);
        Assert.Equal(5, echoes.Count);
        Assert.Single(echoes.Select(q => q.StatementId).Distinct());
        Assert.NotNull(echoes[0].StatementId);
        Assert.Equal(5, echoes.Select(q => q.ArticleId).Distinct().Count());
        // His other words in the same articles (the limits of openness, the data centres) are statements of their own.
        var others = quotes.Where(q => q.SpeakerEntityId == Echoes.Speaker && !echoes.Contains(q)).ToList();
        Assert.Contains(others, q => q.Text == Echoes.Other);
        Assert.All(others, q => Assert.NotEqual(echoes[0].StatementId, q.StatementId));
        Assert.All(others, q => Assert.NotNull(q.StatementId));

        await using var db = await store.DbAsync();
        var statement = await db.Statements.SingleAsync(s => s.Id == echoes[0].StatementId);
        Assert.Equal(Echoes.Speaker, statement.SpeakerEntityId);
        var first = echoes.Single(q => q.Id == statement.FirstItemId);
        Assert.Equal(Echoes.OriginTitle, first.Article!.Title);
    }

    /// <summary>His quote that the five articles repeat, in the order the articles were stored.</summary>
    private static List<Item> Echoed(List<Item> quotes) =>
        [.. quotes.Where(q => q.SpeakerEntityId == Echoes.Speaker && (q.Text.Contains("فرصة البناء") || q.Text.StartsWith("نعتقد أن المصدر المفتوح")))];

    private static void AssertOneGroupOfFive(List<Item> quotes)
    {
        var echoes = Echoed(quotes);
        Assert.Equal(5, echoes.Count);
        Assert.Single(echoes.Select(q => q.StatementId).Distinct());
        Assert.NotNull(echoes[0].StatementId);
        Assert.DoesNotContain(quotes, q => q.StatementId == echoes[0].StatementId && !echoes.Contains(q));
    }

    [Fact]
    public async Task OneBatchGroupsTheRewritesAsArticleByArticleDoes()
    {
        await using var store = await TestStore.CreateAsync();
        Echoes.Write(store.Dir);

        await store.Ingestion.IngestPathsAsync([Path.Combine(store.Dir, "echoes")]);

        var quotes = await QuotesAsync(store);
        AssertOneGroupOfFive(quotes);
        await using var db = await store.DbAsync();
        var origin = Echoed(quotes).Single(q => q.Article!.Title == Echoes.OriginTitle);
        Assert.Equal(origin.Id, (await db.Statements.SingleAsync(s => s.Id == origin.StatementId)).FirstItemId);
    }

    [Fact]
    public async Task ReextractionKeepsTheGroupAndMovesTheFirstAppearanceToTheNewQuote()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var before = await QuotesAsync(store);
        int statements;
        await using (var db0 = await store.DbAsync()) statements = await db0.Statements.CountAsync();

        var summary = await store.Ingestion.ReextractAsync();

        Assert.Equal(5, summary.Articles);
        var quotes = await QuotesAsync(store);
        Assert.Equal(before.Count, quotes.Count);
        Assert.DoesNotContain(quotes, q => before.Any(b => b.Id == q.Id));
        AssertOneGroupOfFive(quotes);
        await using var db = await store.DbAsync();
        // The old quotes' statements are gone with them, not left empty beside the new ones.
        Assert.Equal(statements, await db.Statements.CountAsync());
        Assert.Equal(0, await db.Statements.CountAsync(s => !db.Items.Any(i => i.Id == s.FirstItemId && i.StatementId == s.Id)));
        var origin = Echoed(quotes).Single(q => q.Article!.Title == Echoes.OriginTitle);
        Assert.Equal(origin.Id, (await db.Statements.SingleAsync(s => s.Id == origin.StatementId)).FirstItemId);
    }

    [Fact]
    public async Task AStoreFromBeforeStatementsGetsThemAtStartUp()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        await using (var db = await store.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Items SET StatementId = NULL; DELETE FROM Statements;");
        }

        await TrackerDbSetup.MigrateAsync(store.DbFactory);

        var quotes = await QuotesAsync(store);
        AssertOneGroupOfFive(quotes);
        Assert.DoesNotContain(quotes, q => q.SpeakerEntityId != null && q.StatementId is null);
        await using var check = await store.DbAsync();
        var origin = Echoed(quotes).Single(q => q.Article!.Title == Echoes.OriginTitle);
        Assert.Equal(origin.Id, (await check.Statements.SingleAsync(s => s.Id == origin.StatementId)).FirstItemId);
    }

    [Fact]
    public async Task AnUnattributedQuoteJoinsNoStatement()
    {
        await using var store = await TestStore.CreateAsync();
        var path = store.WriteFile("anon.md", "---\ntitle: بلا قائل\npublished: 2025-01-01\n---\nوجاء في البيان: «نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين فرصة البناء».\n");

        await store.Ingestion.IngestPathsAsync([path]);

        var quotes = await QuotesAsync(store);
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Null(q.SpeakerEntityId));
        Assert.All(quotes, q => Assert.Null(q.StatementId));
        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.Statements.CountAsync());
    }

    [Fact]
    public async Task TheExportListsEachQuotesAppearancesTheFirstOneFirst()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var quotes = await QuotesAsync(store);
        var byDate = Echoed(quotes).OrderBy(q => q.Article!.PublishedStart).Select(q => q.ArticleId).ToList();
        var other = quotes.Single(q => q.Text == Echoes.Other);

        using var json = new MemoryStream();
        await using (var db = await store.DbAsync()) await Web.Export.TrackerExport.WriteJsonAsync(db, json, includeText: false);

        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        var exported = doc.RootElement.GetProperty("quotes").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetInt32());
        foreach (var q in Echoed(quotes))
        {
            Assert.Equal(byDate, exported[q.Id].GetProperty("appearances").EnumerateArray().Select(a => a.GetInt32()).ToList());
            Assert.Equal(q.StatementId, exported[q.Id].GetProperty("statementId").GetInt32());
        }
        // The origin was stored last but published first.
        Assert.Equal(Echoed(quotes).Single(q => q.Article!.Title == Echoes.OriginTitle).ArticleId, byDate[0]);
        Assert.Equal(byDate.Max(), byDate[0]);
        Assert.Equal([other.ArticleId], exported[other.Id].GetProperty("appearances").EnumerateArray().Select(a => a.GetInt32()).ToList());
    }

    [Fact]
    public async Task AnEditorSplitsTheFirstAppearanceOutAndTheRestKeepTheNextEarliestAsFirst()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var echoes = Echoed(await QuotesAsync(store));
        var origin = echoes.Single(q => q.Article!.Title == Echoes.OriginTitle);
        var next = echoes.OrderBy(q => q.Article!.PublishedStart).Skip(1).First();
        var review = store.Services.GetRequiredService<Web.Editing.ReviewService>();

        await Assert.ThrowsAsync<Web.Accounts.AccessDeniedException>(() => review.SplitStatementAsync(Tests.Editing.People.Analyst, origin.Id, origin.Version));
        var split = await review.SplitStatementAsync(Tests.Editing.People.Editor, origin.Id, origin.Version);

        var after = Echoed(await QuotesAsync(store));
        Assert.NotEqual(origin.StatementId, split.StatementId);
        Assert.Equal(split.StatementId, after.Single(q => q.Id == origin.Id).StatementId);
        Assert.Equal(ReviewStatus.Confirmed, after.Single(q => q.Id == origin.Id).Status);
        Assert.Equal(4, after.Count(q => q.StatementId == origin.StatementId));
        await using var db = await store.DbAsync();
        Assert.Equal(next.Id, (await db.Statements.SingleAsync(s => s.Id == origin.StatementId)).FirstItemId);
        Assert.Equal(origin.Id, (await db.Statements.SingleAsync(s => s.Id == split.StatementId)).FirstItemId);
        var audit = await db.Audit.SingleAsync(a => a.Action == "item.split");
        Assert.Equal(origin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.TargetId);
        Assert.Contains(origin.StatementId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.Before);
        Assert.Contains(split.StatementId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.After);

        // Alone now, it has nothing left to split from; and the split survives re-extraction (it is confirmed).
        var refused = await Assert.ThrowsAsync<Web.Components.Shared.InputException>(() => review.SplitStatementAsync(Tests.Editing.People.Editor, split.Id, split.Version));
        Assert.Contains(origin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message);
        await store.Ingestion.ReextractAsync();
        var again = await QuotesAsync(store);
        Assert.Equal(split.StatementId, again.Single(q => q.Id == origin.Id).StatementId);
        var rest = Echoed(again).Where(q => q.Id != origin.Id).ToList();
        Assert.Equal(4, rest.Count);
        Assert.Single(rest.Select(q => q.StatementId).Distinct());
        Assert.NotEqual(split.StatementId, rest[0].StatementId);
    }
}

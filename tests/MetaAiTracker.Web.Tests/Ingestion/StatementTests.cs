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

    private static Web.Editing.ReviewService Review(TestStore store) => store.Services.GetRequiredService<Web.Editing.ReviewService>();

    private static async Task<Statement> StatementAsync(TestStore store, int id)
    {
        await using var db = await store.DbAsync();
        return await db.Statements.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private static async Task<bool> StatementExistsAsync(TestStore store, int id)
    {
        await using var db = await store.DbAsync();
        return await db.Statements.AnyAsync(s => s.Id == id);
    }

    [Fact]
    public async Task AQuoteAnEditorAddsJoinsItsStatementAtOnceNotAtTheNextStart()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var statement = Echoed(await QuotesAsync(store))[0].StatementId!.Value;
        // A sixth article, published before the origin, carries the words without a quotation the rules read: the editor adds it by hand.
        const string words = "المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا";
        const string other = "سنبني أكبر مركز بيانات في الشرق الأوسط خلال عامين";
        var path = store.WriteFile("sixth.md", $"---\ntitle: تدوينة مبكرة\nsource: مدونة\npublished: 2025-03-01\n---\nكتب مؤسس ميتا أن {words} وأن الشركة ماضية في خطتها. وأضاف أن {other}.\n");
        await store.Ingestion.IngestPathsAsync([path]);
        Article sixth;
        await using (var db = await store.DbAsync()) sixth = await db.Articles.AsNoTracking().SingleAsync(a => a.Title == "تدوينة مبكرة");
        var (articleId, text) = (sixth.Id, sixth.Text);
        Assert.DoesNotContain(await QuotesAsync(store), q => q.ArticleId == articleId && q.StatementId == statement);
        var speaker = new Web.Editing.ItemEdit { SpeakerEntityId = Echoes.Speaker };

        var start = text.IndexOf(words, StringComparison.Ordinal);
        var added = await Review(store).AddItemAsync(Tests.Editing.People.Editor, articleId, ItemKind.Quote, start, start + words.Length, speaker);
        var alone = text.IndexOf(other, StringComparison.Ordinal);
        var second = await Review(store).AddItemAsync(Tests.Editing.People.Editor, articleId, ItemKind.Quote, alone, alone + other.Length, speaker);

        var quotes = await QuotesAsync(store);
        Assert.Equal(statement, quotes.Single(q => q.Id == added.Id).StatementId);
        Assert.Equal(6, quotes.Count(q => q.StatementId == statement));
        // Published a day before the origin, it is now the first appearance.
        Assert.Equal(added.Id, (await StatementAsync(store, statement)).FirstItemId);
        // Words he said nowhere else start a statement of their own.
        var own = quotes.Single(q => q.Id == second.Id).StatementId;
        Assert.NotNull(own);
        Assert.NotEqual(statement, own);
        Assert.Equal(second.Id, (await StatementAsync(store, own!.Value)).FirstItemId);
    }

    [Fact]
    public async Task AQuoteWhoseSpeakerOrWordsAnEditorChangesLeavesItsStatementAndJoinsTheRightOne()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var echoes = Echoed(await QuotesAsync(store));
        var origin = echoes.Single(q => q.Article!.Title == Echoes.OriginTitle);
        var next = echoes.OrderBy(q => q.Article!.PublishedStart).Skip(1).First();
        var statement = origin.StatementId!.Value;

        // Not his words but Yann LeCun's: out of Zuckerberg's statement, into one of LeCun's.
        var moved = await Review(store).EditAsync(Tests.Editing.People.Editor, origin.Id, origin.Version, new Web.Editing.ItemEdit { SpeakerEntityId = "yann-lecun" });

        var quotes = await QuotesAsync(store);
        Assert.Equal(4, quotes.Count(q => q.StatementId == statement));
        Assert.Equal(next.Id, (await StatementAsync(store, statement)).FirstItemId);
        var his = quotes.Single(q => q.Id == origin.Id).StatementId;
        Assert.NotNull(his);
        Assert.NotEqual(statement, his);
        var lecun = await StatementAsync(store, his!.Value);
        Assert.Equal("yann-lecun", lecun.SpeakerEntityId);
        Assert.Equal(origin.Id, lecun.FirstItemId);

        // Corrected back: it rejoins, first again, and LeCun's statement, empty, is gone.
        await Review(store).EditAsync(Tests.Editing.People.Editor, origin.Id, moved.Version, new Web.Editing.ItemEdit { SpeakerEntityId = Echoes.Speaker });
        Assert.Equal(5, (await QuotesAsync(store)).Count(q => q.StatementId == statement));
        Assert.Equal(origin.Id, (await StatementAsync(store, statement)).FirstItemId);
        Assert.False(await StatementExistsAsync(store, lecun.Id));

        // Its span moved to other words of the article: it leaves the statement for the one those words are in (the rules
        // read them as his indirect quote).
        var current = (await QuotesAsync(store)).Single(q => q.Id == origin.Id);
        var sentence = "وأضاف أن الشركة ستواصل الاستثمار في مراكز البيانات";
        var at = current.Article!.Text.IndexOf(sentence, StringComparison.Ordinal);
        await Review(store).EditAsync(Tests.Editing.People.Editor, origin.Id, current.Version, new Web.Editing.ItemEdit { Start = at, End = at + sentence.Length });
        quotes = await QuotesAsync(store);
        Assert.Equal(4, quotes.Count(q => q.StatementId == statement));
        Assert.Equal(next.Id, (await StatementAsync(store, statement)).FirstItemId);
        var own = quotes.Single(q => q.Id == origin.Id).StatementId;
        Assert.NotNull(own);
        Assert.NotEqual(statement, own);
        var indirect = quotes.Single(q => q.Id != origin.Id && q.ArticleId == origin.ArticleId && q.Text == "الشركة ستواصل الاستثمار في مراكز البيانات");
        Assert.Equal(own, indirect.StatementId);

        // No speaker: in no statement at all; the one it was in keeps the indirect quote, its first appearance again.
        current = quotes.Single(q => q.Id == origin.Id);
        await Review(store).EditAsync(Tests.Editing.People.Editor, origin.Id, current.Version, new Web.Editing.ItemEdit { SpeakerEntityId = "" });
        quotes = await QuotesAsync(store);
        Assert.Null(quotes.Single(q => q.Id == origin.Id).StatementId);
        Assert.Equal([indirect.Id], quotes.Where(q => q.StatementId == own).Select(q => q.Id));
        Assert.Equal(indirect.Id, (await StatementAsync(store, own!.Value)).FirstItemId);
    }

    [Fact]
    public async Task ARejectedQuoteLeavesItsStatementAndRejoinsWhenConfirmedBack()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var echoes = Echoed(await QuotesAsync(store));
        var origin = echoes.Single(q => q.Article!.Title == Echoes.OriginTitle);
        var next = echoes.OrderBy(q => q.Article!.PublishedStart).Skip(1).First();
        var statement = origin.StatementId!.Value;

        var rejected = await Review(store).RejectAsync(Tests.Editing.People.Editor, origin.Id, origin.Version);

        // As the person page and the export see it: four appearances, the first the next earliest, and the statement says so too.
        var quotes = await QuotesAsync(store);
        Assert.Null(quotes.Single(q => q.Id == origin.Id).StatementId);
        Assert.Equal(4, quotes.Count(q => q.StatementId == statement));
        Assert.Equal(next.Id, (await StatementAsync(store, statement)).FirstItemId);
        await using (var db = await store.DbAsync())
        {
            var rows = await Web.Timeline.TimelineQuery.PageAsync(db, Web.Timeline.TimelineQuery.Filter(db, new Web.Timeline.TimelineFilter { Speaker = Echoes.Speaker, Kinds = [ItemKind.Quote], OffTopic = true }), 0, 500);
            var view = (await Web.Components.Pages.People.PersonStatements.FoldAsync(db, rows)).Single(v => v.Appearances.Any(a => a.ItemId == next.Id));
            Assert.Equal(4, view.Appearances.Count);
            Assert.Equal(next.Id, view.Appearances[0].ItemId);
        }

        await Review(store).ConfirmAsync(Tests.Editing.People.Editor, origin.Id, rejected.Version);
        quotes = await QuotesAsync(store);
        Assert.Equal(statement, quotes.Single(q => q.Id == origin.Id).StatementId);
        Assert.Equal(5, quotes.Count(q => q.StatementId == statement));
        Assert.Equal(origin.Id, (await StatementAsync(store, statement)).FirstItemId);
    }

    [Fact]
    public async Task AQuoteAnEditorSplitOffStaysApartWhenItsSpanIsCorrected()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var origin = Echoed(await QuotesAsync(store)).Single(q => q.Article!.Title == Echoes.OriginTitle);
        var split = await Review(store).SplitStatementAsync(Tests.Editing.People.Editor, origin.Id, origin.Version);

        // One character less at the end: the same words, so the editor's "not the same statement" still holds.
        await Review(store).EditAsync(Tests.Editing.People.Editor, origin.Id, split.Version, new Web.Editing.ItemEdit { End = split.End - 1 });

        var quotes = await QuotesAsync(store);
        Assert.Equal(split.StatementId, quotes.Single(q => q.Id == origin.Id).StatementId);
        Assert.Equal(4, quotes.Count(q => q.StatementId == origin.StatementId));
    }

    [Fact]
    public async Task SplittingAnAppearanceTakesEveryQuoteOfThatArticleOutOfTheStatement()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync(Echoes.Write(store.Dir));
        var echoes = Echoed(await QuotesAsync(store));
        var last = echoes.OrderBy(q => q.Article!.PublishedStart).Last();
        var statement = last.StatementId!.Value;
        // The article carries the words twice (an editor marks the same span again, as a headline and a body would).
        var twice = await Review(store).AddItemAsync(Tests.Editing.People.Editor, last.ArticleId, ItemKind.Quote, last.Start, last.End, new Web.Editing.ItemEdit { SpeakerEntityId = Echoes.Speaker });
        Assert.Equal(statement, twice.StatementId);

        var split = await Review(store).SplitStatementAsync(Tests.Editing.People.Editor, last.Id, last.Version);

        // The person page lists appearances by article: the one split off is gone from the statement, not half of it.
        var quotes = await QuotesAsync(store);
        Assert.Equal(split.StatementId, quotes.Single(q => q.Id == twice.Id).StatementId);
        Assert.Equal(4, quotes.Count(q => q.StatementId == statement));
        Assert.DoesNotContain(quotes, q => q.StatementId == statement && q.ArticleId == last.ArticleId);
        await using var db = await store.DbAsync();
        Assert.Equal(2, await db.Audit.CountAsync(a => a.Action == "item.split"));
    }

    [Fact]
    public async Task CorrectingTheFirstArticlesDateMovesTheStatementsFirstAppearance()
    {
        await using var store = await TestStore.CreateAsync();
        Echoes.Write(store.Dir);
        await store.Ingestion.IngestPathsAsync([store.Dir]);
        var echoes = Echoed(await QuotesAsync(store));
        Article first;
        int statementId = echoes[0].StatementId!.Value;
        await using (var db = await store.DbAsync())
            first = await db.Articles.SingleAsync(a => a.Title == Echoes.OriginTitle);
        var review = store.Services.GetRequiredService<Web.Editing.ReviewService>();

        // The editor finds it was published after the others, not before them.
        await review.SetDetailsAsync(Tests.Editing.People.Editor, first.Id, first.Version, new Web.Editing.ArticleDetails(Published: "2025-04-01"));

        await using (var db = await store.DbAsync())
        {
            var statement = await db.Statements.SingleAsync(s => s.Id == statementId);
            var now = await db.Items.Include(i => i.Article).SingleAsync(i => i.Id == statement.FirstItemId);
            // The earliest of the others (published 2025-03-03) is where the statement now first appeared.
            Assert.Equal(new DateOnly(2025, 3, 3), now.Article!.PublishedStart);
        }
    }
}

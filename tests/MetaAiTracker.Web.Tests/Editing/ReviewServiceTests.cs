using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>Editors' corrections on the seeds in a real SQLite store: roles, audit, concurrency, spans, re-extraction.</summary>
public class ReviewServiceTests
{
    private static async Task<(TestStore Store, ReviewService Review)> SeededAsync()
    {
        var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        return (store, store.Services.GetRequiredService<ReviewService>());
    }

    private static async Task<Item> AQuoteAsync(TestStore store)
    {
        await using var db = await store.DbAsync();
        return await db.Items.Include(i => i.Themes).Where(i => i.Kind == ItemKind.Quote).OrderBy(i => i.Id).FirstAsync();
    }

    [Fact]
    public async Task AnAnalystOrAnonymousCannotConfirmEditAddTagOrSetRelevance()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);
        foreach (var who in new[] { People.Analyst, People.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.ConfirmAsync(who, item.Id, item.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.RejectAsync(who, item.Id, item.Version));
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.EditAsync(who, item.Id, item.Version, new ItemEdit { SpeakerName = "x" }));
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.AddItemAsync(who, item.ArticleId, ItemKind.Claim, 0, 10));
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.SetArticleThemesAsync(who, item.ArticleId, 0, ["talent"]));
            await Assert.ThrowsAsync<AccessDeniedException>(() => review.SetRelevanceAsync(who, item.ArticleId, 0, false));
        }
        await using var db = await store.DbAsync();
        Assert.Empty(await db.Audit.ToListAsync());
        var after = await db.Items.SingleAsync(i => i.Id == item.Id);
        Assert.Equal((ReviewStatus.Machine, item.Version, item.SpeakerName), (after.Status, after.Version, after.SpeakerName));
    }

    [Fact]
    public async Task ARefusedActionIsLoggedWithWhoTriedWhat()
    {
        var logs = new CapturedLogs();
        await using var store = await TestStore.CreateAsync(s => s.AddLogging(b => b.AddProvider(logs)));
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        var item = await AQuoteAsync(store);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.Services.GetRequiredService<ReviewService>().RejectAsync(People.Analyst, item.Id, item.Version));

        var refusal = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.StartsWith("Refused"));
        Assert.Equal("Refused item reject for amal: it needs the Editor role", refusal.Message);
    }

    [Fact]
    public async Task AnEditIsAuditedWithWhoWhenBeforeAndAfter()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);

        var edited = await review.EditAsync(People.Editor, item.Id, item.Version, new ItemEdit { SpeakerEntityId = "yann-lecun", Themes = ["talent"] });

        Assert.Equal(ReviewStatus.Edited, edited.Status);
        Assert.Equal(item.Version + 1, edited.Version);
        await using var db = await store.DbAsync();
        var stored = await db.Items.Include(i => i.Themes).SingleAsync(i => i.Id == item.Id);
        Assert.Equal("yann-lecun", stored.SpeakerEntityId);
        Assert.Equal(["talent"], stored.Themes.Select(t => t.ThemeKey));
        var entry = Assert.Single(await AuditLog.HistoryAsync(db, "item", item.Id.ToString()));
        Assert.Equal(("huda", "item.edit", item.ArticleId), (entry.UserName, entry.Action, entry.ArticleId));
        Assert.Contains(item.SpeakerEntityId ?? item.SpeakerName ?? "Machine", entry.Before);
        Assert.Contains("\"Speaker\":\"yann-lecun\"", entry.After);
        Assert.True(DateTimeOffset.UtcNow - entry.At < TimeSpan.FromMinutes(1));
    }

    private static async Task<Item> AnEventWithTextAsync(TestStore store, string words)
    {
        await using var db = await store.DbAsync();
        var events = await db.Items.Include(i => i.Article).Include(i => i.Amounts).Where(i => i.Kind == ItemKind.Event).ToListAsync();
        return events.First(i => i.Text.Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAmountGivenByItsWordsIsReadByTheCoresRulesAndKeepsItsSpan()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var ev = await AnEventWithTextAsync(store, "65 مليار دولار");
        var at = ev.Article!.Text.IndexOf("65 مليار دولار", ev.Start, StringComparison.Ordinal);

        // The API's {"text": …} alone, in the text's words: read as the extractor reads them, span found in the text.
        var edited = await review.EditAsync(People.Editor, ev.Id, ev.Version, new ItemEdit { Amounts = [new AmountEdit(null, null, null, "65 مليار دولار")] });
        var amount = Assert.Single(edited.Amounts);
        Assert.Equal((65e9, "USD", "USD", at, at + "65 مليار دولار".Length), (amount.Value, amount.Unit, amount.Currency, amount.Start, amount.End));

        // Typed in English, the same figure is the same amount, and keeps the span of the one it restates.
        edited = await review.EditAsync(People.Editor, ev.Id, edited.Version, new ItemEdit { Amounts = [new AmountEdit(null, null, null, "65 billion USD")] });
        amount = Assert.Single(edited.Amounts);
        Assert.Equal((65e9, "USD", at), (amount.Value, amount.Unit, amount.Start));

        var bad = await Assert.ThrowsAnyAsync<ArgumentException>(() => review.EditAsync(People.Editor, ev.Id, edited.Version, new ItemEdit { Amounts = [new AmountEdit(null, null, null, "كثير من المال")] }));
        Assert.Contains("كثير من المال", bad.Message);
    }

    [Fact]
    public async Task OnlyAnEndDateOrOnlyEstimatedChangesTheDateInsteadOfBeingDropped()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        Item ev;
        await using (var db = await store.DbAsync())
            ev = await db.Items.Include(i => i.Article).FirstAsync(i => i.Kind == ItemKind.Event);
        ev = await review.EditAsync(People.Editor, ev.Id, ev.Version, new ItemEdit { Date = "2025-03", DateEstimated = false });
        var start = new DateOnly(2025, 3, 1);

        var estimated = await review.EditAsync(People.Editor, ev.Id, ev.Version, new ItemEdit { DateEstimated = true });
        Assert.Equal((start, ev.DateEnd, true), (estimated.DateStart!.Value, estimated.DateEnd, estimated.DateEstimated));

        var until = start.AddMonths(3);
        var ranged = await review.EditAsync(People.Editor, ev.Id, estimated.Version, new ItemEdit { DateTo = until.ToString("yyyy-MM") });
        Assert.Equal(start, ranged.DateStart);
        Assert.Equal(new DateOnly(until.Year, until.Month, DateTime.DaysInMonth(until.Year, until.Month)), ranged.DateEnd);
        Assert.True(ranged.DateEstimated);
    }

    [Fact]
    public async Task ATitleHasOneLimitOnIntakeAndOnCorrection()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var tooLong = new string('م', EditorInput.MaxTitleLength + 1);
        var article = await store.DbAsync().ContinueWith(async t => { await using var db = t.Result; return await db.Articles.FirstAsync(); }).Unwrap();
        var onEdit = await Assert.ThrowsAnyAsync<ArgumentException>(() => review.SetDetailsAsync(People.Editor, article.Id, article.Version, new ArticleDetails(Title: tooLong)));
        var onAdd = await store.Services.GetRequiredService<ArticleIntake>().PasteAsync(People.Editor, "ميتا تنشر نموذجًا مفتوحًا جديدًا لاختبار حد العنوان.", false, new ArticleDetails(Title: tooLong));
        Assert.Equal(IngestOutcome.Rejected, onAdd.Outcome);
        Assert.Contains(EditorInput.MaxTitleLength.ToString(), onEdit.Message);
        Assert.Contains(EditorInput.MaxTitleLength.ToString(), onAdd.Message);
        await review.SetDetailsAsync(People.Editor, article.Id, article.Version, new ArticleDetails(Title: tooLong[..EditorInput.MaxTitleLength]));
    }

    [Fact]
    public async Task TheSecondEditorsStaleSaveIsRefusedAndShowsTheFirstChange()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);

        await review.EditAsync(People.Editor, item.Id, item.Version, new ItemEdit { SpeakerName = "مارك زوكربيرغ" });
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            review.EditAsync(People.OtherEditor, item.Id, item.Version, new ItemEdit { SpeakerName = "يان لوكون" }));

        Assert.Contains("huda", conflict.Message);
        Assert.Contains("مارك زوكربيرغ", conflict.Message);
        Assert.Equal("huda", conflict.Other?.UserName);
        await using var db = await store.DbAsync();
        Assert.Equal("مارك زوكربيرغ", (await db.Items.SingleAsync(i => i.Id == item.Id)).SpeakerName);
        Assert.Single(await AuditLog.HistoryAsync(db, "item", item.Id.ToString()));
    }

    [Fact]
    public async Task ARejectedItemIsKeptAsRejectedAndLeavesTheTimeline()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);
        await review.RejectAsync(People.Editor, item.Id, item.Version);

        await using var db = await store.DbAsync();
        Assert.Equal(ReviewStatus.Rejected, (await db.Items.SingleAsync(i => i.Id == item.Id)).Status);
        var shown = await MetaAiTracker.Web.Timeline.TimelineQuery.Filter(db, new MetaAiTracker.Web.Timeline.TimelineFilter(), forPage: true).Select(i => i.Id).ToListAsync();
        Assert.DoesNotContain(item.Id, shown);
    }

    [Fact]
    public async Task AnAddedItemIsTheExactSpanAndBadSpansAreRefused()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);
        string text;
        await using (var db = await store.DbAsync()) text = (await db.Articles.SingleAsync(a => a.Id == item.ArticleId)).Text;

        var added = await review.AddItemAsync(People.Editor, item.ArticleId, ItemKind.Claim, 10, 60, new ItemEdit { Stance = Core.Model.Stance.Open });

        Assert.Equal(text[10..60], added.Text);
        Assert.Equal((ReviewStatus.Added, "huda"), (added.Status, added.AddedBy));
        var outside = await Assert.ThrowsAnyAsync<ArgumentException>(() => review.AddItemAsync(People.Editor, item.ArticleId, ItemKind.Claim, 10, text.Length + 5));
        Assert.Contains($"0–{text.Length}", outside.Message);
        var badDate = await Assert.ThrowsAnyAsync<ArgumentException>(() => review.AddItemAsync(People.Editor, item.ArticleId, ItemKind.Event, 10, 60, new ItemEdit { Date = "2025-13" }));
        Assert.Contains("2025-13", badDate.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => review.AddItemAsync(People.Editor, 999_999, ItemKind.Claim, 0, 5));
    }

    [Fact]
    public async Task ReextractionKeepsEveryEditorDecisionIncludingAnUntaggedTheme()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);
        await review.EditAsync(People.Editor, item.Id, item.Version, new ItemEdit { SpeakerName = "متحدث مصحّح" });
        Article article;
        await using (var db = await store.DbAsync()) article = await db.Articles.Include(a => a.Themes).SingleAsync(a => a.Id == item.ArticleId);
        var dropped = article.Themes.First().ThemeKey;
        await review.SetArticleThemesAsync(People.Editor, article.Id, article.Version, [.. article.Themes.Select(t => t.ThemeKey).Where(k => k != dropped)]);

        await store.Ingestion.ReextractAsync(article.Id);

        await using var after = await store.DbAsync();
        Assert.Equal("متحدث مصحّح", (await after.Items.SingleAsync(i => i.Id == item.Id)).SpeakerName);
        Assert.DoesNotContain(dropped, await after.ArticleThemes.Where(t => t.ArticleId == article.Id).Select(t => t.ThemeKey).ToListAsync());
    }

    [Fact]
    public async Task AStaleArticleVersionIsRefused()
    {
        var (store, review) = await SeededAsync();
        await using var _ = store;
        var item = await AQuoteAsync(store);
        await review.SetRelevanceAsync(People.Editor, item.ArticleId, 0, false);
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => review.SetRelevanceAsync(People.OtherEditor, item.ArticleId, 0, true));
        Assert.Contains("huda", conflict.Message);
    }
}

public class ArticleDetailsTests
{
    [Fact]
    public async Task SettingThePublicationDateMovesTheArticlesUndatedQuotesAndClaimsButNotItsEvents()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        var review = store.Services.GetRequiredService<ReviewService>();
        Article article;
        await using (var db = await store.DbAsync()) article = await db.Articles.OrderBy(a => a.Id).FirstAsync();
        List<(int Id, ItemKind Kind, DateOnly? Start)> before;
        await using (var db = await store.DbAsync())
            before = (await db.Items.Where(i => i.ArticleId == article.Id).Select(i => new { i.Id, i.Kind, i.DateStart, i.DateText }).ToListAsync())
                .Select(i => (i.Id, i.Kind, i.DateStart)).ToList();

        var bad = await Assert.ThrowsAnyAsync<ArgumentException>(() => review.SetDetailsAsync(People.Editor, article.Id, article.Version, new ArticleDetails(Published: "أمس")));
        Assert.Contains("أمس", bad.Message);
        await review.SetDetailsAsync(People.Editor, article.Id, article.Version, new ArticleDetails(Source: "الجزيرة نت", Published: "2025-03-14"));

        await using var after = await store.DbAsync();
        var stored = await after.Articles.SingleAsync(a => a.Id == article.Id);
        Assert.Equal(("الجزيرة نت", new DateOnly(2025, 3, 14), Core.Model.DateGranularity.Day, false),
            (stored.Source, stored.PublishedStart, stored.PublishedGranularity, stored.PublishedEstimated));
        var items = await after.Items.Where(i => i.ArticleId == article.Id).ToListAsync();
        Assert.All(items.Where(i => i.Kind != ItemKind.Event && i.DateText == null), i => Assert.Equal(new DateOnly(2025, 3, 14), i.DateStart));
        Assert.All(items.Where(i => i.Kind == ItemKind.Event), i => Assert.Equal(before.Single(b => b.Id == i.Id).Start, i.DateStart));
        var entry = await after.Audit.SingleAsync(a => a.Action == "article.details");
        Assert.Contains("الجزيرة نت", entry.After);

        // Each item the date moved has its own history entry, so a stale edit of one names the date change.
        var moved = items.Where(i => i.Kind != ItemKind.Event && i.DateText == null).ToList();
        Assert.NotEmpty(moved);
        var dated = await after.Audit.Where(a => a.Action == "item.date").ToListAsync();
        Assert.Equal(moved.Select(i => i.Id.ToString()).Order(), dated.Select(a => a.TargetId).Order());
        Assert.Contains("2025-03-14", dated[0].After);
        var stale = before.First(b => moved.Any(m => m.Id == b.Id));
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => review.EditAsync(People.OtherEditor, stale.Id, 0, new ItemEdit { Stance = Core.Model.Stance.Open }));
        Assert.Equal("item.date", conflict.Other?.Action);
    }

    [Fact]
    public async Task AnItemAddedFromASelectionGetsTheDateAmountsActorsThemesAndStanceTheRulesReadInIt()
    {
        await using var store = await TestStore.CreateAsync();
        var intake = store.Services.GetRequiredService<ArticleIntake>();
        var review = store.Services.GetRequiredService<ReviewService>();
        const string sentence = "وأعلنت ميتا في مارس 2026 أنها ستنفق 14.3 مليار دولار على مراكز بيانات لتدريب نماذج مفتوحة المصدر.";
        var added = await intake.PasteAsync(People.Editor, "تقرير عن خطط ميتا\n\nقال محلل إن الخبر لم يكن مفاجئًا. " + sentence, false, new ArticleDetails(Published: "2026-04-02"));
        int start;
        await using (var db = await store.DbAsync())
        {
            var article = await db.Articles.SingleAsync(a => a.Id == added.ArticleId);
            start = article.Text.IndexOf(sentence, StringComparison.Ordinal);
            // The machine's own items over that sentence go, so the editor's item is the only one read there.
            db.Items.RemoveRange(db.Items.Where(i => i.ArticleId == article.Id));
            await db.SaveChangesAsync();
        }

        var item = await review.AddItemAsync(People.Editor, added.ArticleId!.Value, ItemKind.Event, start, start + sentence.Length);

        await using var after = await store.DbAsync();
        var stored = await after.Items.Include(i => i.Amounts).Include(i => i.Actors).Include(i => i.Themes).SingleAsync(i => i.Id == item.Id);
        Assert.Equal((new DateOnly(2026, 3, 1), MetaAiTracker.Core.Model.DateGranularity.Month), (stored.DateStart, stored.DateGranularity));
        var amount = Assert.Single(stored.Amounts);
        Assert.Equal((14.3e9, "USD"), (amount.Value, amount.Currency));
        Assert.Contains("meta", stored.Actors.Select(a => a.EntityId));
        Assert.NotEmpty(stored.Themes);
        Assert.Equal(MetaAiTracker.Core.Model.Stance.Open, stored.Stance);
        Assert.Equal((ReviewStatus.Added, "huda"), (stored.Status, stored.AddedBy));
    }
}

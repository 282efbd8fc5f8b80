using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Components.Pages.Quality;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>Themes, aliases and merges as admins change them, what re-extraction then does, and the measured quality.</summary>
public class CatalogAndQualityTests
{
    private static async Task<TestStore> SeededAsync()
    {
        var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        return store;
    }

    [Fact]
    public async Task AnAliasThatNamesAnotherEntityIsRefusedNamingItsOwnerAndMovesOnlyOnPurpose()
    {
        await using var store = await SeededAsync();
        var catalog = store.Services.GetRequiredService<CatalogService>();

        // «ميتا» is Meta's name; «مِيتا» with a kasra is the same name once normalized.
        var taken = await Assert.ThrowsAsync<AliasTakenException>(() => catalog.AddAliasAsync(People.Admin, "google", "مِيتا"));
        Assert.Equal("meta", taken.OwnerId);
        Assert.Contains("ميتا", taken.Message);
        var alias = await catalog.AddAliasAsync(People.Admin, "meta", "فيسبوك الأم");
        var stolen = await Assert.ThrowsAsync<AliasTakenException>(() => catalog.AddAliasAsync(People.Admin, "google", "فيسبوك الأم"));
        Assert.Equal((alias.Id, "meta"), (stolen.AliasId, stolen.OwnerId));
        await using (var db = await store.DbAsync())
            Assert.False(await db.Aliases.AnyAsync(a => a.EntityId == "google" && a.Text == "فيسبوك الأم"));

        var moved = await catalog.MoveAliasAsync(People.Admin, stolen.AliasId, "google");
        Assert.Equal(("google", AliasStatus.Accepted), (moved.EntityId, moved.Status));
        await using var check = await store.DbAsync();
        Assert.Equal(2, await check.Audit.CountAsync(a => a.Action == "alias.move"));
    }

    [Fact]
    public async Task AnAliasIsEditedAndRemovedEachAuditedAndTheAffectedArticlesAreReextractedWithProgress()
    {
        await using var store = await SeededAsync();
        var catalog = store.Services.GetRequiredService<CatalogService>();
        var alias = await catalog.AddAliasAsync(People.Admin, "meta", "ميتا للتقنية");
        var edited = await catalog.EditAliasAsync(People.Admin, alias.Id, "ميتا للتقنيات");
        Assert.Equal("ميتا للتقنيات", edited.Text);
        await Assert.ThrowsAsync<AliasTakenException>(() => catalog.EditAliasAsync(People.Admin, alias.Id, "جوجل"));
        await catalog.RemoveAliasAsync(People.Admin, alias.Id);
        await using (var db = await store.DbAsync())
        {
            Assert.False(await db.Aliases.AnyAsync(a => a.Id == alias.Id));
            Assert.Equal(["alias.add", "alias.edit", "alias.remove"], await db.Audit.Where(a => a.Action.StartsWith("alias.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }

        var affected = await catalog.AffectedArticlesAsync("meta", "ميتا");
        Assert.NotEmpty(affected);
        var jobs = store.Services.GetRequiredService<ReextractionJobs>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => jobs.StartAsync(People.Editor, "test", affected));
        Assert.True(await jobs.StartAsync(People.Admin, "aliases of meta", affected));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (jobs.Current is { Running: true } && waited.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(100);
        var run = jobs.Current!;
        Assert.Equal((false, affected.Count, affected.Count, null), (run.Running, run.Total, run.Done, run.Error));
        Assert.True(run.Unchanged > 0);
        await using var after = await store.DbAsync();
        Assert.Equal(1, await after.Audit.CountAsync(a => a.Action == "reextract.start"));
    }

    [Fact]
    public async Task OnlyAnAdminChangesTheCatalog()
    {
        await using var store = await SeededAsync();
        var catalog = store.Services.GetRequiredService<CatalogService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.AddThemeAsync(People.Editor, "leaks", "تسريبات", "Leaks", []));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.MergeThemesAsync(People.Editor, "talent", "investment"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.AddAliasAsync(People.Analyst, "meta", "ميتا بلاتفورمز"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.MergeEntitiesAsync(People.Editor, "nat-friedman", "meta"));
    }

    [Fact]
    public async Task ANewThemesCuesAreUsedByReextraction()
    {
        await using var store = await SeededAsync();
        var catalog = store.Services.GetRequiredService<CatalogService>();
        // Cues the seeds use in sentences that carry items (a cue no item spans tags nothing but the article's score).
        await catalog.AddThemeAsync(People.Admin, "markets", "الأسواق", "Markets", ["وول ستريت", "المستثمرين", "الأسواق المالية"]);

        await store.Ingestion.ReextractAsync();

        await using var db = await store.DbAsync();
        var tagged = await db.ArticleThemes.CountAsync(t => t.ThemeKey == "markets") + await db.ItemThemes.CountAsync(t => t.ThemeKey == "markets");
        Assert.True(tagged > 0, "no article or item was tagged with the new theme after re-extraction");
        Assert.Equal("theme.add", (await db.Audit.SingleAsync()).Action);
    }

    [Fact]
    public async Task MergingAThemeMovesEveryTagAndKeepsNoDuplicates()
    {
        await using var store = await SeededAsync();
        int before;
        await using (var db = await store.DbAsync())
            before = await db.ItemThemes.Where(t => t.ThemeKey == "talent" || t.ThemeKey == "investment").Select(t => t.ItemId).Distinct().CountAsync();

        await store.Services.GetRequiredService<CatalogService>().MergeThemesAsync(People.Admin, "talent", "investment");

        await using var after = await store.DbAsync();
        Assert.False(await after.Themes.AnyAsync(t => t.Key == "talent"));
        Assert.Equal(0, await after.ItemThemes.CountAsync(t => t.ThemeKey == "talent") + await after.ArticleThemes.CountAsync(t => t.ThemeKey == "talent"));
        Assert.Equal(before, await after.ItemThemes.CountAsync(t => t.ThemeKey == "investment"));
        var entry = await after.Audit.SingleAsync();
        Assert.Contains("المواهب", entry.Before);
    }

    [Fact]
    public async Task AcceptingAProposedSpellingPutsItInTheLexicon()
    {
        await using var store = await SeededAsync();
        EntityAlias proposed;
        await using (var db = await store.DbAsync())
        {
            db.Aliases.Add(new EntityAlias { EntityId = "mark-zuckerberg", Text = "زاكربيرغو", Status = AliasStatus.Proposed, Note = "test" });
            await db.SaveChangesAsync();
            proposed = await db.Aliases.SingleAsync(a => a.Text == "زاكربيرغو");
        }
        Assert.DoesNotContain("زاكربيرغو", (await store.Ingestion.LoadLexiconAsync()).Entities.Single(e => e.Id == "mark-zuckerberg").Aliases);

        await store.Services.GetRequiredService<CatalogService>().SetAliasStatusAsync(People.Admin, proposed.Id, AliasStatus.Accepted);

        Assert.Contains("زاكربيرغو", (await store.Ingestion.LoadLexiconAsync()).Entities.Single(e => e.Id == "mark-zuckerberg").Aliases);
    }

    [Fact]
    public async Task MergingTwoEntitiesMovesQuotesAndKeepsTheNamesAsAliases()
    {
        await using var store = await SeededAsync();
        await using (var db = await store.DbAsync())
        {
            db.Entities.Add(new TrackedEntity { Id = "zuck-dup", Kind = Core.Model.EntityKind.Person, NameAr = "زاك", NameEn = "Zuck" });
            await db.SaveChangesAsync();
            var quote = await db.Items.FirstAsync(i => i.SpeakerEntityId == "mark-zuckerberg");
            quote.SpeakerEntityId = "zuck-dup";
            await db.SaveChangesAsync();
        }

        await store.Services.GetRequiredService<CatalogService>().MergeEntitiesAsync(People.Admin, "zuck-dup", "mark-zuckerberg");

        await using var after = await store.DbAsync();
        Assert.False(await after.Entities.AnyAsync(e => e.Id == "zuck-dup"));
        Assert.False(await after.Items.AnyAsync(i => i.SpeakerEntityId == "zuck-dup"));
        Assert.True(await after.Aliases.AnyAsync(a => a.EntityId == "mark-zuckerberg" && a.Text == "زاك" && a.Status == AliasStatus.Accepted));
    }

    [Fact]
    public async Task QualityCountsEditorsDecisionsPerKind()
    {
        await using var store = await SeededAsync();
        var review = store.Services.GetRequiredService<ReviewService>();
        List<Item> quotes;
        await using (var db = await store.DbAsync()) quotes = await db.Items.Where(i => i.Kind == ItemKind.Quote).OrderBy(i => i.Id).Take(4).ToListAsync();
        await review.ConfirmAsync(People.Editor, quotes[0].Id, quotes[0].Version);
        await review.ConfirmAsync(People.Editor, quotes[1].Id, quotes[1].Version);
        await review.EditAsync(People.Editor, quotes[2].Id, quotes[2].Version, new ItemEdit { SpeakerName = "مصحح" });
        await review.RejectAsync(People.Editor, quotes[3].Id, quotes[3].Version);
        await review.AddItemAsync(People.Editor, quotes[0].ArticleId, ItemKind.Quote, 0, 20);

        await using var after = await store.DbAsync();
        var q = (await QualityQuery.ByKindAsync(after)).Single(k => k.Kind == ItemKind.Quote);
        Assert.Equal((2, 1, 1, 1), (q.Confirmed, q.Edited, q.Rejected, q.Added));
        Assert.Equal(0.75, q.Precision);
        Assert.Equal(0.5, q.StrictPrecision);
        Assert.Equal(0.75, q.Recall);
        Assert.Equal(await after.Items.CountAsync(i => i.Kind == ItemKind.Quote && i.AddedBy == null), q.Machine);
        Assert.Null((await QualityQuery.ByKindAsync(after)).Single(k => k.Kind == ItemKind.Event).Precision);
    }

    [Fact]
    public async Task AnAddedArticleIsAuditedOnceAndItsDuplicateNotAtAll()
    {
        await using var store = await TestStore.CreateAsync();
        var intake = store.Services.GetRequiredService<ArticleIntake>();
        const string text = "قال مارك زوكربيرغ إن ميتا ستطلق نموذجًا مغلقًا للمرة الأولى، في تحول عن استراتيجية المصدر المفتوح.";

        var added = await intake.PasteAsync(People.Editor, text, false, new ArticleDetails(Title: "تحول ميتا", Published: "2026-09"));
        var again = await intake.UploadAsync(People.OtherEditor, "same.txt", System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal((IngestOutcome.Added, IngestOutcome.Duplicate, added.ArticleId), (added.Outcome, again.Outcome, again.ArticleId));
        await using var db = await store.DbAsync();
        var entry = await db.Audit.SingleAsync();
        Assert.Equal(("huda", "article.add", added.ArticleId), (entry.UserName, entry.Action, entry.ArticleId));
        Assert.Contains("\"via\":\"paste\"", entry.After);
        Assert.Equal(new DateOnly(2026, 9, 1), (await db.Articles.SingleAsync()).PublishedStart);
    }

    [Fact]
    public async Task SeveralFilesUploadedWithTheDetailsFilledInAreEachStoredWithTheSharedOutletAndDate()
    {
        await using var store = await TestStore.CreateAsync();
        var intake = store.Services.GetRequiredService<ArticleIntake>();
        // The form's title and URL name one article: given to three files, files 2 and 3 were refused as duplicates of 1.
        var details = new ArticleDetails("عنوان واحد", "صحيفة الدفعة", "https://example.com/one-article", "12 سبتمبر 2025").ForEachOf(3);
        var results = new List<IngestResult>();
        foreach (var n in new[] { "أولى", "ثانية", "ثالثة" })
            results.Add(await intake.UploadAsync(People.Editor, $"batch-{results.Count}.txt",
                System.Text.Encoding.UTF8.GetBytes($"مقالة {n}\n\nقال مارك زوكربيرغ إن ميتا ستطلق نموذجًا مفتوحًا في المقالة ال{n} من الدفعة."), details));
        Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));

        await using var db = await store.DbAsync();
        var stored = await db.Articles.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, a => Assert.Equal(("صحيفة الدفعة", new DateOnly(2025, 9, 12), (string?)null), (a.Source, a.PublishedStart, a.Url)));
        Assert.Equal(3, stored.Select(a => a.Title).Distinct().Count());
        // One file keeps every detail.
        Assert.Equal(details with { Title = "عنوان واحد", Url = "https://example.com/one-article" }, new ArticleDetails("عنوان واحد", "صحيفة الدفعة", "https://example.com/one-article", "12 سبتمبر 2025").ForEachOf(1));
    }

    [Fact]
    public async Task AnUploadOrPasteWithBadInputIsRefusedWithItsReasonAndStoresNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var intake = store.Services.GetRequiredService<ArticleIntake>();
        var results = new[]
        {
            await intake.UploadAsync(People.Editor, "empty.txt", []),
            await intake.UploadAsync(People.Editor, "photo.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]),
            await intake.UploadAsync(People.Editor, "binary.txt", [0x00, 0x01, 0x02, 0x00, 0x00]),
            await intake.PasteAsync(People.Editor, "<html><body><script>alert(1)</script></body></html>", html: true, new ArticleDetails()),
            await intake.PasteAsync(People.Editor, "نص قصير", html: false, new ArticleDetails(Url: "javascript:alert(1)")),
        };
        Assert.All(results, r => Assert.Equal(IngestOutcome.Rejected, r.Outcome));
        Assert.Contains("empty", results[0].Message);
        Assert.Contains("unsupported", results[1].Message);
        Assert.Contains("javascript:alert(1)", results[4].Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => intake.PasteAsync(People.Analyst, "نص", false, new ArticleDetails()));
        await using var db = await store.DbAsync();
        Assert.Equal(0, await db.Articles.CountAsync());
    }
}

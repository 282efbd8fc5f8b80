using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>Speakers the alias table does not know: proposed once per name, counted per article, accepted or refused by an admin.</summary>
public class EntityProposalTests
{
    // Articles written for these tests: a finance chief no alias names, then an outlet no alias names.
    private const string First = """
        أعلنت شركة ميتا أنها ستوسع مراكز البيانات التي تدرب عليها نماذج لاما خلال العام المقبل.
        وقالت المديرة المالية للشركة سلمى القاسم إن كلفة الحوسبة سترتفع لكنها تبقى ضمن الخطة المعلنة.
        """;
    private const string Second = """
        ناقش مسؤولو ميتا خطة لإتاحة نموذج لغوي جديد للباحثين في الجامعات دون مقابل.
        وأوضحت المديرة المالية للشركة سلمى القاسم أن عائدات الإعلانات تكفي لتغطية هذا الإنفاق.
        """;
    private const string Third = """
        قالت ميتا إن تطبيق المساعد الذكي سيصل إلى مستخدمين جدد في شمال أفريقيا هذا الربيع.
        وأضافت المديرة المالية للشركة سلمى القاسم أن الاشتراكات المدفوعة ليست مطروحة الآن.
        """;
    private const string Outlet = "وذكر موقع تك ريبورت أن ميتا تدرس إغلاق نموذجها القادم أمام المطورين.";
    private const string OutletAgain = "وبحسب موقع تك ريبورت، فإن فريق ميتا الجديد يعمل على نموذج لن تنشر أوزانه.";

    private static async Task<(TestStore Store, CatalogService Catalog)> StoreAsync(CapturedLogs? logs = null)
    {
        var store = await TestStore.CreateAsync(s => { if (logs is not null) s.AddLogging(b => b.AddProvider(logs)); });
        return (store, store.Services.GetRequiredService<CatalogService>());
    }

    private static async Task<int> IngestAsync(TestStore store, string name, string text) =>
        (await store.Ingestion.IngestPathsAsync([store.WriteFile(name, text)])).Single().ArticleId!.Value;

    [Fact]
    public async Task AnUnknownTitledSpeakerIsProposedOnceAndCountedPerArticle()
    {
        var (store, catalog) = await StoreAsync();
        await using var _ = store;
        var first = await IngestAsync(store, "first.txt", First);

        var row = Assert.Single(await catalog.ProposedEntitiesAsync());
        Assert.Equal((EntityKind.Person, "سلمى القاسم", 1, first), (row.Kind, row.Name, row.Articles, row.FirstArticleId));

        await IngestAsync(store, "second.txt", Second);
        // Re-extraction writes through the same path: the articles already counted are not counted again.
        await store.Ingestion.ReextractAsync();

        row = Assert.Single(await catalog.ProposedEntitiesAsync());
        Assert.Equal((2, first), (row.Articles, row.FirstArticleId));
        await using var db = await store.DbAsync();
        Assert.Equal(1, await db.EntityProposals.CountAsync());
    }

    [Fact]
    public async Task AnAcceptedProposalBecomesTheSpeakerOfLaterArticles()
    {
        var (store, catalog) = await StoreAsync();
        await using var _ = store;
        var first = await IngestAsync(store, "first.txt", First);
        var row = Assert.Single(await catalog.ProposedEntitiesAsync());

        await catalog.AcceptEntityProposalAsync(People.Admin, row.Id, "salma-al-qasim", "Salma Al-Qasim");

        Assert.Contains("سلمى القاسم", (await store.Ingestion.LoadLexiconAsync()).Entities.Single(e => e.Id == "salma-al-qasim").Aliases);
        await store.Ingestion.ReextractAsync(first);
        var third = await IngestAsync(store, "third.txt", Third);
        await using var db = await store.DbAsync();
        var entity = await db.Entities.SingleAsync(e => e.Id == "salma-al-qasim");
        Assert.Equal((EntityKind.Person, "سلمى القاسم", "Salma Al-Qasim"), (entity.Kind, entity.NameAr, entity.NameEn));
        foreach (var article in new[] { first, third })
            Assert.Contains(await db.Items.Where(i => i.ArticleId == article && i.Kind == ItemKind.Quote).Select(i => i.SpeakerEntityId).ToListAsync(), s => s == "salma-al-qasim");
        Assert.Empty(await catalog.ProposedEntitiesAsync());
        var audit = await db.Audit.SingleAsync();
        Assert.Equal(("entity.accept", "entity", "salma-al-qasim", "nadia"), (audit.Action, audit.TargetType, audit.TargetId, audit.UserName));
        Assert.Contains("سلمى القاسم", audit.Before);
    }

    [Fact]
    public async Task ARefusedProposalIsNotProposedAgain()
    {
        var (store, catalog) = await StoreAsync();
        await using var _ = store;
        await IngestAsync(store, "outlet.txt", Outlet);
        var row = Assert.Single(await catalog.ProposedEntitiesAsync());
        Assert.Equal((EntityKind.Outlet, "تك ريبورت"), (row.Kind, row.Name));

        await catalog.RefuseEntityProposalAsync(People.Admin, row.Id);
        await IngestAsync(store, "again.txt", OutletAgain);
        await store.Ingestion.ReextractAsync();

        Assert.Empty(await catalog.ProposedEntitiesAsync());
        await using var db = await store.DbAsync();
        var stored = await db.EntityProposals.Include(p => p.Articles).SingleAsync();
        Assert.Equal((AliasStatus.Refused, 0), (stored.Status, stored.Articles.Count));
        Assert.Equal("proposal.refuse", (await db.Audit.SingleAsync()).Action);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => catalog.AcceptEntityProposalAsync(People.Admin, row.Id, "tech-report", "Tech Report"));
    }

    [Fact]
    public async Task OnlyAnAdminDecidesAndARefusalByRoleIsLogged()
    {
        var logs = new CapturedLogs();
        var (store, catalog) = await StoreAsync(logs);
        await using var _ = store;
        await IngestAsync(store, "first.txt", First);
        var row = Assert.Single(await catalog.ProposedEntitiesAsync());

        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.AcceptEntityProposalAsync(People.Analyst, row.Id, "salma-al-qasim", "Salma Al-Qasim"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.AcceptEntityProposalAsync(People.Editor, row.Id, "salma-al-qasim", "Salma Al-Qasim"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => catalog.RefuseEntityProposalAsync(People.Editor, row.Id));

        Assert.Contains(logs.Entries, e => e.Message == "Refused accept proposed entities for huda: it needs the Admin role");
        Assert.Contains(logs.Entries, e => e.Message == "Refused accept proposed entities for amal: it needs the Admin role");
        Assert.Single(await catalog.ProposedEntitiesAsync());
        await using var db = await store.DbAsync();
        Assert.False(await db.Entities.AnyAsync(e => e.Id == "salma-al-qasim"));
        Assert.Empty(await db.Audit.ToListAsync());
    }

    [Fact]
    public async Task AnIdMustBeFreeAndReadable()
    {
        var (store, catalog) = await StoreAsync();
        await using var _ = store;
        await IngestAsync(store, "first.txt", First);
        var row = Assert.Single(await catalog.ProposedEntitiesAsync());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => catalog.AcceptEntityProposalAsync(People.Admin, row.Id, "meta", "Meta"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => catalog.AcceptEntityProposalAsync(People.Admin, row.Id, "سلمى", ""));
        Assert.Equal("silicon-weekly", CatalogService.SuggestId("Silicon Weekly"));
        Assert.Equal("", CatalogService.SuggestId("سلمى القاسم"));
        Assert.Single(await catalog.ProposedEntitiesAsync());
    }
}

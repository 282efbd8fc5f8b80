using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Data;

/// <summary>
/// The store. One context per operation (IDbContextFactory), queried directly: no repository layer.
/// dotnet ef migrations add NAME --project src/MetaAiTracker.Web --output-dir Data/Migrations
/// The FTS5 tables (ArticleSearch, ItemSearch) are created in the migrations and written by <see cref="SearchIndex"/>.
/// </summary>
public class TrackerDbContext(DbContextOptions<TrackerDbContext> options)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<TrackerUser>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Statement> Statements => Set<Statement>();
    public DbSet<ItemAmount> ItemAmounts => Set<ItemAmount>();
    public DbSet<ArticleFigure> ArticleFigures => Set<ArticleFigure>();
    public DbSet<ArticleBand> ArticleBands => Set<ArticleBand>();
    public DbSet<ItemTheme> ItemThemes => Set<ItemTheme>();
    public DbSet<ItemActor> ItemActors => Set<ItemActor>();
    public DbSet<ArticleTheme> ArticleThemes => Set<ArticleTheme>();
    public DbSet<ArticleEntity> ArticleEntities => Set<ArticleEntity>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<TrackedEntity> Entities => Set<TrackedEntity>();
    public DbSet<EntityAlias> Aliases => Set<EntityAlias>();
    public DbSet<ProposedEntity> EntityProposals => Set<ProposedEntity>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<WatchedSource> Sources => Set<WatchedSource>();

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        // Enums as text: the database stays readable and a reordered enum cannot corrupt it.
        b.Properties<Enum>().HaveConversion<string>().HaveMaxLength(24);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Identity's tables (accounts, roles, claims) live in the same file: one store to back up.
        base.OnModelCreating(b);
        b.Entity<Article>(e =>
        {
            e.HasIndex(a => a.ContentHash).IsUnique();
            e.HasIndex(a => a.CanonicalUrl);
            e.HasIndex(a => a.PublishedStart);
            // Every timeline query excludes off-topic articles (NOT IN this set). IsRelevant is stored after the article's
            // text, so without an index SQLite followed every article's overflow pages to build the set: 7-8 ms a query.
            // A partial index holds only the off-topic ids; the query's "NOT IsRelevant" must stay as written to use it.
            e.HasIndex(a => a.Id, "IX_Articles_OffTopic").HasFilter("NOT \"IsRelevant\"");
            // The same for the republications a timeline hides by default (each story shows once, at its origin).
            e.HasIndex(a => a.Id, "IX_Articles_Copies").HasFilter("NOT \"IsOrigin\"");
            e.HasIndex(a => a.StoryId);
            // The start-up backfill's question, answered without reading past every article's text to the signature.
            e.HasIndex(a => a.Id, "IX_Articles_Unclustered").HasFilter("\"StorySignature\" IS NULL");
            e.Property(a => a.Version).IsConcurrencyToken();
            e.Ignore(a => a.Published);
            e.HasMany(a => a.Items).WithOne(i => i.Article).HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Themes).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Entities).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Figures).WithOne().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Item>(e =>
        {
            // The timeline: pages in date order and its chart's counts are read from this index alone (covering), so
            // 100,000 items are counted without touching the table. Rowid (Id) is the index's last column implicitly.
            e.HasIndex(i => new { i.DateStart, i.DateEnd, i.DateEstimated, i.Stance, i.Status, i.Kind, i.ArticleId }).HasDatabaseName("IX_Items_Timeline");
            // An article's items in text order, covering what the cards' probes test (a claim on a dated event's words,
            // an undated event on a claim's: TimelineCards) and the view's usual filters, so a probe never reads the table.
            e.HasIndex(i => new { i.ArticleId, i.Start, i.End, i.Kind, i.Status, i.Stance, i.DateStart, i.DateEnd, i.DateEstimated }).HasDatabaseName("IX_Items_Cards");
            e.HasIndex(i => i.SpeakerEntityId);
            // (StatementId, SpeakerEntityId): a statement's quotes, and start-up's "quotes with a speaker not yet linked" as one seek.
            e.HasIndex(i => new { i.StatementId, i.SpeakerEntityId });
            // A statement whose quotes all went (re-extraction, a split) is deleted; its quotes, if any, keep their text.
            e.HasOne<Statement>().WithMany().HasForeignKey(i => i.StatementId).OnDelete(DeleteBehavior.SetNull);
            // The few milestones of a view, in date order, without walking the timeline index past every other item.
            e.HasIndex(i => i.DateStart).HasFilter("\"IsMilestone\"").HasDatabaseName("IX_Items_Milestones");
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasMany(i => i.Themes).WithOne().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.Actors).WithOne().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(i => i.Amounts).WithOne().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        // A new quote's candidates are its speaker's statements: one index seek, not a scan of the speaker's quotes.
        b.Entity<Statement>(e => e.HasIndex(x => x.SpeakerEntityId));
        // The key is the lookup; ArticleId ends it so one article's keys are unique. Forty rows an article make this
        // ingestion's largest write, so the table is one B-tree (WITHOUT ROWID, which EF cannot declare: the
        // migration's own SQL creates it) with no index or foreign key on ArticleId: articles are never deleted, and
        // an article taken out of its story drops its rows by their keys (StoryClusters.RemoveAsync).
        b.Entity<ArticleBand>(e =>
        {
            e.HasKey(x => new { x.Key, x.ArticleId });
            e.ToTable(t => t.ExcludeFromMigrations());
        });
        b.Entity<ItemTheme>(e => { e.HasKey(t => new { t.ItemId, t.ThemeKey }); e.HasIndex(t => new { t.ThemeKey, t.ItemId }); });
        b.Entity<ItemActor>(e => { e.HasKey(t => new { t.ItemId, t.EntityId }); e.HasIndex(t => new { t.EntityId, t.ItemId }); });
        b.Entity<ArticleTheme>(e => { e.HasKey(t => new { t.ArticleId, t.ThemeKey }); e.HasIndex(t => t.ThemeKey); });
        b.Entity<ArticleEntity>(e => { e.HasKey(t => new { t.ArticleId, t.EntityId }); e.HasIndex(t => t.EntityId); });
        b.Entity<Theme>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Cues).HasConversion(
                v => System.Text.Json.JsonSerializer.Serialize(v, (System.Text.Json.JsonSerializerOptions?)null),
                v => System.Text.Json.JsonSerializer.Deserialize<List<string>>(v, (System.Text.Json.JsonSerializerOptions?)null) ?? new List<string>(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())), v => v.ToList()));
        });
        b.Entity<TrackedEntity>(e =>
        {
            e.ToTable("Entities");
            e.HasMany(x => x.Aliases).WithOne().HasForeignKey(a => a.EntityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<EntityAlias>(e => e.HasIndex(a => new { a.EntityId, a.Text }).IsUnique());
        b.Entity<ProposedEntity>(e =>
        {
            e.ToTable("EntityProposals");
            e.HasIndex(p => new { p.Kind, p.NormalizedName }).IsUnique();
            e.HasMany(p => p.Articles).WithOne().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProposedEntityArticle>(e =>
        {
            e.ToTable("EntityProposalArticles");
            e.HasKey(a => new { a.ProposalId, a.ArticleId });
            e.HasIndex(a => a.ArticleId);
            e.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasIndex(a => new { a.TargetType, a.TargetId, a.Id });
            e.HasIndex(a => new { a.ArticleId, a.Id });
        });
        b.Entity<WatchedSource>(e =>
        {
            e.ToTable("Sources");
            e.HasIndex(s => s.Address).IsUnique();
            e.HasIndex(s => s.NextPollAt);
            e.Property(s => s.Address).HasMaxLength(2048);
        });
        b.Entity<SavedView>(e => { e.HasIndex(v => v.Name).IsUnique(); e.Property(v => v.Name).HasMaxLength(120); e.Property(v => v.Owner).HasMaxLength(256); });
    }
}

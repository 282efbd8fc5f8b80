using MetaAiTracker.Web.Components.Shared;
using System.Security.Claims;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// An alias refused because it already names another entity: accepting it would silently give that entity's quotes
/// away. Moving it is an explicit second step (<see cref="CatalogService.MoveAliasAsync"/>).
/// </summary>
public sealed class AliasTakenException(Phrase phrase, int aliasId, string ownerId) : ArgumentException(phrase.ToString())
{
    /// <summary>The refusal in the reader's words, for the page; the message stays English for the API and logs.</summary>
    public Phrase Phrase { get; } = phrase;
    public int AliasId { get; } = aliasId;
    public string OwnerId { get; } = ownerId;
}

/// <summary>A new person or outlet the extractors propose, as the admin list shows it.</summary>
public sealed record ProposedEntityRow(int Id, EntityKind Kind, string Name, string? Reason, int Articles, int FirstArticleId);

/// <summary>
/// The theme list and the entity alias table, which the extractors read (re-extraction uses what admins leave here).
/// Admin only; every change is audited in its own transaction, and the shared lookups are refreshed at once.
/// </summary>
public sealed partial class CatalogService(IDbContextFactory<TrackerDbContext> dbFactory, TimelineLookups lookups, TimeProvider clock, ILogger<CatalogService> logger)
{
    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex ThemeKey();

    // Entity ids appear in URLs (/people/{id}) and exports, like the seeded ones (susan-li, the-verge).
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,59}$")]
    private static partial Regex EntityId();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    public async Task<Theme> AddThemeAsync(ClaimsPrincipal user, string key, string labelAr, string labelEn, IEnumerable<string> cues, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "add themes", logger);
        key = key.Trim();
        if (!ThemeKey().IsMatch(key)) throw new InputException(new Phrase("error.themeKey", key));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Themes.AnyAsync(t => t.Key == key, ct)) throw new InputException(new Phrase("error.themeExists", key));
        var theme = new Theme { Key = key, LabelAr = Label(labelAr, "Arabic label"), LabelEn = EditorInput.Text(labelEn, "English label", 120) ?? "", Cues = Cues(cues), SortOrder = await db.Themes.CountAsync(ct) };
        db.Themes.Add(theme);
        AuditLog.Add(db, user, clock.GetUtcNow(), "theme.add", "theme", key, null, null, theme);
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return theme;
    }

    /// <summary>Renames a theme (its labels) and sets the words that suggest it; the key, used in URLs and saved views, stays.</summary>
    public async Task<Theme> UpdateThemeAsync(ClaimsPrincipal user, string key, string labelAr, string labelEn, IEnumerable<string> cues, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "change themes", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var theme = await db.Themes.SingleOrDefaultAsync(t => t.Key == key, ct) ?? throw new KeyNotFoundException($"no theme '{key}'");
        var before = new { theme.LabelAr, theme.LabelEn, Cues = theme.Cues.ToList() };
        (theme.LabelAr, theme.LabelEn, theme.Cues) = (Label(labelAr, "Arabic label"), EditorInput.Text(labelEn, "English label", 120) ?? "", Cues(cues));
        AuditLog.Add(db, user, clock.GetUtcNow(), "theme.update", "theme", key, null, before, new { theme.LabelAr, theme.LabelEn, theme.Cues });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return theme;
    }

    /// <summary>Moves every article and item tagged <paramref name="from"/> to <paramref name="into"/>, and its cues; then removes <paramref name="from"/>.</summary>
    public async Task MergeThemesAsync(ClaimsPrincipal user, string from, string into, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "merge themes", logger);
        if (from == into) throw new InputException(new Phrase("error.themeSelf"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Themes.SingleOrDefaultAsync(t => t.Key == from, ct) ?? throw new KeyNotFoundException($"no theme '{from}'");
        var target = await db.Themes.SingleOrDefaultAsync(t => t.Key == into, ct) ?? throw new KeyNotFoundException($"no theme '{into}'");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var items = await MoveAsync(db, "ItemThemes", "ThemeKey", from, into, ct);
        var articles = await MoveAsync(db, "ArticleThemes", "ThemeKey", from, into, ct);
        target.Cues = [.. target.Cues.Union(source.Cues)];
        db.Themes.Remove(source);
        AuditLog.Add(db, user, clock.GetUtcNow(), "theme.merge", "theme", from, null,
            new { source.Key, source.LabelAr, source.LabelEn, source.Cues }, new { into, items, articles });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        lookups.Invalidate();
        logger.LogInformation("{User} merged theme {From} into {Into} ({Items} items, {Articles} articles)", TrackerRoles.NameOf(user), from, into, items, articles);
    }

    public async Task<EntityAlias> AddAliasAsync(ClaimsPrincipal user, string entityId, string text, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "add aliases", logger);
        text = Label(text, "alias");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Entities.AnyAsync(e => e.Id == entityId, ct)) throw new KeyNotFoundException($"no person or organisation '{entityId}'");
        await RequireFreeAsync(db, entityId, text, ct);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.EntityId == entityId && a.Text == text, ct);
        var before = alias is null ? null : new { alias.Text, alias.Status };
        alias ??= db.Aliases.Add(new EntityAlias { EntityId = entityId, Text = text, Status = AliasStatus.Accepted }).Entity;
        (alias.Status, alias.Note) = (AliasStatus.Accepted, "added by " + TrackerRoles.NameOf(user));
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias.add", "entity", entityId, null, before, new { alias.Text, alias.Status });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return alias;
    }

    /// <summary>Accepts or refuses a spelling variant the extractors proposed (or takes back an accepted one).</summary>
    public async Task<EntityAlias> SetAliasStatusAsync(ClaimsPrincipal user, int aliasId, AliasStatus status, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "review aliases", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.Id == aliasId, ct) ?? throw new KeyNotFoundException($"no alias {aliasId}");
        var before = new { alias.Text, alias.Status };
        if (status == AliasStatus.Accepted) await RequireFreeAsync(db, alias.EntityId, alias.Text, ct);
        alias.Status = status;
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias." + status.ToString().ToLowerInvariant(), "entity", alias.EntityId, null, before, new { alias.Text, alias.Status });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return alias;
    }

    /// <summary>Corrects an alias's spelling; refused when the new spelling names another entity.</summary>
    public async Task<EntityAlias> EditAliasAsync(ClaimsPrincipal user, int aliasId, string text, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "edit aliases", logger);
        text = Label(text, "alias");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.Id == aliasId, ct) ?? throw new KeyNotFoundException($"no alias {aliasId}");
        await RequireFreeAsync(db, alias.EntityId, text, ct);
        if (await db.Aliases.AnyAsync(a => a.EntityId == alias.EntityId && a.Text == text && a.Id != aliasId, ct))
            throw new InputException(new Phrase("admin.aliasExists", text));
        var before = new { alias.Text, alias.Status };
        alias.Text = text;
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias.edit", "entity", alias.EntityId, null, before, new { alias.Text, alias.Status });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return alias;
    }

    /// <summary>Removes an alias, accepted or proposed: the extractors no longer read the name as this entity.</summary>
    public async Task RemoveAliasAsync(ClaimsPrincipal user, int aliasId, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "remove aliases", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.Id == aliasId, ct) ?? throw new KeyNotFoundException($"no alias {aliasId}");
        db.Aliases.Remove(alias);
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias.remove", "entity", alias.EntityId, null, new { alias.Text, alias.Status }, null);
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
    }

    /// <summary>
    /// The explicit second step after <see cref="AliasTakenException"/>: the name leaves its owner and becomes an accepted
    /// alias of <paramref name="entityId"/>. Audited on both entities.
    /// </summary>
    public async Task<EntityAlias> MoveAliasAsync(ClaimsPrincipal user, int aliasId, string entityId, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "move aliases", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var alias = await db.Aliases.SingleOrDefaultAsync(a => a.Id == aliasId, ct) ?? throw new KeyNotFoundException($"no alias {aliasId}");
        if (!await db.Entities.AnyAsync(e => e.Id == entityId, ct)) throw new KeyNotFoundException($"no person or organisation '{entityId}'");
        var from = alias.EntityId;
        // A copy of the same text already on the target (proposed, say) gives way to the moved one.
        db.Aliases.RemoveRange(await db.Aliases.Where(a => a.EntityId == entityId && a.Text == alias.Text).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        (alias.EntityId, alias.Status, alias.Note) = (entityId, AliasStatus.Accepted, "moved from " + from + " by " + TrackerRoles.NameOf(user));
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias.move", "entity", from, null, new { alias.Text, entity = from }, new { alias.Text, entity = entityId });
        AuditLog.Add(db, user, clock.GetUtcNow(), "alias.move", "entity", entityId, null, new { alias.Text, entity = from }, new { alias.Text, entity = entityId });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        return alias;
    }

    /// <summary>
    /// The articles a change to an entity's names can change: those that mention the entity, and those whose text holds
    /// the name. What the admin page offers to re-extract.
    /// </summary>
    public async Task<List<int>> AffectedArticlesAsync(string entityId, string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.ArticleEntities.Where(e => e.EntityId == entityId).Select(e => e.ArticleId).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(text))
            ids.AddRange(await db.Articles.Where(a => a.Text.Contains(text) || a.Title.Contains(text)).Select(a => a.Id).ToListAsync(ct));
        return [.. ids.Distinct().Order()];
    }

    /// <summary>Refuses a name that already names another entity (its Arabic name or an accepted alias, as normalized text).</summary>
    private static async Task RequireFreeAsync(TrackerDbContext db, string entityId, string text, CancellationToken ct)
    {
        var key = Core.Text.ArabicNormalizer.Normalize(text);
        var names = await db.Entities.AsNoTracking().Where(e => e.Id != entityId).Select(e => new { e.Id, e.NameAr, e.NameEn }).ToListAsync(ct);
        var aliases = await db.Aliases.AsNoTracking().Where(a => a.EntityId != entityId && a.Status == AliasStatus.Accepted).ToListAsync(ct);
        (string EntityId, int AliasId)? owner = aliases.FirstOrDefault(a => Core.Text.ArabicNormalizer.Normalize(a.Text) == key) is { } taken ? (taken.EntityId, taken.Id)
            : names.FirstOrDefault(n => Core.Text.ArabicNormalizer.Normalize(n.NameAr) == key) is { } named ? (named.Id, 0) : null;
        if (owner is not { } o) return;
        var ownerName = names.First(n => n.Id == o.EntityId);
        throw new AliasTakenException(new Phrase("admin.aliasTaken", text, ownerName.NameAr, o.EntityId), o.AliasId, o.EntityId);
    }

    /// <summary>The new people and outlets still waiting for an admin, the most often proposed first.</summary>
    public async Task<List<ProposedEntityRow>> ProposedEntitiesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EntityProposals.AsNoTracking()
            .Where(p => p.Status == AliasStatus.Proposed && p.Articles.Any())
            .OrderByDescending(p => p.Articles.Count).ThenBy(p => p.Id)
            .Select(p => new ProposedEntityRow(p.Id, p.Kind, p.Name, p.Reason, p.Articles.Count, p.Articles.Min(a => a.ArticleId)))
            .ToListAsync(ct);
    }

    /// <summary>An id for a name in Latin letters (Silicon Weekly → silicon-weekly); empty for one with none, for the admin to type.</summary>
    public static string SuggestId(string? name)
    {
        var slug = NotSlug().Replace((name ?? "").ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    /// <summary>
    /// Makes a proposed person or outlet a tracked entity whose proposed name is an accepted alias, so the next
    /// ingestion or re-extraction attributes its quotes to <paramref name="id"/>.
    /// </summary>
    public async Task<TrackedEntity> AcceptEntityProposalAsync(ClaimsPrincipal user, int proposalId, string id, string nameEn, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "accept proposed entities", logger);
        id = (id ?? "").Trim();
        if (!EntityId().IsMatch(id)) throw new InputException(new Phrase("error.entityId", id));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await PendingAsync(db, proposalId, ct);
        if (await db.Entities.AnyAsync(e => e.Id == id, ct))
            throw new InputException(new Phrase("error.entityIdTaken", id, id));
        var entity = new TrackedEntity
        {
            Id = id, Kind = proposal.Kind, NameAr = proposal.Name, NameEn = EditorInput.Text(nameEn, "English name", 120) ?? "",
            Aliases = [new EntityAlias { EntityId = id, Text = proposal.Name, Status = AliasStatus.Accepted, Note = "proposed, accepted by " + TrackerRoles.NameOf(user) }],
        };
        db.Entities.Add(entity);
        (proposal.Status, proposal.EntityId) = (AliasStatus.Accepted, id);
        AuditLog.Add(db, user, clock.GetUtcNow(), "entity.accept", "entity", id, null,
            new { proposal.Kind, proposal.Name, Articles = proposal.Articles.Count }, new { entity.Id, entity.Kind, entity.NameAr, entity.NameEn });
        await db.SaveChangesAsync(ct);
        lookups.Invalidate();
        logger.LogInformation("{User} accepted proposed {Kind} {Name} as entity {EntityId}", TrackerRoles.NameOf(user), proposal.Kind, proposal.Name, id);
        return entity;
    }

    /// <summary>Refuses a proposed person or outlet; the refusal is kept, so later articles do not propose the name again.</summary>
    public async Task RefuseEntityProposalAsync(ClaimsPrincipal user, int proposalId, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "refuse proposed entities", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await PendingAsync(db, proposalId, ct);
        proposal.Status = AliasStatus.Refused;
        AuditLog.Add(db, user, clock.GetUtcNow(), "proposal.refuse", "proposal", proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { proposal.Kind, proposal.Name, proposal.Reason, Articles = proposal.Articles.Count, Status = AliasStatus.Proposed }, new { proposal.Status });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{User} refused proposed {Kind} {Name}", TrackerRoles.NameOf(user), proposal.Kind, proposal.Name);
    }

    private static async Task<ProposedEntity> PendingAsync(TrackerDbContext db, int proposalId, CancellationToken ct)
    {
        var proposal = await db.EntityProposals.Include(p => p.Articles).SingleOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw new KeyNotFoundException($"no proposed entity {proposalId}");
        if (proposal.Status != AliasStatus.Proposed)
            throw new InputException(new Phrase("error.proposalDecided", proposal.Name, proposal.Status.ToString().ToLowerInvariant()));
        return proposal;
    }

    /// <summary>
    /// Two entries for one person or organisation: <paramref name="from"/>'s aliases, quotes, mentions and actor tags move
    /// to <paramref name="into"/>, and <paramref name="from"/> is removed. Its names stay as accepted aliases.
    /// </summary>
    public async Task MergeEntitiesAsync(ClaimsPrincipal user, string from, string into, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "merge entities", logger);
        if (from == into) throw new InputException(new Phrase("error.entitySelf"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = await db.Entities.Include(e => e.Aliases).SingleOrDefaultAsync(e => e.Id == from, ct) ?? throw new KeyNotFoundException($"no person or organisation '{from}'");
        if (!await db.Entities.AnyAsync(e => e.Id == into, ct)) throw new KeyNotFoundException($"no person or organisation '{into}'");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var quotes = await db.Database.ExecuteSqlAsync($"UPDATE Items SET SpeakerEntityId = {into}, Version = Version + 1 WHERE SpeakerEntityId = {from}", ct);
        await MoveAsync(db, "ItemActors", "EntityId", from, into, ct);
        await MoveAsync(db, "ArticleEntities", "EntityId", from, into, ct);
        foreach (var text in source.Aliases.Where(a => a.Status == AliasStatus.Accepted).Select(a => a.Text).Append(source.NameAr).Distinct())
            await db.Database.ExecuteSqlAsync($"INSERT OR IGNORE INTO Aliases (EntityId, Text, Status, Note) VALUES ({into}, {text}, 'Accepted', {"merged from " + from})", ct);
        db.Entities.Remove(source);
        AuditLog.Add(db, user, clock.GetUtcNow(), "entity.merge", "entity", from, null,
            new { source.Id, source.NameAr, source.NameEn, Aliases = source.Aliases.Select(a => a.Text).ToList() }, new { into, quotes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        lookups.Invalidate();
        logger.LogInformation("{User} merged entity {From} into {Into}", TrackerRoles.NameOf(user), from, into);
    }

    /// <summary>
    /// Re-points a link table's rows from one key to another. A row already linked to both keeps the target's
    /// (the pair is the primary key), and the source's duplicate goes. Table and column are ours, never user input.
    /// </summary>
    private static async Task<int> MoveAsync(TrackerDbContext db, string table, string column, string from, string into, CancellationToken ct)
    {
        // The names are this class's constants; the keys go in as parameters.
#pragma warning disable EF1002
        var moved = await db.Database.ExecuteSqlRawAsync($"UPDATE OR IGNORE \"{table}\" SET \"{column}\" = {{0}} WHERE \"{column}\" = {{1}}", [into, from], ct);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\" WHERE \"{column}\" = {{0}}", [from], ct);
#pragma warning restore EF1002
        return moved;
    }

    private static string Label(string value, string field) =>
        EditorInput.Text(value, field, 120) ?? throw new InputException(new Phrase("error.empty", field));

    private static List<string> Cues(IEnumerable<string> cues) =>
        [.. cues.Select(c => EditorInput.Text(c, "cue", 80)).OfType<string>().Where(c => c.Length > 1).Distinct()];
}

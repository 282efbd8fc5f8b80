using MetaAiTracker.Web.Components.Shared;
using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Editing;

/// <summary>A change to an item; null fields stay as they are. Dates are YYYY, YYYY-MM or YYYY-MM-DD.</summary>
public sealed record ItemEdit
{
    public int? Start { get; init; }
    public int? End { get; init; }
    public ItemKind? Kind { get; init; }
    /// <summary>A tracked entity id; "" clears the speaker.</summary>
    public string? SpeakerEntityId { get; init; }
    /// <summary>The speaker as named when no tracked entity fits; "" clears it.</summary>
    public string? SpeakerName { get; init; }
    public QuoteKind? QuoteKind { get; init; }
    public string? Summary { get; init; }
    public string? Date { get; init; }
    public string? DateTo { get; init; }
    public bool? DateEstimated { get; init; }
    public Stance? Stance { get; init; }
    public bool? Hedged { get; init; }
    public List<AmountEdit>? Amounts { get; init; }
    public List<string>? Themes { get; init; }
}

/// <summary>An amount as an editor gives it: its words alone (<c>{"text": "14.3 مليار دولار"}</c>), read by the Core's amount rules, or with value and unit.</summary>
public sealed record AmountEdit(double? Value, string? Unit, string? Currency, string Text)
{
    /// <summary>Value, unit and currency: as given, or read from the text as the extractor reads an article's amounts.</summary>
    public (double Value, string Unit, string? Currency) Read() =>
        Value is { } v && Unit is { Length: > 0 } u ? (v, u, Currency)
        : Core.Extraction.AmountExtractor.Read(Text) is [var only] ? (only.Value, only.Unit, only.Currency)
        : throw new InputException(new Phrase("review.badAmounts", Text));
}

/// <summary>What an item was before and after a change, as the audit stores it.</summary>
public sealed record ItemSnapshot(
    ItemKind Kind, ReviewStatus Status, int Start, int End, string Text, Stance Stance, bool Hedged, string? Speaker, string? SpeakerName,
    QuoteKind? QuoteKind, string? Summary, DateOnly? DateStart, DateOnly? DateEnd, DateGranularity? Granularity, bool DateEstimated,
    List<string> Themes, List<string> Amounts, bool IsMilestone)
{
    public static ItemSnapshot Of(Item i) => new(i.Kind, i.Status, i.Start, i.End, i.Text, i.Stance, i.Hedged, i.SpeakerEntityId, i.SpeakerName,
        i.QuoteKind, i.Summary, i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated,
        [.. i.Themes.Select(t => t.ThemeKey).Order()], [.. i.Amounts.Select(a => $"{a.Value} {a.Unit} {a.Currency}".Trim())], i.IsMilestone);
}

/// <summary>
/// Editors' review of what the machine extracted: confirm, reject, edit or add items, tag themes, set relevance.
/// Every action checks the role, refuses a stale version (two editors on one item), keeps the item tied to its exact
/// span, and writes its audit entry in the same transaction. Nothing is deleted: a rejected item stays, as rejected.
/// </summary>
public sealed class ReviewService(IDbContextFactory<TrackerDbContext> dbFactory, TimeProvider clock, ILogger<ReviewService> logger)
{
    private const int MaxItemLength = 4000;
    private const int MaxFieldLength = 500;

    public Task<Item> ConfirmAsync(ClaimsPrincipal user, int itemId, int version, CancellationToken ct = default) =>
        ChangeItemAsync(user, itemId, version, "item.confirm", (item, _) =>
        {
            if (item.Status is ReviewStatus.Machine or ReviewStatus.Rejected) item.Status = ReviewStatus.Confirmed;
            return Task.CompletedTask;
        }, ct);

    public Task<Item> RejectAsync(ClaimsPrincipal user, int itemId, int version, CancellationToken ct = default) =>
        ChangeItemAsync(user, itemId, version, "item.reject", (item, _) =>
        {
            item.Status = ReviewStatus.Rejected;
            return Task.CompletedTask;
        }, ct);

    public Task<Item> EditAsync(ClaimsPrincipal user, int itemId, int version, ItemEdit edit, CancellationToken ct = default) =>
        edit is null ? throw new InputException(new Phrase("error.nothingToChange")) : ChangeItemAsync(user, itemId, version, "item.edit", async (item, db) =>
        {
            await ApplyAsync(item, edit, db, ct);
            // An added item stays "added" (quality counts it as a miss of the machine's); a machine item becomes "edited".
            if (item.Status != ReviewStatus.Added) item.Status = ReviewStatus.Edited;
        }, ct);

    /// <summary>
    /// Marks an item as a milestone of the story, or unmarks one the rules proposed. A machine item becomes confirmed:
    /// the editor has read it to judge its weight, and only items out of the machine's hands survive re-extraction, so
    /// the editor's choice does too.
    /// </summary>
    public Task<Item> SetMilestoneAsync(ClaimsPrincipal user, int itemId, int version, bool milestone, CancellationToken ct = default) =>
        ChangeItemAsync(user, itemId, version, "item.milestone", (item, _) =>
        {
            item.IsMilestone = milestone;
            if (item.Status == ReviewStatus.Machine) item.Status = ReviewStatus.Confirmed;
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Takes a quote (with its article's other quotes of the statement: one appearance) out of a statement it was
    /// wrongly grouped with ("not the same statement" on the person page): it becomes a statement of its own, and the one it
    /// left gets its first appearance again from the quotes that stay. A machine quote becomes confirmed, so
    /// re-extraction, which replaces only machine items, keeps it; and its new statement takes no new quotes, so the
    /// others, re-extracted, do not join it either.
    /// </summary>
    public async Task<Item> SplitStatementAsync(ClaimsPrincipal user, int itemId, int version, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "split statement", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new KeyNotFoundException($"no item {itemId}");
        if (item.Version != version) throw await EditConflictException.CreateAsync(db, "item", itemId.ToString(CultureInfo.InvariantCulture), ct);
        if (item.StatementId is not { } old || item.SpeakerEntityId is not { } speaker
            || !await db.Items.AnyAsync(i => i.StatementId == old && i.Id != itemId && i.ArticleId != item.ArticleId, ct))
            throw new InputException(new Phrase("review.notGrouped", itemId));
        // The person page lists a statement's appearances by article: the article's other quotes of the same words
        // (a headline and its body) go with it, or the appearance split off would still be listed.
        var moving = await db.Items.Where(i => i.StatementId == old && i.ArticleId == item.ArticleId && i.Id != itemId).ToListAsync(ct);
        moving.Insert(0, item);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var statement = new Statement { SpeakerEntityId = speaker, FirstItemId = itemId, SplitByEditor = true };
        db.Statements.Add(statement);
        await db.SaveChangesAsync(ct);
        foreach (var quote in moving)
        {
            var status = quote.Status;
            quote.StatementId = statement.Id;
            if (quote.Status == ReviewStatus.Machine) quote.Status = ReviewStatus.Confirmed;
            quote.Version++;
            AuditLog.Add(db, user, clock.GetUtcNow(), "item.split", "item", quote.Id.ToString(CultureInfo.InvariantCulture), quote.ArticleId,
                new { statement = old, status }, new { statement = statement.Id, status = quote.Status });
        }
        await SaveOrConflictAsync(db, tx, "item", itemId, ct);
        await Ingestion.StatementLinker.RefreshAsync(db, [old], ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{User} split item {ItemId} out of statement {Old} into {New}", TrackerRoles.NameOf(user), itemId, old, statement.Id);
        return item;
    }

    /// <summary>Adds an item the machine missed, from a span of the article's text.</summary>
    public async Task<Item> AddItemAsync(ClaimsPrincipal user, int articleId, ItemKind kind, int start, int end, ItemEdit? details = null, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "add items", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == articleId, ct) ?? throw new KeyNotFoundException($"no article {articleId}");
        var item = new Item
        {
            ArticleId = articleId, Article = article, Kind = kind, Text = "", Status = ReviewStatus.Added, Confidence = 1,
            ExtractorVersion = "editor", AddedBy = TrackerRoles.NameOf(user),
        };
        var published = article.Published;
        // Quotes and claims sit at the article's date; an event has only its own date (set below, or none).
        if (item.TakesArticleDate) item.SetDate(published);
        // Without details from the caller, the item gets what the Core's rules read in its span, for the editor to
        // confirm in the form that opens on it: an editor's item is then as complete as a machine one.
        Core.Extraction.SpanReading? reading = null;
        if (details is null && start >= 0 && end > start && end <= article.Text.Length)
        {
            reading = Core.Extraction.ExtractionPipeline.ReadSpan(article.Text, published, new Core.Model.TextSpan(start, end), await TrackerDbSetup.LoadLexiconAsync(db, ct));
            details = new ItemEdit
            {
                Themes = [.. reading.Themes],
                Stance = reading.Stance,
                Amounts = kind == ItemKind.Event ? [.. reading.Amounts.Select(a => new AmountEdit(a.Value, a.Unit, a.Currency, a.Text))] : null,
            };
        }
        await ApplyAsync(item, (details ?? new ItemEdit()) with { Start = start, End = end }, db, ct);
        if (reading is not null)
        {
            if (kind == ItemKind.Event && reading.Date is { } date) item.SetDate(date.Range, date.Text);
            foreach (var id in reading.Actors.Where(id => !item.Actors.Any(a => a.EntityId == id))) item.Actors.Add(new ItemActor { EntityId = id });
        }
        db.Items.Add(item);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, user, clock.GetUtcNow(), "item.add", "item", item.Id.ToString(CultureInfo.InvariantCulture), articleId, null, ItemSnapshot.Of(item));
        await db.SaveChangesAsync(ct);
        await Ingestion.StatementLinker.RelinkAsync(db, item, ct);
        await SearchIndex.ReindexItemAsync(db, item, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{User} added {Kind} item {ItemId} to article {ArticleId}", TrackerRoles.NameOf(user), kind, item.Id, articleId);
        return item;
    }

    public Task<Article> SetArticleThemesAsync(ClaimsPrincipal user, int articleId, int version, IReadOnlyCollection<string> themes, CancellationToken ct = default) =>
        ChangeArticleAsync(user, articleId, version, "article.themes", async (article, db) =>
        {
            var keys = await KnownThemesAsync(db, themes, ct);
            db.ArticleThemes.RemoveRange(article.Themes.Where(t => !keys.Contains(t.ThemeKey)));
            foreach (var t in article.Themes) t.ByEditor = true;
            foreach (var k in keys.Where(k => !article.Themes.Any(t => t.ThemeKey == k))) article.Themes.Add(new ArticleTheme { ThemeKey = k, ByEditor = true });
            // From now on re-extraction leaves this article's themes as the editor set them, removals included.
            article.ThemesByEditor = true;
        }, a => new { themes = a.Themes.Select(t => t.ThemeKey).Order().ToList() }, ct);

    public Task<Article> SetRelevanceAsync(ClaimsPrincipal user, int articleId, int version, bool relevant, CancellationToken ct = default) =>
        ChangeArticleAsync(user, articleId, version, "article.relevance", (article, _) =>
        {
            article.IsRelevant = relevant;
            article.RelevanceByEditor = true;
            return Task.CompletedTask;
        }, a => new { relevant = a.IsRelevant }, ct);

    /// <summary>
    /// Takes a wrongly clustered article out of its story: it stands alone (its own origin) and its band keys are
    /// dropped, so later arrivals are not matched to it again; the story left behind gets its origin recomputed.
    /// </summary>
    public async Task<Article> SplitFromStoryAsync(ClaimsPrincipal user, int articleId, int version, CancellationToken ct = default)
    {
        int? story = null;
        var article = await ChangeArticleAsync(user, articleId, version, "article.story.split", async (article, db) =>
        {
            story = article.StoryId ?? throw new InputException(new Phrase("error.notInStory", article.Id));
            (article.StoryId, article.IsOrigin) = (null, true);
            await Ingestion.StoryClusters.RemoveAsync(db, article.Id, article.StorySignature, ct);
        }, StorySnapshot, ct);
        await RecomputeOriginAsync(story!.Value, ct);
        return article;
    }

    /// <summary>Joins an article (with the story it is in, if any) to the story of <paramref name="otherArticleId"/>.</summary>
    public async Task<Article> JoinStoryAsync(ClaimsPrincipal user, int articleId, int version, int otherArticleId, CancellationToken ct = default)
    {
        var target = 0;
        var article = await ChangeArticleAsync(user, articleId, version, "article.story.join", async (article, db) =>
        {
            var other = await db.Articles.Where(a => a.Id == otherArticleId).Select(a => new { a.Id, a.StoryId }).SingleOrDefaultAsync(ct)
                ?? throw new InputException(new Phrase("error.noArticle", otherArticleId));
            target = other.StoryId ?? other.Id;
            if (other.Id == article.Id || article.StoryId == target) throw new InputException(new Phrase("error.sameStory", article.Id, other.Id));
            if (other.StoryId is null) await db.Database.ExecuteSqlAsync($"UPDATE Articles SET StoryId = {target} WHERE Id = {other.Id}", ct);
            if (article.StoryId is { } old) await db.Database.ExecuteSqlAsync($"UPDATE Articles SET StoryId = {target} WHERE StoryId = {old} AND Id <> {article.Id}", ct);
            article.StoryId = target;
        }, StorySnapshot, ct);
        await RecomputeOriginAsync(target, ct);
        return article;
    }

    private static object StorySnapshot(Article a) => new { storyId = a.StoryId, isOrigin = a.IsOrigin };

    private async Task RecomputeOriginAsync(int story, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        using var clusters = new Ingestion.StoryClusters(db);
        clusters.RecomputeOrigin(story);
    }

    /// <summary>
    /// Sets or corrects an article's title, outlet, URL and publication date (with its precision, or estimated). Quotes
    /// and claims sit at the article's date, so those that had no date of their own move with it.
    /// </summary>
    public async Task<Article> SetDetailsAsync(ClaimsPrincipal user, int articleId, int version, ArticleDetails details, CancellationToken ct = default)
    {
        var article = await SetDetailsOnlyAsync(user, articleId, version, details, ct);
        if (details.Published is null) return article;
        // Which publication came first may have changed: the story's origin, and where its quotes' statements first appeared.
        if (article.StoryId is { } story) await RecomputeOriginAsync(story, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var statements = await db.Items.Where(i => i.ArticleId == articleId && i.StatementId != null).Select(i => i.StatementId!.Value).Distinct().ToListAsync(ct);
        await Ingestion.StatementLinker.RefreshAsync(db, statements, ct);
        return article;
    }

    private Task<Article> SetDetailsOnlyAsync(ClaimsPrincipal user, int articleId, int version, ArticleDetails details, CancellationToken ct) =>
        ChangeArticleAsync(user, articleId, version, "article.details", async (article, db) =>
        {
            if (details.Title is { } title) article.Title = EditorInput.Text(title, "title", EditorInput.MaxTitleLength) ?? throw new InputException(new Phrase("error.emptyTitle"));
            if (details.Source is { } source) article.Source = EditorInput.Text(source, "outlet", EditorInput.MaxTitleLength);
            if (details.Url is { } url)
            {
                article.Url = EditorInput.WebAddress(url);
                article.CanonicalUrl = Core.Ingestion.ContentIdentity.CanonicalUrl(article.Url);
            }
            if (details.Published is { } published)
            {
                var date = EditorInput.Date(published, details.PublishedEstimated);
                article.SetPublished(date);
                var placed = await db.Items.Where(i => i.ArticleId == article.Id).Where(Item.FollowsArticleDate).ToListAsync(ct);
                foreach (var i in placed)
                {
                    var before = DateOf(i);
                    i.SetDate(date);
                    i.Version++;
                    // Each moved item says so in its own history: a later conflict on it then names this edit, not an older one.
                    AuditLog.Add(db, user, clock.GetUtcNow(), "item.date", "item", i.Id.ToString(CultureInfo.InvariantCulture), article.Id, before, DateOf(i));
                }
            }
        }, a => new { a.Title, a.Source, a.Url, Published = a.PublishedStart, a.PublishedGranularity, a.PublishedEstimated }, ct);

    /// <summary>Takes the article off the review queue (its items keep their own review states).</summary>
    /// <remarks>
    /// The items no editor decided on either stay machine items (<paramref name="confirmRemaining"/> false: "reviewed"
    /// then says the article was read, not each item) or are confirmed, each with its own history entry.
    /// </remarks>
    public Task<Article> MarkReviewedAsync(ClaimsPrincipal user, int articleId, int version, bool confirmRemaining = false, CancellationToken ct = default)
    {
        var confirmed = 0;
        return ChangeArticleAsync(user, articleId, version, "article.reviewed", async (article, db) =>
        {
            article.Reviewed = true;
            if (!confirmRemaining) return;
            foreach (var item in await db.Items.Where(i => i.ArticleId == article.Id && i.Status == ReviewStatus.Machine).Include(i => i.Themes).Include(i => i.Amounts).ToListAsync(ct))
            {
                var before = ItemSnapshot.Of(item);
                item.Status = ReviewStatus.Confirmed;
                item.Version++;
                confirmed++;
                AuditLog.Add(db, user, clock.GetUtcNow(), "item.confirm", "item", item.Id.ToString(CultureInfo.InvariantCulture), article.Id, before, ItemSnapshot.Of(item));
            }
        }, a => new { reviewed = a.Reviewed, confirmed }, ct);
    }

    private async Task<Item> ChangeItemAsync(ClaimsPrincipal user, int itemId, int version, string action, Func<Item, TrackerDbContext, Task> change, CancellationToken ct)
    {
        Access.Require(user, TrackerRoles.Editor, action.Replace('.', ' '), logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Items.Include(i => i.Article).Include(i => i.Themes).Include(i => i.Amounts).Include(i => i.Actors)
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new KeyNotFoundException($"no item {itemId}");
        if (item.Version != version) throw await EditConflictException.CreateAsync(db, "item", itemId.ToString(CultureInfo.InvariantCulture), ct);
        var before = ItemSnapshot.Of(item);
        await change(item, db);
        item.Version++;
        AuditLog.Add(db, user, clock.GetUtcNow(), action, "item", itemId.ToString(CultureInfo.InvariantCulture), item.ArticleId, before, ItemSnapshot.Of(item));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SaveOrConflictAsync(db, tx, "item", itemId, ct);
        if (MovesStatement(before, item)) await Ingestion.StatementLinker.RelinkAsync(db, item, ct);
        await SearchIndex.ReindexItemAsync(db, item, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{User} {Action} item {ItemId} (version {Version})", TrackerRoles.NameOf(user), action, itemId, item.Version);
        return item;
    }

    /// <summary>What decides a quote's statement changed: who said it, its words, whether it is a quote, whether it is rejected.</summary>
    private static bool MovesStatement(ItemSnapshot before, Item after) =>
        before.Kind != after.Kind || before.Speaker != after.SpeakerEntityId || before.Text != after.Text
        || (before.Status == ReviewStatus.Rejected) != (after.Status == ReviewStatus.Rejected);

    private async Task<Article> ChangeArticleAsync(ClaimsPrincipal user, int articleId, int version, string action,
        Func<Article, TrackerDbContext, Task> change, Func<Article, object> snapshot, CancellationToken ct)
    {
        Access.Require(user, TrackerRoles.Editor, action.Replace('.', ' '), logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var article = await db.Articles.Include(a => a.Themes).SingleOrDefaultAsync(a => a.Id == articleId, ct)
            ?? throw new KeyNotFoundException($"no article {articleId}");
        if (article.Version != version) throw await EditConflictException.CreateAsync(db, "article", articleId.ToString(CultureInfo.InvariantCulture), ct);
        var before = snapshot(article);
        await change(article, db);
        article.Version++;
        AuditLog.Add(db, user, clock.GetUtcNow(), action, "article", articleId.ToString(CultureInfo.InvariantCulture), articleId, before, snapshot(article));
        await SaveOrConflictAsync(db, null, "article", articleId, ct);
        logger.LogInformation("{User} {Action} article {ArticleId}", TrackerRoles.NameOf(user), action, articleId);
        return article;
    }

    /// <summary>
    /// Saves, or, when someone else saved the same row between our read and our write (the version column caught it),
    /// rolls back and answers the conflict naming their edit.
    /// </summary>
    private static async Task SaveOrConflictAsync(TrackerDbContext db, IDbContextTransaction? tx, string kind, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            if (tx is not null) await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw await EditConflictException.CreateAsync(db, kind, id.ToString(CultureInfo.InvariantCulture), ct);
        }
    }

    /// <summary>Applies an edit, validating every value against the article and the store; the message names what is wrong.</summary>
    private static async Task ApplyAsync(Item item, ItemEdit e, TrackerDbContext db, CancellationToken ct)
    {
        var text = item.Article!.Text;
        var (start, end) = (e.Start ?? item.Start, e.End ?? item.End);
        if (start < 0 || end > text.Length || start >= end)
            throw new InputException(new Phrase("error.spanOutside", start, end, text.Length));
        if (end - start > MaxItemLength) throw new InputException(new Phrase("error.spanTooLong", end - start, MaxItemLength));
        if (string.IsNullOrWhiteSpace(text[start..end])) throw new InputException(new Phrase("error.spanEmpty"));
        (item.Start, item.End, item.Text) = (start, end, text[start..end]);
        if (e.Kind is { } kind) item.Kind = kind;
        if (e.Stance is { } stance) item.Stance = stance;
        if (e.Hedged is { } hedged) item.Hedged = hedged;
        if (e.QuoteKind is { } qk) item.QuoteKind = qk;
        if (e.Summary is not null) item.Summary = EditorInput.Text(e.Summary, "summary", MaxFieldLength);
        if (e.SpeakerName is not null) item.SpeakerName = EditorInput.Text(e.SpeakerName, "speaker name", MaxFieldLength);
        if (e.SpeakerEntityId is not null)
        {
            var id = e.SpeakerEntityId.Trim();
            // The old speaker was an actor because it spoke: a corrected speaker takes its place.
            if (item.SpeakerEntityId is { } old && old != id) item.Actors.RemoveAll(a => a.EntityId == old);
            if (id.Length == 0) item.SpeakerEntityId = null;
            else
            {
                var entity = await db.Entities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new InputException(new Phrase("error.unknownEntity", id));
                item.SpeakerEntityId = entity.Id;
                item.SpeakerName = e.SpeakerName is { Length: > 0 } ? item.SpeakerName : entity.NameAr;
                item.SpeakerKind = entity.Kind == EntityKind.Person ? SpeakerKind.Person : SpeakerKind.Organization;
                if (!item.Actors.Any(a => a.EntityId == id)) item.Actors.Add(new ItemActor { EntityId = id });
            }
        }
        if (e.Date is not null) SetDate(item, e.Date, e.DateTo, e.DateEstimated ?? false);
        // Only an end date: the range runs from the item's own start. Only "estimated": the same range, marked so.
        // Either used to be dropped while the item was still marked edited and audited.
        else if (e.DateTo is not null)
            SetDate(item, IsoStart(item) ?? throw new InputException(new Phrase("review.endWithoutStart", e.DateTo)), e.DateTo, e.DateEstimated ?? item.DateEstimated);
        else if (e.DateEstimated is { } estimated && estimated != item.DateEstimated && item.Date is { } range)
            item.SetDate(range with { Estimated = estimated }, item.DateText);
        if (e.Amounts is not null)
        {
            var before = item.Amounts.ToList();
            item.Amounts.Clear();
            foreach (var a in e.Amounts)
            {
                var (value, unit, currency) = a.Read();
                var at = text.IndexOf(a.Text, start, end - start, StringComparison.Ordinal);
                // Words not found in the text (typed in English, say) keep the span of the amount they restate, if any.
                var same = before.FirstOrDefault(b => b.Value == value && b.Unit == unit);
                var (from, to) = at >= 0 ? (at, at + a.Text.Length) : same is not null ? (same.Start, same.End) : (start, end);
                item.Amounts.Add(new ItemAmount
                {
                    Value = value, Unit = EditorInput.Text(unit, "unit", MaxFieldLength) ?? "", Currency = EditorInput.Text(currency, "currency", MaxFieldLength),
                    Text = EditorInput.Text(a.Text, "amount text", MaxFieldLength) ?? "", Start = from, End = to,
                });
            }
        }
        if (e.Themes is not null)
        {
            var keys = await KnownThemesAsync(db, e.Themes, ct);
            item.Themes.RemoveAll(t => !keys.Contains(t.ThemeKey));
            foreach (var k in keys.Where(k => !item.Themes.Any(t => t.ThemeKey == k))) item.Themes.Add(new ItemTheme { ThemeKey = k });
        }
    }

    /// <summary>The item's start as the date field writes it, at its own precision.</summary>
    private static string? IsoStart(Item i) => i.Date is not { } d ? null : d.Granularity switch
    {
        DateGranularity.Year => d.Start.Year.ToString(CultureInfo.InvariantCulture),
        DateGranularity.Half => $"{d.Start.Year.ToString(CultureInfo.InvariantCulture)}-H{(d.Start.Month <= 6 ? 1 : 2)}",
        DateGranularity.Quarter => $"{d.Start.Year.ToString(CultureInfo.InvariantCulture)}-Q{(d.Start.Month - 1) / 3 + 1}",
        DateGranularity.Month => d.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => d.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static object DateOf(Item i) => new { i.DateStart, i.DateEnd, i.DateGranularity, i.DateEstimated };

    private static void SetDate(Item item, string date, string? to, bool estimated)
    {
        if (EditorInput.Date(date, estimated) is not { } from)
        {
            item.SetDate(null);
            return;
        }
        var until = EditorInput.Date(to, estimated) ?? from;
        if (until.End < from.Start) throw new InputException(new Phrase("error.dateBackwards", to, date));
        // A range is as precise as its coarser end: "2024 to 2024-09" is read in years.
        var granularity = (DateGranularity)Math.Max((int)from.Granularity, (int)until.Granularity);
        item.SetDate(new DateRange(from.Start, until.End, granularity, estimated), to is { Length: > 0 } ? $"{date} – {to}" : date);
    }

    private static async Task<HashSet<string>> KnownThemesAsync(TrackerDbContext db, IReadOnlyCollection<string> themes, CancellationToken ct)
    {
        var known = await db.Themes.AsNoTracking().Select(t => t.Key).ToHashSetAsync(ct);
        var unknown = themes.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0) throw new InputException(new Phrase("error.unknownTheme", string.Join(", ", unknown)));
        return [.. themes];
    }

}

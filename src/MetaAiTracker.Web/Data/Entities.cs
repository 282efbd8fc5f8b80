using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Web.Data;

public enum ItemKind { Quote, Event, Claim }

/// <summary>
/// Review state of an item. Machine items are replaced by re-extraction; everything an editor touched
/// (confirmed, edited, added, rejected) survives it. Nothing is deleted outright.
/// </summary>
public enum ReviewStatus { Machine, Confirmed, Edited, Added, Rejected }

public static class ReviewStatuses
{
    /// <summary>What an editor's decision leaves on an item that is kept: analysts' "reviewed" (badge, filter, briefing).</summary>
    public static readonly ReviewStatus[] Reviewed = [ReviewStatus.Confirmed, ReviewStatus.Edited, ReviewStatus.Added];
}

public enum AliasStatus { Accepted, Proposed, Refused }

public class Article
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Title { get; set; }
    public string? Url { get; set; }
    public string? CanonicalUrl { get; set; }
    public string? Source { get; set; }
    public DateOnly? PublishedStart { get; set; }
    public DateOnly? PublishedEnd { get; set; }
    public DateGranularity? PublishedGranularity { get; set; }
    public bool PublishedEstimated { get; set; }
    public required string Text { get; set; }
    /// <summary>SHA-256 of the normalized text: the same article ingested twice is stored once.</summary>
    public required string ContentHash { get; set; }
    public required string Format { get; set; }
    public required string Encoding { get; set; }
    public bool IsRelevant { get; set; } = true;
    public double RelevanceScore { get; set; }
    /// <summary>True once an editor set the relevance: re-extraction then keeps it.</summary>
    public bool RelevanceByEditor { get; set; }
    public Stance Stance { get; set; }
    public required string ExtractorVersion { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    public bool Reviewed { get; set; }
    /// <summary>True once an editor set the article's themes: re-extraction then leaves them, removals included.</summary>
    public bool ThemesByEditor { get; set; }
    public int Version { get; set; }
    /// <summary>
    /// The story cluster: the id of one of its articles, shared by every near-copy (null while the article repeats
    /// none). Set at ingestion (<c>Ingestion/StoryClusters</c>) and by an editor's split or join.
    /// </summary>
    public int? StoryId { get; set; }
    /// <summary>The earliest publication of its cluster (an article alone is its own origin); the timeline counts these.</summary>
    public bool IsOrigin { get; set; } = true;
    /// <summary>The MinHash signature (<c>Core.Text.StorySignature</c>, little-endian uint32s); empty for a text too short to have one, null until computed.</summary>
    public byte[]? StorySignature { get; set; }

    public List<Item> Items { get; set; } = [];
    public List<ArticleTheme> Themes { get; set; } = [];
    public List<ArticleEntity> Entities { get; set; } = [];
    /// <summary>The explicit quantities the text states that no event carries; machine output, replaced on re-extraction.</summary>
    public List<ArticleFigure> Figures { get; set; } = [];

    public DateRange? Published => PublishedStart is { } s && PublishedEnd is { } e && PublishedGranularity is { } g
        ? new DateRange(s, e, g, PublishedEstimated) : null;

    public void SetPublished(DateRange? d)
    {
        PublishedStart = d?.Start;
        PublishedEnd = d?.End;
        PublishedGranularity = d?.Granularity;
        PublishedEstimated = d?.Estimated ?? false;
    }
}

/// <summary>
/// A quote, event or claim tied to its span in the article text. One table for the three kinds keeps the
/// timeline one indexed query; the kind-specific columns are null for the other kinds.
/// </summary>
public class Item
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public ItemKind Kind { get; set; }
    /// <summary>UTF-16 offsets into Article.Text, end exclusive.</summary>
    public int Start { get; set; }
    public int End { get; set; }
    public required string Text { get; set; }
    public Stance Stance { get; set; }
    public double Confidence { get; set; }
    public ReviewStatus Status { get; set; }
    public required string ExtractorVersion { get; set; }

    /// <summary>Where the item sits on the timeline: the event's own date, else the article's publication date.</summary>
    public DateOnly? DateStart { get; set; }
    public DateOnly? DateEnd { get; set; }
    public DateGranularity? DateGranularity { get; set; }
    public bool DateEstimated { get; set; }
    /// <summary>The date as the text gives it (events); null when the item takes the article's date.</summary>
    public string? DateText { get; set; }

    public DateRange? Date => DateStart is { } s && DateEnd is { } e && DateGranularity is { } g ? new DateRange(s, e, g, DateEstimated) : null;

    /// <summary>
    /// The one way an item is placed in time: the range, and the words that gave it when the text did (null when the
    /// item takes its article's date, which is then what a change of the article's date moves).
    /// </summary>
    public void SetDate(DateRange? date, string? text = null)
    {
        (DateStart, DateEnd, DateGranularity, DateEstimated) = (date?.Start, date?.End, date?.Granularity, date?.Estimated ?? false);
        DateText = date is null ? null : text;
    }

    /// <summary>Takes the article's date: quotes and claims not dated by their own words (an event has only its own date).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Item, bool>> FollowsArticleDate = i => i.Kind != ItemKind.Event && i.DateText == null;
    private static readonly Func<Item, bool> FollowsArticleDateCompiled = FollowsArticleDate.Compile();
    public bool TakesArticleDate => FollowsArticleDateCompiled(this);

    // Quotes
    public QuoteKind? QuoteKind { get; set; }
    public string? Cue { get; set; }
    public string? SpeakerEntityId { get; set; }
    public string? SpeakerName { get; set; }
    public SpeakerKind? SpeakerKind { get; set; }
    /// <summary>
    /// The statement this quote repeats (the same words by the same speaker in other articles), set by
    /// <see cref="Ingestion.StatementLinker"/>; null for a quote without a resolved speaker, and for non-quotes.
    /// </summary>
    public int? StatementId { get; set; }

    // Events
    public string? Summary { get; set; }
    public string? EventType { get; set; }

    // Claims
    public bool Hedged { get; set; }
    public bool Negated { get; set; }

    /// <summary>
    /// A key event of the story (a release, a licence or openness decision, a reorganisation, a large investment), marked on
    /// the chart and in the milestone strip. Proposed by <see cref="Timeline.Milestones.Propose"/>; an editor marks or unmarks it.
    /// </summary>
    public bool IsMilestone { get; set; }

    /// <summary>The editor who added the item by hand; null for an item the machine extracted (quality is measured on these).</summary>
    public string? AddedBy { get; set; }

    /// <summary>Optimistic concurrency: two editors saving the same item cannot silently overwrite each other.</summary>
    public int Version { get; set; }

    public List<ItemTheme> Themes { get; set; } = [];
    public List<ItemActor> Actors { get; set; } = [];
    public List<ItemAmount> Amounts { get; set; } = [];
}

/// <summary>
/// One statement by one speaker, carried by every quote that repeats it (<see cref="Item.StatementId"/>).
/// <see cref="FirstItemId"/> is its first appearance: the quote in the earliest published article (an undated
/// article after every dated one, then the lower article id), moved when an earlier article arrives.
/// </summary>
public class Statement
{
    public int Id { get; set; }
    public required string SpeakerEntityId { get; set; }
    public int FirstItemId { get; set; }
    /// <summary>
    /// Made by an editor taking a quote out of a wrong grouping: it takes no new quotes, or re-extraction would put
    /// the others (new machine items, the same words) back with the one split off.
    /// </summary>
    public bool SplitByEditor { get; set; }
}

/// <summary>The columns of a stated quantity, as an event's amount and as an article's figure store it.</summary>
public abstract class StoredAmount
{
    public int Id { get; set; }
    public double Value { get; set; }
    public required string Unit { get; set; }
    public string? Currency { get; set; }
    public required string Text { get; set; }
    public string? Qualifier { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
}

public class ItemAmount : StoredAmount
{
    public int ItemId { get; set; }
}

/// <summary>One LSH band key of an article's story signature: articles sharing a row here are near-copy candidates.</summary>
public class ArticleBand
{
    /// <summary>The band's key, the band's number mixed in (<c>Core.Text.StorySignature.BandKeys</c>).</summary>
    public long Key { get; set; }
    public int ArticleId { get; set; }
}

/// <summary>An amount of the article outside every event (a share, a head count), with the date of its sentence.</summary>
public class ArticleFigure : StoredAmount
{
    public int ArticleId { get; set; }
    public DateOnly? DateStart { get; set; }
    public DateOnly? DateEnd { get; set; }
    public DateGranularity? DateGranularity { get; set; }
    public bool DateEstimated { get; set; }
    public string? DateText { get; set; }
}

public class ItemTheme
{
    public int ItemId { get; set; }
    public required string ThemeKey { get; set; }
}

public class ItemActor
{
    public int ItemId { get; set; }
    public required string EntityId { get; set; }
}

public class ArticleTheme
{
    public int ArticleId { get; set; }
    public required string ThemeKey { get; set; }
    public bool ByEditor { get; set; }
}

public class ArticleEntity
{
    public int ArticleId { get; set; }
    public required string EntityId { get; set; }
    public int Mentions { get; set; }
}

public class Theme
{
    public required string Key { get; set; }
    public required string LabelAr { get; set; }
    public required string LabelEn { get; set; }
    public List<string> Cues { get; set; } = [];
    public int SortOrder { get; set; }
}

public class TrackedEntity
{
    public required string Id { get; set; }
    public EntityKind Kind { get; set; }
    public required string NameAr { get; set; }
    public required string NameEn { get; set; }
    public List<EntityAlias> Aliases { get; set; } = [];
}

public class EntityAlias
{
    public int Id { get; set; }
    public required string EntityId { get; set; }
    public required string Text { get; set; }
    public AliasStatus Status { get; set; }
    /// <summary>Why a proposed alias was proposed, or who added it.</summary>
    public string? Note { get; set; }
}

/// <summary>
/// A person or outlet the alias table does not know, which the extractors found quoted: one row per kind and
/// normalized name however many articles name it, until an admin accepts it (a new entity) or refuses it. The row
/// stays after either, so the same name is never proposed again.
/// </summary>
public class ProposedEntity
{
    public int Id { get; set; }
    public EntityKind Kind { get; set; }
    /// <summary>The name as the first article wrote it.</summary>
    public required string Name { get; set; }
    /// <summary>The name's search key (ArabicNormalizer): spellings that differ only in hamza, tashkeel or case are one proposal.</summary>
    public required string NormalizedName { get; set; }
    public string? Reason { get; set; }
    public AliasStatus Status { get; set; }
    /// <summary>The entity an admin made of it, once accepted.</summary>
    public string? EntityId { get; set; }
    /// <summary>The articles that propose it: their count and the first one are what the admin sees.</summary>
    public List<ProposedEntityArticle> Articles { get; set; } = [];
}

/// <summary>
/// One article proposing one name. Counting these rather than keeping a counter is what lets re-extraction run
/// over an article again without counting it twice, and drop it when the new rules no longer propose the name.
/// </summary>
public class ProposedEntityArticle
{
    public int ProposalId { get; set; }
    public int ArticleId { get; set; }
}

/// <summary>
/// A named view of the timeline (its query string) that a briefing is exported from again and again. The largest
/// item id at the last export tells the next briefing which items are new: ids grow with ingestion.
/// </summary>
public class SavedView
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The timeline's query string, e.g. "?theme=talent&amp;stance=closed".</summary>
    public required string Query { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The account that saved it first; null for views saved before views had owners (then only editors change it).</summary>
    public string? Owner { get; set; }
    public DateTimeOffset? LastExportedAt { get; set; }
    public int? LastExportMaxItemId { get; set; }
}

public enum SourceKind { Feed, Folder }

/// <summary>
/// A feed (RSS 2.0, Atom, JSON Feed) or a server folder that the tracker polls by itself (Sources/SourcePoller).
/// Times are UTC <see cref="DateTime"/>s, which SQLite compares as text in order; errors and refusals are stored as
/// resource keys with their arguments so each reader sees them in their own language.
/// </summary>
public class WatchedSource
{
    public int Id { get; set; }
    public SourceKind Kind { get; set; }
    /// <summary>The feed's address, or the folder's full path.</summary>
    public required string Address { get; set; }
    public int IntervalMinutes { get; set; } = 30;
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTime AddedAt { get; set; }
    public DateTime? LastPollAt { get; set; }
    /// <summary>When the last poll that reached the source started: a folder's files changed since then are read again.</summary>
    public DateTime? LastSuccessAt { get; set; }
    public DateTime NextPollAt { get; set; }
    public int Failures { get; set; }
    /// <summary>The last poll's error as a Ui resource key (e.g. "fetch.status"), null after a good poll.</summary>
    public string? LastErrorKey { get; set; }
    /// <summary>The error's arguments, a JSON array of strings.</summary>
    public string? LastErrorArgs { get; set; }
    public int LastAdded { get; set; }
    public int LastDuplicates { get; set; }
    /// <summary>The entries the last poll refused, a JSON array of {key, args}: each shown in the reader's language.</summary>
    public string? LastRefusals { get; set; }
    public bool LastNotModified { get; set; }
    /// <summary>Who polls it now and until when: a poll claims the source in one UPDATE, so two never overlap, in one process or two.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
}

/// <summary>A sign-in account. Roles (Analyst, Editor, Admin) are Identity roles in the same store.</summary>
public class TrackerUser : Microsoft.AspNetCore.Identity.IdentityUser
{
    /// <summary>A disabled account cannot sign in and its open sessions end at the next check; it is never deleted (the audit names it).</summary>
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One change an editor (or an admin, or the command line) made: who, when, what, and the value before and after as
/// JSON. Written in the same transaction as the change, so the trail has no gaps and no entries for changes that failed.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    /// <summary>What was done, e.g. "item.edit", "item.reject", "theme.merge", "user.set-role".</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to: "item", "article", "theme", "entity", "alias", "proposal" or "user".</summary>
    public required string TargetType { get; set; }
    public required string TargetId { get; set; }
    /// <summary>The article an item change belongs to, so an article's history is one indexed read.</summary>
    public int? ArticleId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

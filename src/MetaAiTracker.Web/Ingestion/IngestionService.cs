using System.Diagnostics;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

public enum IngestOutcome { Added, Duplicate, Rejected }

public sealed record IngestResult(string Path, IngestOutcome Outcome, string Message, int? ArticleId = null, int Quotes = 0, int Events = 0, int Claims = 0)
{
    /// <summary>A rejection's reason in words for a page, said in the reader's language (<see cref="Message"/> is English).</summary>
    public Components.Shared.Phrase? Reason { get; init; }
}

/// <summary>What re-extraction changed in one kind of item: machine items given again as they were, new ones, and ones no longer given.</summary>
public sealed record KindChange(int Unchanged, int Added, int Removed);

/// <summary>What a re-extraction changed, per kind of item, and how many reviewed items it kept.</summary>
public sealed record ReextractSummary(int Articles, IReadOnlyDictionary<ItemKind, KindChange> ByKind, int KeptReviewed)
{
    public int Unchanged => ByKind.Values.Sum(k => k.Unchanged);
    public int Added => ByKind.Values.Sum(k => k.Added);
    public int Removed => ByKind.Values.Sum(k => k.Removed);

    public override string ToString() =>
        $"re-extracted {Articles} article(s): {Added} item(s) new or changed, {Removed} gone or changed, {Unchanged} unchanged; {KeptReviewed} reviewed item(s) kept as editors left them"
        + string.Concat(Enum.GetValues<ItemKind>().Select(k => ByKind.GetValueOrDefault(k) is { } c
            ? $"\n  {k.ToString().ToLowerInvariant()}s: {c.Added} new, {c.Removed} gone, {c.Unchanged} unchanged" : ""));
}

/// <summary>
/// Reads articles, runs the extractors and stores each article with all its items in one transaction,
/// so a crash leaves either the whole article or nothing. The same article twice is stored once.
/// Reading and extraction (CPU) run on the thread pool a batch ahead of the single writer (SQLite has one).
/// </summary>
public sealed class IngestionService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    ExtractionPipeline pipeline,
    ArticleReaderOptions readerOptions,
    ILogger<IngestionService> logger)
{
    // Files that document a folder of articles rather than being one.
    private static readonly string[] NotArticles = ["README", "LICENSE", "CHANGELOG"];
    private const int BatchSize = 32;

    /// <summary>A file read and extracted off the writer: rejected with its reason, or ready to store.</summary>
    private abstract record Prepared(string Path);

    private sealed record Rejected(string Path, IngestResult Result) : Prepared(Path)
    {
        public Rejected(string path, string reason) : this(path, new IngestResult(path, IngestOutcome.Rejected, reason)) { }
    }

    private sealed record Ready(
        string Path, SourceArticle Source, string Hash, string? CanonicalUrl, ArticleExtraction Extraction, List<Item> Items,
        string ArticleShadow, List<string> ItemShadows, uint[]? Signature, Func<int, AuditEntry>? Audit = null) : Prepared(Path);

    /// <summary>
    /// Ingests files and folders (recursively); a bad file is reported and the batch goes on. A problem of the store
    /// itself (disk full, read-only, corrupt) stops it with a <see cref="StoreException"/>: every later file would
    /// fail the same way, and what was committed before stays.
    /// </summary>
    public async Task<List<IngestResult>> IngestPathsAsync(IEnumerable<string> paths, Action<IngestResult>? progress = null, CancellationToken ct = default)
    {
        var results = new List<IngestResult>();
        var lexicon = await LoadLexiconAsync(ct);
        var files = ExpandPaths(paths).ToList();
        Task<Prepared[]>? next = null;
        for (var start = 0; start < files.Count; start += BatchSize)
        {
            var batch = next ?? PrepareBatch(files, start, lexicon, ct);
            next = start + BatchSize < files.Count ? PrepareBatch(files, start + BatchSize, lexicon, ct) : null;
            foreach (var result in await StoreBatchAsync(await batch, ct))
            {
                results.Add(result);
                progress?.Invoke(result);
            }
        }
        if (results.Any(r => r.Outcome == IngestOutcome.Added))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await TrackerDbSetup.OptimizeAsync(db, ct);
        }
        return results;
    }

    private Task<Prepared[]> PrepareBatch(List<(string Path, string? Problem)> files, int start, Lexicon lexicon, CancellationToken ct) =>
        Task.WhenAll(files.Skip(start).Take(BatchSize).Select(f => Task.Run(() => Prepare(f.Path, f.Problem, lexicon), ct)));

    private Prepared Prepare(string file, string? problem, Lexicon lexicon)
    {
        if (problem is not null) return new Rejected(file, problem);
        try
        {
            return Prepare(ArticleReader.ReadFile(file, readerOptions), lexicon, file);
        }
        catch (ArticleRejectedException ex)
        {
            return new Rejected(file, new IngestResult(file, IngestOutcome.Rejected, ex.Message) { Reason = Components.Shared.UserErrors.Rejection(ex.Reason, ex.FileName) });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Rejected(file, $"{file}: cannot be read ({ex.Message})");
        }
    }

    private Ready Prepare(SourceArticle source, Lexicon lexicon, string path)
    {
        var extraction = pipeline.Extract(source.Text, source.Published, lexicon);
        var items = ExtractionMapping.ToItems(extraction, source.Published);
        return new Ready(path, source, ContentIdentity.Hash(source.Text), ContentIdentity.CanonicalUrl(source.Url), extraction, items,
            SearchIndex.ArticleShadow(source.Title ?? source.FileName, source.Text), [.. items.Select(SearchIndex.ItemShadow)],
            StorySignature.Compute(source.Text));
    }

    public async Task<Lexicon> LoadLexiconAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TrackerDbSetup.LoadLexiconAsync(db, ct);
    }

    /// <summary>
    /// Stores one parsed article with its extractions, or reports the existing copy. <paramref name="audit"/> makes the
    /// entry recording who added it (from the new article's id), written in the article's own transaction.
    /// </summary>
    public async Task<IngestResult> IngestAsync(SourceArticle source, Lexicon lexicon, string? path = null, Func<int, AuditEntry>? audit = null, CancellationToken ct = default)
    {
        try
        {
            return (await StoreBatchAsync([Prepare(source, lexicon, path ?? source.FileName) with { Audit = audit }], ct))[0];
        }
        catch (StoreException ex)
        {
            // One article from an editor: say why it was not stored, as for any other rejection.
            return new IngestResult(path ?? source.FileName, IngestOutcome.Rejected, $"{path ?? source.FileName}: could not be stored ({ex.Message})");
        }
    }

    /// <summary>
    /// Stores a batch in one transaction: a crash leaves whole articles or none, never half of one. When an article
    /// fails, the batch is rolled back and stored again one article per transaction, so the failing one is rejected
    /// alone (cheaper than a savepoint per article, which costs as much as the article's rows).
    /// </summary>
    private async Task<List<IngestResult>> StoreBatchAsync(IReadOnlyList<Prepared> batch, CancellationToken ct)
    {
        List<IngestResult>? results = new(batch.Count);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                using var writer = new ArticleWriter(db);
                foreach (var p in batch)
                    results.Add(p switch { Rejected r => r.Result, Ready ready => Store(ready, writer), _ => throw new UnreachableException() });
                writer.Stories.Flush();
                await tx.CommitAsync(ct);
            }
            catch (SqliteException ex) when (StoreException.From(db.Database.GetDbConnection().DataSource, ex) is { } storeProblem)
            {
                await tx.RollbackAsync(CancellationToken.None);
                // No stack trace: the message says all an operator needs.
                logger.LogError("Stopped ingesting at {Path}: {Problem}", batch[0].Path, storeProblem.Message);
                throw storeProblem;
            }
            catch (SqliteException ex) when (batch.Count == 1)
            {
                await tx.RollbackAsync(CancellationToken.None);
                results = [new IngestResult(batch[0].Path, IngestOutcome.Rejected, $"{batch[0].Path}: could not be stored ({ex.Message})")];
            }
            catch (SqliteException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                results = null;
            }
        }
        if (results is null)
        {
            results = [];
            foreach (var p in batch)
                results.AddRange(await StoreBatchAsync([p], ct));
            return results;
        }

        foreach (var r in results)
        {
            if (r.Outcome == IngestOutcome.Rejected)
                logger.LogWarning("Rejected {Path} ({Reason})", r.Path, r.Message);
            else if (r.Outcome == IngestOutcome.Added)
                logger.LogInformation("Ingested {Path} as article {ArticleId} with {Quotes} quotes, {Events} events, {Claims} claims",
                    r.Path, r.ArticleId, r.Quotes, r.Events, r.Claims);
        }
        return results;
    }

    private static IngestResult Store(Ready p, ArticleWriter writer)
    {
        if (writer.FindDuplicate(p.Hash, p.CanonicalUrl) is { } dup)
            return new IngestResult(p.Path, IngestOutcome.Duplicate, $"{p.Path}: already stored as article {dup}", dup);

        var (source, extraction) = (p.Source, p.Extraction);
        var article = new Article
        {
            FileName = source.FileName,
            Title = source.Title ?? source.FileName,
            Url = source.Url,
            CanonicalUrl = p.CanonicalUrl,
            Source = source.Source,
            Text = source.Text,
            ContentHash = p.Hash,
            Format = source.Format,
            Encoding = source.Encoding,
            ExtractorVersion = extraction.ExtractorVersion,
            IngestedAt = DateTimeOffset.UtcNow,
            Items = p.Items,
        };
        article.SetPublished(source.Published);
        ExtractionMapping.Apply(article, extraction);
        // Near-copies are looked up before the insert, so the article is stored in its cluster at once.
        var copies = p.Signature is { } signature ? writer.Stories.NearCopies(signature) : [];
        article.StorySignature = p.Signature is null ? [] : StorySignature.ToBytes(p.Signature);
        article.StoryId = StoryClusters.StoryOf(copies);

        writer.Write(article, extraction.VariantProposals, extraction.EntityProposals, p.ArticleShadow, p.ItemShadows);
        if (p.Signature is not null) writer.Stories.Add(article.Id, p.Signature, copies);
        if (p.Audit is { } audit) writer.Audit(audit(article.Id));
        return new IngestResult(p.Path, IngestOutcome.Added, $"{p.Path}: article {article.Id}", article.Id,
            extraction.Quotes.Count, extraction.Events.Count, extraction.Claims.Count);
    }

    /// <summary>
    /// Runs the current extractors again. Machine items are replaced; items an editor confirmed, edited, added
    /// or rejected are kept, and a new machine item that overlaps one of them of the same kind is dropped.
    /// </summary>
    public async Task<ReextractSummary> ReextractAsync(int? articleId = null, CancellationToken ct = default)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Articles.Where(a => articleId == null || a.Id == articleId).Select(a => a.Id).ToListAsync(ct);
        return await ReextractAsync(ids, null, ct);
    }

    /// <summary>
    /// Re-extracts the given articles, each in its own transaction, with the lexicon read once for the run;
    /// <paramref name="afterEach"/> hears the summary so far after every article (the admin page's progress).
    /// </summary>
    public async Task<ReextractSummary> ReextractAsync(IReadOnlyList<int> ids, Action<int, ReextractSummary>? afterEach, CancellationToken ct = default)
    {
        var byKind = new Dictionary<ItemKind, KindChange>();
        var keptCount = 0;
        var lexicon = await LoadLexiconAsync(ct);
        var done = 0;
        foreach (var id in ids)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var article = await db.Articles.Include(a => a.Items).ThenInclude(i => i.Amounts).Include(a => a.Themes).Include(a => a.Entities).Include(a => a.Figures)
                .AsSplitQuery().SingleAsync(a => a.Id == id, ct);
            var extraction = pipeline.Extract(article.Text, article.Published, lexicon);
            var kept = article.Items.Where(i => i.Status != ReviewStatus.Machine).ToList();
            var stale = article.Items.Where(i => i.Status == ReviewStatus.Machine).ToList();
            var fresh = ExtractionMapping.ToItems(extraction, article.Published)
                .Where(n => !kept.Any(k => k.Kind == n.Kind && k.Start < n.End && n.Start < k.End))
                .ToList();
            foreach (var kind in Enum.GetValues<ItemKind>())
            {
                var (was, now) = (stale.Where(i => i.Kind == kind).ToList(), fresh.Where(i => i.Kind == kind).ToList());
                var unchanged = was.Select(Signature).Intersect(now.Select(Signature)).Count();
                var sum = byKind.GetValueOrDefault(kind) ?? new KindChange(0, 0, 0);
                byKind[kind] = new KindChange(sum.Unchanged + unchanged, sum.Added + now.Count - unchanged, sum.Removed + was.Count - unchanged);
            }
            keptCount += kept.Count;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SearchIndex.RemoveItemsAsync(db, [.. stale.Select(i => i.Id)], ct);
            db.Items.RemoveRange(stale);
            foreach (var n in fresh) article.Items.Add(n);
            db.RemoveRange(ExtractionMapping.Apply(article, extraction));
            article.Version++;
            await db.SaveChangesAsync(ct);
            // The article proposes afresh what the current rules find: a name they no longer find loses its article.
            await db.Database.ExecuteSqlAsync($"DELETE FROM EntityProposalArticles WHERE ArticleId = {article.Id}", ct);
            // The replaced quotes leave their statements (which may lose their first appearance); the new ones join or start one.
            await StatementLinker.RefreshAsync(db, [.. stale.Where(i => i.StatementId is not null).Select(i => i.StatementId!.Value)], ct);
            using (var statements = new StatementLinker(db)) statements.Link(article.Id, article.PublishedStart, fresh);
            using (var proposals = new EntityProposalWriter(db)) proposals.Write(article.Id, extraction.VariantProposals, extraction.EntityProposals);
            await SearchIndex.ReindexArticleAsync(db, article, fresh, ct);
            await tx.CommitAsync(ct);
            afterEach?.Invoke(++done, new ReextractSummary(done, new Dictionary<ItemKind, KindChange>(byKind), keptCount));
        }
        return new ReextractSummary(ids.Count, byKind, keptCount);
    }

    /// <summary>What an analyst would see change in an item: where it is, what kind, who said it, when, which side.</summary>
    private static string Signature(Item i) =>
        $"{i.Kind}|{i.Start}|{i.End}|{i.SpeakerEntityId}|{i.SpeakerName}|{i.QuoteKind}|{i.EventType}|{i.DateStart}|{i.DateEnd}|{i.Stance}|{string.Join(",", i.Amounts.Select(a => a.Value))}";

    /// <summary>The files to read, in a stable order, each with the reason it cannot be read if any.</summary>
    private static IEnumerable<(string Path, string? Problem)> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileNameWithoutExtension(f);
                    if (ArticleReader.IsSupported(f) && !NotArticles.Any(n => name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                        yield return (f, null);
                }
            }
            else if (File.Exists(path))
            {
                yield return (path, ArticleReader.IsSupported(path) ? null : $"{path}: unsupported file type (use .txt, .md, .html or .htm)");
            }
            else
            {
                yield return (path, $"{path}: no such file or folder");
            }
        }
    }
}

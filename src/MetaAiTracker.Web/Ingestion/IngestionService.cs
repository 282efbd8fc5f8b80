using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

public enum IngestOutcome { Added, Duplicate, Rejected }

public sealed record IngestResult(string Path, IngestOutcome Outcome, string Message, int? ArticleId = null, int Quotes = 0, int Events = 0, int Claims = 0);

/// <summary>
/// Reads articles, runs the extractors and stores each article with all its items in one transaction,
/// so a crash leaves either the whole article or nothing. The same article twice is stored once.
/// </summary>
public sealed class IngestionService(
    IDbContextFactory<TrackerDbContext> dbFactory,
    ExtractionPipeline pipeline,
    ArticleReaderOptions readerOptions,
    ILogger<IngestionService> logger)
{
    // Files that document a folder of articles rather than being one.
    private static readonly string[] NotArticles = ["README", "LICENSE", "CHANGELOG"];

    /// <summary>Ingests files and folders (recursively); a bad file is reported and the batch goes on.</summary>
    public async Task<List<IngestResult>> IngestPathsAsync(IEnumerable<string> paths, Action<IngestResult>? progress = null, CancellationToken ct = default)
    {
        var results = new List<IngestResult>();
        Task<Lexicon>? lexicon = null;
        foreach (var (file, problem) in ExpandPaths(paths))
        {
            ct.ThrowIfCancellationRequested();
            var result = problem is null
                ? await ReadAndStoreAsync(file, () => lexicon ??= LoadLexiconAsync(ct), ct)
                : new IngestResult(file, IngestOutcome.Rejected, problem);
            if (result.Outcome == IngestOutcome.Rejected)
                logger.LogWarning("Rejected {Path} ({Reason})", file, result.Message);
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }

    private async Task<IngestResult> ReadAndStoreAsync(string file, Func<Task<Lexicon>> lexicon, CancellationToken ct)
    {
        try
        {
            var source = ArticleReader.ReadFile(file, readerOptions);
            return await IngestAsync(source, await lexicon(), file, ct);
        }
        catch (ArticleRejectedException ex)
        {
            return new IngestResult(file, IngestOutcome.Rejected, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new IngestResult(file, IngestOutcome.Rejected, $"{file}: cannot be read ({ex.Message})");
        }
    }

    public async Task<Lexicon> LoadLexiconAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TrackerDbSetup.LoadLexiconAsync(db, ct);
    }

    /// <summary>Stores one parsed article with its extractions, or reports the existing copy.</summary>
    public async Task<IngestResult> IngestAsync(SourceArticle source, Lexicon lexicon, string? path = null, CancellationToken ct = default)
    {
        path ??= source.FileName;
        var hash = ContentIdentity.Hash(source.Text);
        var canonicalUrl = ContentIdentity.CanonicalUrl(source.Url);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await FindDuplicateAsync(db, hash, canonicalUrl, ct);
        if (existing is { } dup)
            return new IngestResult(path, IngestOutcome.Duplicate, $"{path}: already stored as article {dup}", dup);

        var extraction = pipeline.Extract(source.Text, source.Published, lexicon);
        var article = new Article
        {
            FileName = source.FileName,
            Title = source.Title ?? source.FileName,
            Url = source.Url,
            CanonicalUrl = canonicalUrl,
            Source = source.Source,
            Text = source.Text,
            ContentHash = hash,
            Format = source.Format,
            Encoding = source.Encoding,
            IsRelevant = extraction.IsRelevant,
            RelevanceScore = extraction.RelevanceScore,
            Stance = extraction.Stance,
            ExtractorVersion = extraction.ExtractorVersion,
            IngestedAt = DateTimeOffset.UtcNow,
            Themes = [.. extraction.Themes.Distinct().Select(t => new ArticleTheme { ThemeKey = t })],
            Entities = ExtractionMapping.ToArticleEntities(extraction),
        };
        article.SetPublished(source.Published);
        var items = ExtractionMapping.ToItems(extraction, source.Published);
        article.Items = items;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Articles.Add(article);
            await AddProposalsAsync(db, extraction.VariantProposals, ct);
            await db.SaveChangesAsync(ct);
            await SearchIndex.IndexAsync(db, article, items, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another writer stored the same article between our check and our insert.
            await tx.RollbackAsync(CancellationToken.None);
            await using var db2 = await dbFactory.CreateDbContextAsync(ct);
            var id = await FindDuplicateAsync(db2, hash, canonicalUrl, ct);
            return new IngestResult(path, IngestOutcome.Duplicate, $"{path}: already stored as article {id}", id);
        }

        logger.LogInformation("Ingested {Path} as article {ArticleId} with {Quotes} quotes, {Events} events, {Claims} claims",
            path, article.Id, extraction.Quotes.Count, extraction.Events.Count, extraction.Claims.Count);
        return new IngestResult(path, IngestOutcome.Added, $"{path}: article {article.Id}", article.Id,
            extraction.Quotes.Count, extraction.Events.Count, extraction.Claims.Count);
    }

    /// <summary>
    /// Runs the current extractors again. Machine items are replaced; items an editor confirmed, edited, added
    /// or rejected are kept, and a new machine item that overlaps one of them of the same kind is dropped.
    /// </summary>
    public async Task<int> ReextractAsync(int? articleId = null, CancellationToken ct = default)
    {
        var lexicon = await LoadLexiconAsync(ct);
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Articles.Where(a => articleId == null || a.Id == articleId).Select(a => a.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var article = await db.Articles.Include(a => a.Items).Include(a => a.Themes).Include(a => a.Entities).SingleAsync(a => a.Id == id, ct);
            var extraction = pipeline.Extract(article.Text, article.Published, lexicon);
            var kept = article.Items.Where(i => i.Status != ReviewStatus.Machine).ToList();
            var stale = article.Items.Where(i => i.Status == ReviewStatus.Machine).ToList();
            var fresh = ExtractionMapping.ToItems(extraction, article.Published)
                .Where(n => !kept.Any(k => k.Kind == n.Kind && k.Start < n.End && n.Start < k.End))
                .ToList();

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SearchIndex.RemoveItemsAsync(db, [.. stale.Select(i => i.Id)], ct);
            db.Items.RemoveRange(stale);
            foreach (var n in fresh) article.Items.Add(n);
            db.ArticleThemes.RemoveRange(article.Themes.Where(t => !t.ByEditor));
            foreach (var t in extraction.Themes.Distinct().Where(t => !article.Themes.Any(x => x.ByEditor && x.ThemeKey == t)))
                article.Themes.Add(new ArticleTheme { ThemeKey = t });
            db.ArticleEntities.RemoveRange(article.Entities);
            article.Entities = ExtractionMapping.ToArticleEntities(extraction);
            article.Stance = extraction.Stance;
            if (!article.RelevanceByEditor)
            {
                article.IsRelevant = extraction.IsRelevant;
                article.RelevanceScore = extraction.RelevanceScore;
            }
            article.ExtractorVersion = extraction.ExtractorVersion;
            article.Version++;
            await AddProposalsAsync(db, extraction.VariantProposals, ct);
            await db.SaveChangesAsync(ct);
            await using (var cmd = db.Database.GetDbConnection().CreateCommand())
            {
                // Article row first, so IndexAsync can re-add it with the item rows.
                cmd.Transaction = tx.GetDbTransaction();
                cmd.CommandText = $"DELETE FROM ArticleSearch WHERE rowid = {article.Id}";
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await SearchIndex.IndexAsync(db, article, fresh, ct);
            await tx.CommitAsync(ct);
        }
        return ids.Count;
    }

    private static async Task<int?> FindDuplicateAsync(TrackerDbContext db, string hash, string? canonicalUrl, CancellationToken ct) =>
        await db.Articles.Where(a => a.ContentHash == hash || (canonicalUrl != null && a.CanonicalUrl == canonicalUrl))
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    private static async Task AddProposalsAsync(TrackerDbContext db, IReadOnlyList<VariantProposal> proposals, CancellationToken ct)
    {
        foreach (var p in proposals.DistinctBy(p => (p.EntityId, p.Surface)))
        {
            var known = db.Aliases.Local.Any(a => a.EntityId == p.EntityId && a.Text == p.Surface)
                || await db.Aliases.AnyAsync(a => a.EntityId == p.EntityId && a.Text == p.Surface, ct);
            if (!known) db.Aliases.Add(new EntityAlias { EntityId = p.EntityId, Text = p.Surface, Status = AliasStatus.Proposed, Note = p.Reason });
        }
    }

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

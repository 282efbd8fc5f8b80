using MetaAiTracker.Web.Components.Shared;
using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Ingestion;

namespace MetaAiTracker.Web.Editing;

/// <summary>What the editor sets or confirms about a new article; null keeps what the file or page says.</summary>
public sealed record ArticleDetails(string? Title = null, string? Source = null, string? Url = null, string? Published = null, bool PublishedEstimated = false)
{
    /// <summary>
    /// The details each of <paramref name="files"/> uploaded together gets. A title and a URL name one article (the
    /// same URL on three files made files 2 and 3 duplicates of 1), so with several files each keeps its own; an outlet
    /// and a date are what a batch from one paper shares, so they apply to every file. The form says so.
    /// </summary>
    public ArticleDetails ForEachOf(int files) => files > 1 ? this with { Title = null, Url = null } : this;

    /// <summary>Whether <see cref="ForEachOf"/> sets aside something the editor typed.</summary>
    public bool OnlyForOneFile => !string.IsNullOrWhiteSpace(Title) || !string.IsNullOrWhiteSpace(Url);
}

/// <summary>
/// Editors add articles by pasting text, uploading files or naming a URL. Each goes through the same reader and
/// extraction as `tracker ingest`: the same encodings, the same limits, the same duplicate check (a duplicate comes
/// back with the existing article's id instead of being stored twice).
/// </summary>
public sealed class ArticleIntake(IngestionService ingestion, UrlFetcher fetcher, ArticleReaderOptions readerOptions,
    TimeProvider clock, ILogger<ArticleIntake> logger, Microsoft.EntityFrameworkCore.IDbContextFactory<Data.TrackerDbContext> dbFactory)
{
    /// <summary>A stored article a new one nearly repeats, named for the editor before the new one is stored.</summary>
    public sealed record NearCopyOf(int ArticleId, string Title, string? Source, double Similarity);

    /// <summary>
    /// The stored articles <paramref name="text"/> nearly repeats (the same lookup as ingestion's story clusters),
    /// most similar first: stored anyway, the new article joins their story.
    /// </summary>
    public async Task<List<NearCopyOf>> NearCopiesAsync(ClaimsPrincipal user, string text, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "add articles", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var copies = await StoryClusters.FindAsync(db, text, ct);
        var ids = copies.Take(5).Select(c => c.ArticleId).ToList();
        var named = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            db.Articles.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.Source }), a => a.Id, ct);
        return [.. copies.Take(5).Select(c => new NearCopyOf(c.ArticleId, named[c.ArticleId].Title, named[c.ArticleId].Source, c.Similarity))];
    }

    public Task<IngestResult> PasteAsync(ClaimsPrincipal user, string text, bool html, ArticleDetails details, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "add articles", logger);
        return AddAsync(user, html ? "pasted.html" : "pasted.txt", System.Text.Encoding.UTF8.GetBytes(text ?? ""), null, details, "paste", ct);
    }

    /// <summary>
    /// What a paste would store, read as it would be but not stored: the title, outlet and publication date, and where
    /// the date was read (<see cref="SourceArticle.PublishedFrom"/>), for the editor to check before saving.
    /// </summary>
    /// <exception cref="ArticleRejectedException">The text cannot become an article; the message says why.</exception>
    /// <exception cref="ArgumentException">A detail the editor typed cannot be read; the message names it.</exception>
    public SourceArticle PreviewPaste(ClaimsPrincipal user, string text, bool html, ArticleDetails details)
    {
        Access.Require(user, TrackerRoles.Editor, "add articles", logger);
        return Override(ArticleReader.Read(html ? "pasted.html" : "pasted.txt", System.Text.Encoding.UTF8.GetBytes(text ?? ""), readerOptions), details);
    }

    public Task<IngestResult> UploadAsync(ClaimsPrincipal user, string fileName, byte[] bytes, ArticleDetails? details = null, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "add articles", logger);
        return AddAsync(user, Path.GetFileName(fileName), bytes, null, details ?? new ArticleDetails(), "upload", ct);
    }

    public async Task<IngestResult> FetchAsync(ClaimsPrincipal user, string url, ArticleDetails? details = null, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Editor, "add articles", logger);
        FetchedPage page;
        try
        {
            page = await fetcher.FetchAsync(url, readerOptions.MaxBytes, ct);
        }
        catch (FetchException ex)
        {
            return new IngestResult(url, IngestOutcome.Rejected, ex.Message) { Reason = ex.Phrase };
        }
        var name = Path.GetFileName(page.Url.AbsolutePath);
        if (name.Length == 0 || !ArticleReader.IsSupported(name)) name = page.Url.Host + (page.ContentType?.Contains("html") == true ? ".html" : ".txt");
        details = (details ?? new ArticleDetails()) with { Url = details?.Url ?? page.Url.ToString() };
        return await AddAsync(user, name, page.Bytes, page.ContentType, details, "url", ct);
    }

    private async Task<IngestResult> AddAsync(ClaimsPrincipal user, string fileName, byte[] bytes, string? contentType, ArticleDetails details, string via, CancellationToken ct)
    {
        SourceArticle source;
        try
        {
            source = ArticleReader.Read(fileName, bytes, readerOptions, contentType);
            source = Override(source, details);
        }
        catch (Exception ex) when (ex is ArticleRejectedException or ArgumentException)
        {
            logger.LogWarning("Refused an article from {Via} by {User}: {Reason}", via, TrackerRoles.NameOf(user), ex.Message);
            return new IngestResult(fileName, IngestOutcome.Rejected, ex.Message)
            {
                Reason = ex switch
                {
                    InputException i => i.Phrase,
                    ArticleRejectedException r => UserErrors.Rejection(r.Reason, r.FileName),
                    _ => null,
                },
            };
        }
        return await ingestion.IngestAsync(source, await ingestion.LoadLexiconAsync(ct), fileName,
            id => AuditLog.Entry(user, clock.GetUtcNow(), "article.add", "article", id.ToString(CultureInfo.InvariantCulture), id, null,
                new { via, source.Title, source.Source, source.Url, details.Published, source.Format, source.Encoding }), ct);
    }

    private static SourceArticle Override(SourceArticle source, ArticleDetails d)
    {
        var published = EditorInput.Date(d.Published, d.PublishedEstimated);
        return source with
        {
            Title = EditorInput.Text(d.Title, "title", EditorInput.MaxTitleLength) ?? source.Title,
            Source = EditorInput.Text(d.Source, "outlet", EditorInput.MaxTitleLength) ?? source.Source,
            Url = EditorInput.WebAddress(d.Url) ?? source.Url,
            Published = published ?? source.Published,
            PublishedFrom = published is null ? source.PublishedFrom : DateOrigin.Editor,
        };
    }
}

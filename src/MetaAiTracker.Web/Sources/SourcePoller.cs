using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Sources;

/// <summary>A phrase as stored on a source row: its key and its arguments as text, said later in the reader's language.</summary>
public sealed record StoredPhrase(string Key, string[] Args)
{
    public static StoredPhrase From(Phrase p) => new(p.Key, [.. p.Args.Select(a => a switch
    {
        Phrase inner => inner.In("en"),
        _ => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "",
    })]);

    public Phrase ToPhrase() => new(Key, [.. Args]);

    public static string? Serialize(IReadOnlyCollection<Phrase> phrases) =>
        phrases.Count == 0 ? null : JsonSerializer.Serialize(phrases.Select(From).ToList(), AuditLog.Json);

    public static List<Phrase> Read(string? json) =>
        json is null ? [] : [.. (JsonSerializer.Deserialize<List<StoredPhrase>>(json, AuditLog.Json) ?? []).Select(p => p.ToPhrase())];
}

/// <summary>What one poll of one source did: the articles it added, the copies it skipped, what it refused and why, or the error that stopped it.</summary>
public sealed record PollReport(int SourceId, string Address)
{
    /// <summary>False when another poll held the source (the background service, or `tracker sources poll` elsewhere).</summary>
    public bool Ran { get; init; } = true;
    public bool NotModified { get; init; }
    public List<IngestResult> Added { get; init; } = [];
    public int Duplicates { get; init; }
    public List<Phrase> Refusals { get; init; } = [];
    public Phrase? Error { get; init; }
    /// <summary>The feed's validators, sent back on the next poll.</summary>
    public (string? ETag, string? LastModified) Validators { get; init; }
}

/// <summary>
/// Polls watched sources. A feed is fetched through the editors' guarded <see cref="UrlFetcher"/> with its ETag and
/// Last-Modified (304: nothing new); each entry not stored yet (by canonical address) has its page fetched the same way,
/// read by <see cref="ArticleReader"/> and ingested like an editor's URL. A folder has its files changed since the last
/// good poll ingested. Every problem is kept on its own source, as a phrase, and the source backs off; the others go on.
/// </summary>
public sealed class SourcePoller(IDbContextFactory<TrackerDbContext> dbFactory, UrlFetcher fetcher, IngestionService ingestion,
    ArticleReaderOptions readerOptions, TimeProvider clock, ILogger<SourcePoller> logger)
{
    /// <summary>How long a claim holds without being renewed: a poll renews it at every entry, a crashed one frees the source after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1";

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Polls the sources whose time has come (the background service's round).</summary>
    public async Task<List<PollReport>> PollDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Sources.Where(s => s.NextPollAt <= now).OrderBy(s => s.NextPollAt).Select(s => s.Id).ToListAsync(ct);
        return await PollEachAsync(ids, ct);
    }

    /// <summary>Polls every source now, whatever its schedule (`tracker sources poll`).</summary>
    public async Task<List<PollReport>> PollAllAsync(CancellationToken ct = default)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Sources.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        return await PollEachAsync(ids, ct);
    }

    private async Task<List<PollReport>> PollEachAsync(List<int> ids, CancellationToken ct)
    {
        var reports = new List<PollReport>();
        foreach (var id in ids)
            if (await PollAsync(id, ct) is { } report) reports.Add(report);
        return reports;
    }

    /// <summary>Polls one source unless another poll holds it; null when the source is gone.</summary>
    public async Task<PollReport?> PollAsync(int id, CancellationToken ct = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        WatchedSource? source;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
            if (source is null) return null;
            if (!await ClaimAsync(db, id, started, ct)) return new PollReport(id, source.Address) { Ran = false };
        }
        PollReport report;
        try
        {
            report = source.Kind == SourceKind.Feed ? await PollFeedAsync(source, ct) : await PollFolderAsync(source, ct);
        }
        catch (Exception ex) when (ex is FetchException or FeedException or StoreException)
        {
            var phrase = ex switch
            {
                FetchException f => f.Phrase,
                FeedException f => f.Phrase,
                _ => new Phrase("source.store", ex.Message),
            };
            logger.LogWarning("Poll of source {Id} ({Address}) failed: {Reason}", id, source.Address, phrase);
            report = new PollReport(id, source.Address) { Error = phrase };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(id);
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // Anything else that goes wrong stays on this source too: the round goes on with the next one.
            logger.LogError(ex, "Poll of source {Id} ({Address}) failed", id, source.Address);
            report = new PollReport(id, source.Address) { Error = new Phrase("source.failed", ex.Message) };
        }
        await RecordAsync(source, started, report);
        return report;
    }

    private async Task<bool> ClaimAsync(TrackerDbContext db, int id, DateTime now, CancellationToken ct) =>
        await db.Sources.Where(s => s.Id == id && (s.LeaseUntil == null || s.LeaseUntil < now || s.LeaseOwner == _owner))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, _owner).SetProperty(s => s.LeaseUntil, now + Lease), ct) == 1;

    private async Task RenewAsync(int id, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Sources.Where(s => s.Id == id && s.LeaseOwner == _owner).ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, until), ct);
    }

    private async Task ReleaseAsync(int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Sources.Where(s => s.Id == id && s.LeaseOwner == _owner)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseOwner, (string?)null).SetProperty(s => s.LeaseUntil, (DateTime?)null));
    }

    private async Task<PollReport> PollFeedAsync(WatchedSource source, CancellationToken ct)
    {
        var feed = await fetcher.FetchAsync(source.Address, readerOptions.MaxBytes, new FetchConditions(source.ETag, source.LastModified), FeedAccept, ct);
        var validators = (feed.ETag, feed.LastModified);
        if (feed.NotModified) return new PollReport(source.Id, source.Address) { NotModified = true, Validators = validators };
        var (feedTitle, entries) = FeedParser.Parse(feed.Url, feed.Bytes, feed.ContentType);
        var lexicon = await ingestion.LoadLexiconAsync(ct);
        var actor = Actor(source);
        var (added, refusals, duplicates) = (new List<IngestResult>(), new List<Phrase>(), 0);
        foreach (var entry in entries.DistinctBy(e => ContentIdentity.CanonicalUrl(e.Link)))
        {
            await RenewAsync(source.Id, ct);
            // Already stored (from this feed or any other way): not fetched again.
            var canonical = ContentIdentity.CanonicalUrl(entry.Link);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (canonical is not null && await db.Articles.AnyAsync(a => a.CanonicalUrl == canonical, ct))
                {
                    duplicates++;
                    continue;
                }
            }
            FetchedPage page;
            SourceArticle article;
            try
            {
                page = await fetcher.FetchAsync(entry.Link, readerOptions.MaxBytes, ct);
                var name = Path.GetFileName(page.Url.AbsolutePath);
                if (name.Length == 0 || !ArticleReader.IsSupported(name)) name = page.Url.Host + (page.ContentType?.Contains("html") != false ? ".html" : ".txt");
                article = ArticleReader.Read(name, page.Bytes, readerOptions with { Readability = true }, page.ContentType ?? "text/html");
            }
            catch (FetchException ex)
            {
                // The fetcher names only the host it refused (a redirect's target): say which entry led there.
                refusals.Add(ex.Phrase is { Key: "fetch.private", Args: [var host, var addresses] }
                    ? new Phrase("source.entryPrivate", entry.Link, host, addresses) : ex.Phrase);
                continue;
            }
            catch (ArticleRejectedException ex)
            {
                refusals.Add(UserErrors.Rejection(ex.Reason, entry.Link));
                continue;
            }
            article = article with
            {
                Url = entry.Link,
                Title = article.Title ?? entry.Title,
                Source = article.Source ?? feedTitle,
                Published = entry.Published ?? article.Published,
                PublishedFrom = entry.Published is null ? article.PublishedFrom : DateOrigin.Metadata,
            };
            var at = clock.GetUtcNow();
            var result = await ingestion.IngestAsync(article, lexicon, entry.Link,
                id => AuditLog.Entry(actor, at, "article.add", "article", id.ToString(CultureInfo.InvariantCulture), id, null,
                    new { via = "source", sourceId = source.Id, article.Title, article.Source, article.Url, article.Format, article.Encoding }), ct);
            switch (result.Outcome)
            {
                case IngestOutcome.Added: added.Add(result); break;
                case IngestOutcome.Duplicate: duplicates++; break;
                default: refusals.Add(new Phrase("source.entryNotStored", entry.Link)); break;
            }
        }
        return new PollReport(source.Id, source.Address) { Added = added, Duplicates = duplicates, Refusals = refusals, Validators = validators };
    }

    private async Task<PollReport> PollFolderAsync(WatchedSource source, CancellationToken ct)
    {
        if (!Directory.Exists(source.Address)) throw new FeedException(new Phrase("source.noFolder", source.Address));
        // A file written during the last good poll may have been read half-written: read again whatever changed since it
        // started, with a margin, since a file's time comes from the kernel's coarse clock and can lag the poll's start
        // (a full run of the tests caught a file written just after a poll stamped before it). One read again unchanged is a duplicate.
        var since = source.LastSuccessAt - TimeSpan.FromSeconds(2);
        IEnumerable<string> paths = since is null ? [source.Address]
            : [.. Directory.EnumerateFiles(source.Address, "*", SearchOption.AllDirectories)
                .Where(f => ArticleReader.IsSupported(f) && File.GetLastWriteTimeUtc(f) >= since).Order(StringComparer.Ordinal)];
        var results = paths.Any() ? await ingestion.IngestPathsAsync(paths, ct: ct) : [];
        return new PollReport(source.Id, source.Address)
        {
            Added = [.. results.Where(r => r.Outcome == IngestOutcome.Added)],
            Duplicates = results.Count(r => r.Outcome == IngestOutcome.Duplicate),
            Refusals = [.. results.Where(r => r.Outcome == IngestOutcome.Rejected).Select(r => r.Reason ?? new Phrase("source.entryNotStored", r.Path))],
        };
    }

    private async Task RecordAsync(WatchedSource polled, DateTime started, PollReport report)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var s = await db.Sources.SingleOrDefaultAsync(x => x.Id == polled.Id);
        if (s is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        s.LastPollAt = started;
        s.LastNotModified = report.NotModified;
        s.LastAdded = report.Added.Count;
        s.LastDuplicates = report.Duplicates;
        s.LastRefusals = StoredPhrase.Serialize(report.Refusals);
        if (report.Error is { } error)
        {
            s.Failures++;
            s.LastErrorKey = error.Key;
            s.LastErrorArgs = JsonSerializer.Serialize(StoredPhrase.From(error).Args);
            s.NextPollAt = now + Backoff(s.IntervalMinutes, s.Failures);
        }
        else
        {
            (s.Failures, s.LastErrorKey, s.LastErrorArgs) = (0, null, null);
            s.LastSuccessAt = started;
            if (s.Kind == SourceKind.Feed) (s.ETag, s.LastModified) = report.Validators;
            s.NextPollAt = now + TimeSpan.FromMinutes(s.IntervalMinutes);
        }
        (s.LeaseOwner, s.LeaseUntil) = (null, null);
        await db.SaveChangesAsync();
    }

    /// <summary>The wait after the n-th failure in a row: the interval doubled each time, at most a day (or the interval, if longer).</summary>
    public static TimeSpan Backoff(int intervalMinutes, int failures)
    {
        var cap = Math.Max(MaxBackoff.TotalMinutes, intervalMinutes);
        return TimeSpan.FromMinutes(Math.Min(cap, intervalMinutes * Math.Pow(2, Math.Min(failures, 30))));
    }

    /// <summary>The error a source's last poll ended with, as a phrase to say in the reader's language.</summary>
    public static Phrase? LastError(WatchedSource s) =>
        s.LastErrorKey is null ? null : new Phrase(s.LastErrorKey, [.. JsonSerializer.Deserialize<string[]>(s.LastErrorArgs ?? "[]") ?? []]);

    private static ClaimsPrincipal Actor(WatchedSource s) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "source:" + s.Id.ToString(CultureInfo.InvariantCulture))], "source"));
}

using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>Where a re-extraction started from the admin page stands: how far, and what changed so far.</summary>
public sealed record ReextractionProgress(
    string Reason, int Total, int Done, int Added, int Removed, int Unchanged, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error)
{
    public bool Running => FinishedAt is null;
}

/// <summary>
/// Re-extraction in the background after an admin changed aliases or themes, one at a time for the process, so the
/// page shows its progress instead of telling the admin to run <c>tracker reextract</c> in a shell. Each article is
/// its own transaction (<see cref="IngestionService.ReextractAsync"/>), so stopping half-way leaves whole articles.
/// </summary>
public sealed class ReextractionJobs(IngestionService ingestion, IDbContextFactory<TrackerDbContext> dbFactory, TimeProvider clock,
    ILogger<ReextractionJobs> logger) : IDisposable
{
    private readonly Lock _gate = new();
    // Cancelled when the container is disposed (the server stopping): the run stops between two articles.
    private readonly CancellationTokenSource _stopping = new();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private ReextractionProgress? _current;

    public ReextractionProgress? Current { get { lock (_gate) return _current; } }

    /// <summary>Starts re-extracting <paramref name="articleIds"/>; false when another run is still going. Audited.</summary>
    public async Task<bool> StartAsync(ClaimsPrincipal user, string reason, IReadOnlyList<int> articleIds, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "re-extract articles", logger);
        lock (_gate)
        {
            if (_current is { Running: true }) return false;
            _current = new ReextractionProgress(reason, articleIds.Count, 0, 0, 0, 0, clock.GetUtcNow(), null, null);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            AuditLog.Add(db, user, clock.GetUtcNow(), "reextract.start", "store", "articles", null, null, new { reason, articles = articleIds.Count });
            await db.SaveChangesAsync(ct);
        }
        _ = Task.Run(() => RunAsync(articleIds, _stopping.Token), CancellationToken.None);
        return true;
    }

    private async Task RunAsync(IReadOnlyList<int> ids, CancellationToken stopping)
    {
        try
        {
            // One run, so the lexicon is read once rather than once per article.
            await ingestion.ReextractAsync(ids, (done, s) =>
            {
                lock (_gate) _current = _current! with { Done = done, Added = s.Added, Removed = s.Removed, Unchanged = s.Unchanged };
            }, stopping);
            lock (_gate) _current = _current! with { FinishedAt = clock.GetUtcNow() };
            logger.LogInformation("Re-extracted {Articles} articles ({Reason})", ids.Count, _current.Reason);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Re-extraction stopped after {Done} of {Total} articles", _current?.Done, ids.Count);
            lock (_gate) _current = _current! with { FinishedAt = clock.GetUtcNow(), Error = ex is OperationCanceledException ? "the server is stopping" : ex.Message };
        }
    }
}

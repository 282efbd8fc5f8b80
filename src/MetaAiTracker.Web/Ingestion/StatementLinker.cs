using System.Data.Common;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>
/// Links each new quote to the statement it repeats (<see cref="StatementMatcher"/>), or starts one, inside the
/// caller's transaction: ingestion's batch, re-extraction's article, an editor's change, start-up's pass over unlinked quotes. A quote is
/// compared with its speaker's statements only (one index seek on <c>Statements.SpeakerEntityId</c>), each by its
/// first appearance's words, read once per speaker for the linker's life (one batch). A quote from an article
/// published earlier than a statement's first appearance becomes its first appearance. A statement an editor split
/// off (<see cref="Statement.SplitByEditor"/>) is no candidate.
/// </summary>
public sealed class StatementLinker : IDisposable
{
    private sealed record Candidate(int StatementId, int FirstArticleId, string? FirstPublished, StatementKey Key);

    private readonly StatementMatcher matcher = new();

    // Every batch reads its speakers' statements again (a rolled-back batch must leave nothing behind), but their
    // words do not change: keys by text are kept (bounded, shared), which took most of the linker's time.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StatementKey> Keys = new(StringComparer.Ordinal);
    private const int KeyCacheLimit = 50_000;

    private static StatementKey KeyOf(string text)
    {
        if (Keys.TryGetValue(text, out var key)) return key;
        key = StatementMatcher.Key(text);
        if (Keys.Count < KeyCacheLimit) Keys.TryAdd(text, key);
        return key;
    }
    private readonly Dictionary<string, List<Candidate>> bySpeaker = new(StringComparer.Ordinal);
    private readonly DbCommand load, insert, setItem, setFirst;

    public StatementLinker(TrackerDbContext db)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("StatementLinker writes inside a transaction");
        DbCommand Command(string sql, params string[] parameters) => SearchIndex.Command(db, sql, parameters);
        load = Command("""
            SELECT s.Id, i.ArticleId, a.PublishedStart, i.Text FROM Statements s
            JOIN Items i ON i.Id = s.FirstItemId JOIN Articles a ON a.Id = i.ArticleId
            WHERE s.SpeakerEntityId = $speaker AND NOT s.SplitByEditor
            """, "$speaker");
        insert = Command("INSERT INTO Statements (SpeakerEntityId, FirstItemId, SplitByEditor) VALUES ($speaker, $item, 0) RETURNING Id", "$speaker", "$item");
        setItem = Command("UPDATE Items SET StatementId = $statement WHERE Id = $item", "$statement", "$item");
        setFirst = Command("UPDATE Statements SET FirstItemId = $item WHERE Id = $statement", "$item", "$statement");
    }

    /// <summary>Links the article's quotes that have a resolved speaker; the items must already have their ids.</summary>
    public void Link(int articleId, DateOnly? published, IEnumerable<Item> items)
    {
        var date = published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var item in items)
        {
            if (item.Kind != ItemKind.Quote || item.SpeakerEntityId is not { } speaker || item.Status == ReviewStatus.Rejected) continue;
            var key = KeyOf(item.Text);
            var candidates = Candidates(speaker);
            var best = -1;
            var bestScore = 0.0;
            for (var k = 0; k < candidates.Count; k++)
            {
                var score = StatementMatcher.Similarity(key, candidates[k].Key);
                if (score >= matcher.Threshold && score > bestScore) (best, bestScore) = (k, score);
            }
            if (best < 0)
            {
                insert.Parameters[0].Value = speaker;
                insert.Parameters[1].Value = item.Id;
                var id = Convert.ToInt32(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                candidates.Add(new Candidate(id, articleId, date, key));
                Set(setItem, id, item.Id);
                item.StatementId = id;
                continue;
            }
            var c = candidates[best];
            Set(setItem, c.StatementId, item.Id);
            item.StatementId = c.StatementId;
            if (Earlier(date, articleId, c.FirstPublished, c.FirstArticleId))
            {
                Set(setFirst, item.Id, c.StatementId);
                candidates[best] = new Candidate(c.StatementId, articleId, date, key);
            }
        }
    }

    /// <summary>
    /// The order of appearances: by publication date, an undated article after every dated one, then by article id
    /// (the one stored first). Dates compare as the store writes them, yyyy-MM-dd.
    /// </summary>
    private static bool Earlier(string? date, int articleId, string? thanDate, int thanArticle) =>
        (date, thanDate) switch
        {
            (null, null) => articleId < thanArticle,
            (null, _) => false,
            (_, null) => true,
            _ => string.CompareOrdinal(date, thanDate) is var d && (d < 0 || d == 0 && articleId < thanArticle),
        };

    private List<Candidate> Candidates(string speaker)
    {
        if (bySpeaker.TryGetValue(speaker, out var list)) return list;
        list = [];
        load.Parameters[0].Value = speaker;
        using (var r = load.ExecuteReader())
            while (r.Read())
                list.Add(new Candidate(r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), KeyOf(r.GetString(3))));
        bySpeaker[speaker] = list;
        return list;
    }

    private static void Set(DbCommand command, int a, int b)
    {
        command.Parameters[0].Value = a;
        command.Parameters[1].Value = b;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// After quotes left statements (re-extraction replaced them, an editor split one off): each statement's first
    /// appearance is its earliest remaining quote, and a statement with none left is deleted.
    /// </summary>
    public static async Task RefreshAsync(TrackerDbContext db, IReadOnlyCollection<int> statementIds, CancellationToken ct = default)
    {
        if (statementIds.Count == 0) return;
        var ids = string.Join(",", statementIds.Distinct());
        // The ids are integers from the store, never user text.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"""
            DELETE FROM Statements WHERE Id IN ({ids}) AND NOT EXISTS (SELECT 1 FROM Items WHERE StatementId = Statements.Id);
            UPDATE Statements SET FirstItemId = (
                SELECT i.Id FROM Items i JOIN Articles a ON a.Id = i.ArticleId WHERE i.StatementId = Statements.Id
                ORDER BY a.PublishedStart IS NULL, a.PublishedStart, i.ArticleId, i.Id LIMIT 1)
            WHERE Id IN ({ids});
            """, ct);
#pragma warning restore EF1002
    }

    /// <summary>
    /// After an editor added a quote, or changed one's speaker, words, kind or whether it is rejected (saved already, in
    /// the caller's transaction): it leaves the statement it was in, which gets its first appearance again or goes when
    /// empty, and is linked as a new quote is. A rejected quote is then in no statement, as the person page and the
    /// export count it nowhere; confirmed again, it rejoins. A quote an editor split off keeps its own statement while
    /// its speaker stays: relinking its corrected span would quietly undo "not the same statement".
    /// </summary>
    public static async Task RelinkAsync(TrackerDbContext db, Item item, CancellationToken ct = default)
    {
        var linkable = item.Kind == ItemKind.Quote && item.SpeakerEntityId is not null && item.Status != ReviewStatus.Rejected;
        if (item.StatementId is { } old)
        {
            var split = await db.Statements.AsNoTracking().Where(s => s.Id == old).Select(s => new { s.SplitByEditor, s.SpeakerEntityId }).SingleOrDefaultAsync(ct);
            if (linkable && split is { SplitByEditor: true } && split.SpeakerEntityId == item.SpeakerEntityId) return;
            await db.Database.ExecuteSqlAsync($"UPDATE Items SET StatementId = NULL WHERE Id = {item.Id}", ct);
            item.StatementId = null;
            await RefreshAsync(db, [old], ct);
        }
        if (!linkable) return;
        using var linker = new StatementLinker(db);
        linker.Link(item.ArticleId, item.Article!.PublishedStart, [item]);
    }

    /// <summary>
    /// Links the quotes with a speaker and no statement: a store from before statements existed (run at start-up,
    /// after migrating). Oldest article first, so first appearances come out first.
    /// Nothing to do is one index seek.
    /// </summary>
    public static async Task<int> LinkUnlinkedAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var unlinked = await db.Items.AsNoTracking()
            .Where(i => i.StatementId == null && i.Kind == ItemKind.Quote && i.SpeakerEntityId != null && i.Status != ReviewStatus.Rejected)
            .Select(i => new { Item = i, i.Article!.PublishedStart })
            .ToListAsync(ct);
        if (unlinked.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        using (var linker = new StatementLinker(db))
            foreach (var u in unlinked.OrderBy(u => u.PublishedStart is null).ThenBy(u => u.PublishedStart).ThenBy(u => u.Item.ArticleId).ThenBy(u => u.Item.Id))
                linker.Link(u.Item.ArticleId, u.PublishedStart, [u.Item]);
        await tx.CommitAsync(ct);
        return unlinked.Count;
    }

    public void Dispose()
    {
        foreach (var c in new[] { load, insert, setItem, setFirst }) c.Dispose();
    }
}

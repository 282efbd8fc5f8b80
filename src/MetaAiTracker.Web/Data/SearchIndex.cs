using System.Data.Common;
using MetaAiTracker.Core.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Data;

public enum SearchOrder { Newest, Relevance }

/// <summary>
/// Full-text search through two contentless FTS5 tables whose rowids are Article.Id and Item.Id. They index a
/// normalized, stemmed shadow of the text (<see cref="SearchText"/>) because FTS5's own tokenizer splits Arabic words
/// at diacritics and folds nothing; matched words are highlighted in the original text in C#.
/// </summary>
public static class SearchIndex
{
    public static string ArticleShadow(string title, string text) => SearchText.ToShadow(title + "\n" + text);

    public static string ItemShadow(Item item) => SearchText.ToShadow(item.Text + " " + item.SpeakerName + " " + item.Summary);

    /// <summary>Indexes an article and its items (shadow texts computed beforehand, off the writer), inside the caller's transaction.</summary>
    public static void Index(TrackerDbContext db, int articleId, string articleShadow, IEnumerable<(int Id, string Shadow)> items)
    {
        var conn = db.Database.GetDbConnection();
        using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "INSERT INTO ArticleSearch(rowid, body) VALUES ($id, $body)";
        var id = Parameter(cmd, "$id");
        var body = Parameter(cmd, "$body");
        id.Value = articleId;
        body.Value = articleShadow;
        cmd.ExecuteNonQuery();

        cmd.CommandText = "INSERT INTO ItemSearch(rowid, body) VALUES ($id, $body)";
        foreach (var (itemId, shadow) in items)
        {
            id.Value = itemId;
            body.Value = shadow;
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Indexes an article again after re-extraction, with its new items (inside the caller's transaction); items kept
    /// from before stay indexed as they were, and the items that went are removed by <see cref="RemoveItemsAsync"/>.
    /// </summary>
    public static async Task ReindexArticleAsync(TrackerDbContext db, Article article, IEnumerable<Item> newItems, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM ArticleSearch WHERE rowid = {article.Id}", ct);
        Index(db, article.Id, ArticleShadow(article.Title, article.Text), newItems.Select(i => (i.Id, ItemShadow(i))));
    }

    /// <summary>Fills an empty index from the store (after a migration rebuilt the search tables).</summary>
    public static async Task<int> RebuildIfEmptyAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        if (await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ArticleSearch").SingleAsync(ct) > 0) return 0;
        var ids = await db.Articles.Select(a => a.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Title, a.Text }).SingleAsync(ct);
            var items = await db.Items.AsNoTracking().Where(i => i.ArticleId == id).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            Index(db, id, ArticleShadow(article.Title, article.Text), items.Select(i => (i.Id, ItemShadow(i))));
            await tx.CommitAsync(ct);
        }
        return ids.Count;
    }

    /// <summary>Indexes an item again after an editor changed it (inside the caller's transaction).</summary>
    public static async Task ReindexItemAsync(TrackerDbContext db, Item item, CancellationToken ct = default)
    {
        await RemoveItemsAsync(db, [item.Id], ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO ItemSearch(rowid, body) VALUES ({item.Id}, {ItemShadow(item)})", ct);
    }

    public static async Task RemoveItemsAsync(TrackerDbContext db, IReadOnlyCollection<int> itemIds, CancellationToken ct = default)
    {
        if (itemIds.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "DELETE FROM ItemSearch WHERE rowid = $id";
        var id = Parameter(cmd, "$id");
        foreach (var i in itemIds)
        {
            id.Value = i;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Ids of articles matching <paramref name="query"/>, newest first or by bm25 relevance (among the newest
    /// <see cref="RankedHits"/> hits). Empty for a query with no word.
    /// </summary>
    public static Task<List<int>> SearchArticlesAsync(TrackerDbContext db, string? query, SearchOrder order, int limit, CancellationToken ct = default) =>
        SearchAsync(db, "ArticleSearch", query, order, limit, ct);

    public static Task<List<int>> SearchItemsAsync(TrackerDbContext db, string? query, SearchOrder order, int limit, CancellationToken ct = default) =>
        SearchAsync(db, "ItemSearch", query, order, limit, ct);

    /// <summary>
    /// Ids of the items matching an FTS5 MATCH expression (<see cref="SearchText.ToMatchQuery"/>), as a subquery that EF
    /// composes into the caller's query: no id list crosses into memory, however many items match.
    /// </summary>
    public static IQueryable<int> MatchingItemIds(TrackerDbContext db, string match) =>
        db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ItemSearch WHERE ItemSearch MATCH {match}");

    /// <summary>
    /// Whether a page in date order finds its rows sooner by walking the timeline index and asking FTS5 about each row
    /// it passes (about 50 × items ÷ hits rows) than by reading every hit, looking each up and sorting (in proportion to
    /// the hits). A row walked and probed costs about <see cref="ProbeCostInHits"/> hits read (at 100,000 items the two
    /// plans break even near 8,000 hits), so the walk wins once hits² ≥ that × 50 × items. Counting stops there, so a
    /// common word is never counted through; both reads take well under a millisecond.
    /// </summary>
    public static bool IsCommonInItems(TrackerDbContext db, string match)
    {
        var items = db.Items.Max(i => (int?)i.Id) ?? 0;
        var enough = (int)Math.Ceiling(Math.Sqrt(ProbeCostInHits * 50 * items));
        return enough <= items && db.Database.SqlQuery<int>(
            $"SELECT count(*) AS Value FROM (SELECT 1 FROM ItemSearch WHERE ItemSearch MATCH {match} LIMIT {enough})").Single() >= enough;
    }

    private const double ProbeCostInHits = 12;

    /// <summary>
    /// Merges the item index into one segment, which a per-row probe (<see cref="IsCommonInItems"/>) then seeks once: the
    /// 20 segments that ingesting 5,883 articles left made a probe cost about 80 µs, one segment 4 µs. Merging 104,630
    /// items took 1.1 s; an index already in one segment is left as it is (1 ms). The article index is not merged: it is
    /// never probed per row, and bm25 over 100,000 articles ranked no measurably faster in one segment.
    /// </summary>
    public static Task OptimizeAsync(TrackerDbContext db, CancellationToken ct = default) =>
        db.Database.ExecuteSqlRawAsync("INSERT INTO ItemSearch(ItemSearch) VALUES('optimize');", ct);

    /// <summary>How many articles and items match, for the result counts.</summary>
    public static async Task<(int Articles, int Items)> CountAsync(TrackerDbContext db, string? query, CancellationToken ct = default)
    {
        var match = SearchText.ToMatchQuery(query);
        if (match is null) return (0, 0);
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM ArticleSearch WHERE ArticleSearch MATCH $q), (SELECT COUNT(*) FROM ItemSearch WHERE ItemSearch MATCH $q)";
        Parameter(cmd, "$q").Value = match;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// The most hits a relevance search scores: the newest this many. bm25 costs about 0.6 µs per hit and word, so a word
    /// in nearly every one of 100,000 articles took 60–130 ms to rank, and a word that common ranks little of use. A
    /// query with fewer hits is ranked over all of them, exactly; beyond, the page says that only the newest were ranked.
    /// The scores keep the whole index's statistics (FTS5 counts each word's documents itself), so they are the same.
    /// </summary>
    public const int RankedHits = 20_000;

    private static async Task<List<int>> SearchAsync(TrackerDbContext db, string table, string? query, SearchOrder order, int limit, CancellationToken ct, int ranked = RankedHits)
    {
        var match = SearchText.ToMatchQuery(query);
        if (match is null) return [];
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        // rowid follows ingestion order, so rowid DESC is the cheap newest-first order (arabic-notes §3.4), and the
        // inner LIMIT stops FTS5 after the newest `ranked` hits, each scored as it is read. Equal scores (the same text
        // indexed twice) come newest first, so a page never depends on a sort's whim.
        cmd.CommandText = order == SearchOrder.Relevance
            ? $"SELECT rowid FROM (SELECT rowid, bm25({table}) AS score FROM {table} WHERE {table} MATCH $q ORDER BY rowid DESC LIMIT $ranked) ORDER BY score, rowid DESC LIMIT $n"
            : $"SELECT rowid FROM {table} WHERE {table} MATCH $q ORDER BY rowid DESC LIMIT $n";
        Parameter(cmd, "$q").Value = match;
        Parameter(cmd, "$n").Value = limit;
        if (order == SearchOrder.Relevance) Parameter(cmd, "$ranked").Value = ranked;
        var ids = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    /// <summary>A relevance search over only the newest <paramref name="ranked"/> hits, for tests of the bound.</summary>
    internal static Task<List<int>> SearchArticlesAsync(TrackerDbContext db, string? query, int limit, int ranked) =>
        SearchAsync(db, "ArticleSearch", query, SearchOrder.Relevance, limit, default, ranked);

    /// <summary>A command on the context's connection, inside its current transaction, with the named parameters added.</summary>
    public static DbCommand Command(TrackerDbContext db, string sql, params string[] parameters)
    {
        var c = db.Database.GetDbConnection().CreateCommand();
        c.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        c.CommandText = sql;
        foreach (var p in parameters) Parameter(c, p);
        return c;
    }

    public static DbParameter Parameter(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }
}

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
    public const string CreateSql = """
        CREATE VIRTUAL TABLE IF NOT EXISTS ArticleSearch USING fts5(body, content='', contentless_delete=1);
        CREATE VIRTUAL TABLE IF NOT EXISTS ItemSearch USING fts5(body, content='', contentless_delete=1);
        """;

    public const string DropSql = "DROP TABLE IF EXISTS ArticleSearch; DROP TABLE IF EXISTS ItemSearch;";

    public static string ArticleShadow(string title, string text) => SearchText.ToShadow(title + "\n" + text);

    public static string ItemShadow(Item item) => SearchText.ToShadow(item.Text + " " + item.SpeakerName + " " + item.Summary);

    /// <summary>Indexes an article and its items (shadow texts computed beforehand, off the writer), inside the caller's transaction.</summary>
    public static async Task IndexAsync(TrackerDbContext db, int articleId, string articleShadow, IEnumerable<(int Id, string Shadow)> items, CancellationToken ct = default)
    {
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "INSERT INTO ArticleSearch(rowid, body) VALUES ($id, $body)";
        var id = Add(cmd, "$id");
        var body = Add(cmd, "$body");
        id.Value = articleId;
        body.Value = articleShadow;
        await cmd.ExecuteNonQueryAsync(ct);

        cmd.CommandText = "INSERT INTO ItemSearch(rowid, body) VALUES ($id, $body)";
        foreach (var (itemId, shadow) in items)
        {
            id.Value = itemId;
            body.Value = shadow;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task RemoveItemsAsync(TrackerDbContext db, IReadOnlyCollection<int> itemIds, CancellationToken ct = default)
    {
        if (itemIds.Count == 0) return;
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "DELETE FROM ItemSearch WHERE rowid = $id";
        var id = Add(cmd, "$id");
        foreach (var i in itemIds)
        {
            id.Value = i;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Ids of articles matching <paramref name="query"/>, newest first or by bm25 relevance. Empty for a query with no word.</summary>
    public static Task<List<int>> SearchArticlesAsync(TrackerDbContext db, string? query, SearchOrder order, int limit, CancellationToken ct = default) =>
        SearchAsync(db, "ArticleSearch", query, order, limit, ct);

    public static Task<List<int>> SearchItemsAsync(TrackerDbContext db, string? query, SearchOrder order, int limit, CancellationToken ct = default) =>
        SearchAsync(db, "ItemSearch", query, order, limit, ct);

    private static async Task<List<int>> SearchAsync(TrackerDbContext db, string table, string? query, SearchOrder order, int limit, CancellationToken ct)
    {
        var match = SearchText.ToMatchQuery(query);
        if (match is null) return [];
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        // rowid follows ingestion order, so rowid DESC is the cheap newest-first order (arabic-notes §3.4).
        cmd.CommandText = $"SELECT rowid FROM {table} WHERE {table} MATCH $q ORDER BY {(order == SearchOrder.Relevance ? "rank" : "rowid DESC")} LIMIT $n";
        Add(cmd, "$q").Value = match;
        Add(cmd, "$n").Value = limit;
        var ids = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    private static DbParameter Add(DbCommand cmd, string name)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        cmd.Parameters.Add(p);
        return p;
    }
}

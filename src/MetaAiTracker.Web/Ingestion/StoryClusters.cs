using System.Data.Common;
using System.Globalization;
using System.Text;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>A stored article that a text nearly repeats, with its story cluster (its own id when it has none yet).</summary>
public sealed record NearCopy(int ArticleId, int StoryId, double Similarity);

/// <summary>
/// Story clusters: finds the stored articles a text nearly repeats (LSH band keys of its <see cref="StorySignature"/>
/// looked up in <c>ArticleBands</c>, each candidate verified by the estimated Jaccard similarity of the signatures
/// stored on the article), and joins a new article to their cluster, whose origin is its earliest publication.
/// Prepared commands inside the caller's transaction, like <see cref="ArticleWriter"/>, which owns one.
/// </summary>
public sealed class StoryClusters : IDisposable
{
    private const int MaxPerBand = 50, MaxCandidates = 32;
    private readonly DbCommand candidates;
    private readonly DbCommand bands;
    private readonly DbCommand setStory;
    private readonly DbCommand origin;
    private readonly DbCommand setSignature;
    private readonly DbCommand storyOf;
    // The batch's band rows, written by Flush in key order just before its commit: 40 random keys an article written
    // one article at a time touched a different page of the table for nearly every row. Until then the batch's own
    // articles are candidates from here, by the same rule (a shared band key).
    private readonly List<(int ArticleId, uint[] Signature, long[] Keys)> pending = [];

    public StoryClusters(TrackerDbContext db)
    {
        DbCommand Command(string sql, params string[] parameters) => SearchIndex.Command(db, sql, parameters);
        // One statement: an index seek per band, then the candidates' signatures, so a lookup is one round trip. Its
        // work is bounded whatever the store holds: a band key shared by many articles (stock phrases, or a story
        // copied fifty times) gives its first MaxPerBand, and only the MaxCandidates articles sharing the most bands
        // are verified.
        candidates = Command(
            "SELECT c.ArticleId, a.StorySignature, COALESCE(a.StoryId, a.Id) FROM (SELECT ArticleId FROM ("
            + string.Join("\nUNION ALL ", Enumerable.Range(0, StorySignature.Bands).Select(b =>
                $"SELECT ArticleId FROM (SELECT ArticleId FROM ArticleBands WHERE Key = $k{b} LIMIT {MaxPerBand})"))
            + $") GROUP BY ArticleId ORDER BY COUNT(*) DESC, ArticleId LIMIT {MaxCandidates}) c JOIN Articles a ON a.Id = c.ArticleId",
            [.. Enumerable.Range(0, StorySignature.Bands).Select(b => "$k" + b)]);
        bands = Command("INSERT INTO ArticleBands (Key, ArticleId) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($rows)", "$rows");
        storyOf = Command("SELECT COALESCE(StoryId, Id) FROM Articles WHERE Id = $id", "$id");
        setStory = Command("UPDATE Articles SET StoryId = $to WHERE Id = $from OR StoryId = $from", "$to", "$from");
        origin = Command("""
            UPDATE Articles SET IsOrigin = (Id = (SELECT Id FROM Articles WHERE StoryId = $s ORDER BY PublishedStart IS NULL, PublishedStart, Id LIMIT 1))
            WHERE StoryId = $s
            """, "$s");
        setSignature = Command("UPDATE Articles SET StorySignature = $sig WHERE Id = $id", "$sig", "$id");
    }

    /// <summary>The stored articles <paramref name="signature"/> nearly repeats, most similar first.</summary>
    public List<NearCopy> NearCopies(uint[] signature, int? except = null)
    {
        var keys = StorySignature.BandKeys(signature);
        for (var b = 0; b < keys.Length; b++) candidates.Parameters[b].Value = keys[b];
        var found = new List<NearCopy>();
        using (var r = candidates.ExecuteReader())
            while (r.Read())
            {
                var id = r.GetInt32(0);
                if (id == except || r.IsDBNull(1)) continue;
                var stored = r.GetFieldValue<byte[]>(1);
                if (stored.Length != StorySignature.Length * 4) continue;
                var similarity = StorySignature.Similarity(signature, StorySignature.FromBytes(stored));
                if (similarity >= StorySignature.Threshold) found.Add(new NearCopy(id, r.GetInt32(2), similarity));
            }
        foreach (var (id, stored, storedKeys) in pending)
        {
            if (id == except || !storedKeys.Intersect(keys).Any()) continue;
            var similarity = StorySignature.Similarity(signature, stored);
            if (similarity < StorySignature.Threshold) continue;
            // Read now, not remembered: a later article of the batch may have merged its cluster into another.
            storyOf.Parameters[0].Value = id;
            found.Add(new NearCopy(id, Convert.ToInt32(storyOf.ExecuteScalar(), CultureInfo.InvariantCulture), similarity));
        }
        return [.. found.OrderByDescending(f => f.Similarity).ThenBy(f => f.ArticleId)];
    }

    /// <summary>Drops an article's band keys (found by its signature: the table has no index on ArticleId), so no later arrival is matched to it.</summary>
    public static Task RemoveAsync(TrackerDbContext db, int articleId, byte[]? signature, CancellationToken ct = default)
    {
        if (signature is not { Length: StorySignature.Length * 4 }) return Task.CompletedTask;
        var keys = StorySignature.BandKeys(StorySignature.FromBytes(signature));
        return db.ArticleBands.Where(b => b.ArticleId == articleId && keys.Contains(b.Key)).ExecuteDeleteAsync(ct);
    }

    /// <summary>The cluster a new article joins: the oldest among those it repeats (clusters it bridges are merged into it).</summary>
    public static int? StoryOf(List<NearCopy> copies) => copies.Count == 0 ? null : copies.Min(c => c.StoryId);

    /// <summary>
    /// Records a stored article's band keys and joins it to the clusters of <paramref name="copies"/> (the article's
    /// StoryId is already <see cref="StoryOf"/> them), then recomputes the cluster's origin.
    /// </summary>
    public void Add(int articleId, uint[] signature, List<NearCopy> copies)
    {
        pending.Add((articleId, signature, StorySignature.BandKeys(signature)));
        if (StoryOf(copies) is not { } story) return;
        setStory.Parameters[0].Value = story;
        foreach (var from in copies.Select(c => c.StoryId).Distinct())
        {
            setStory.Parameters[1].Value = from;
            setStory.ExecuteNonQuery();
        }
        RecomputeOrigin(story);
    }

    /// <summary>Writes the band rows of the articles added since the last flush; the caller's commit must follow it.</summary>
    public void Flush()
    {
        if (pending.Count == 0) return;
        var rows = new StringBuilder("[");
        foreach (var (key, id) in pending.SelectMany(p => p.Keys.Select(k => (k, p.ArticleId))).Order())
            rows.Append(CultureInfo.InvariantCulture, $"[{key},{id}],");
        rows[^1] = ']';
        bands.Parameters[0].Value = rows.ToString();
        bands.ExecuteNonQuery();
        pending.Clear();
    }

    /// <summary>Marks the earliest publication of the cluster as its origin (ties: the first stored), the others not.</summary>
    public void RecomputeOrigin(int story)
    {
        origin.Parameters[0].Value = story;
        origin.ExecuteNonQuery();
    }

    /// <summary>
    /// Gives the articles stored before clustering existed (no signature yet) their signature, bands and cluster, in
    /// batches of one transaction each. Runs at start-up; a store clustered already costs one indexed read.
    /// </summary>
    public static async Task<int> BackfillAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking().Where(a => a.StorySignature == null).OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.Text }).Take(256).ToListAsync(ct);
            if (batch.Count == 0) return done;
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            using (var clusters = new StoryClusters(db))
            {
                foreach (var a in batch)
                {
                    var signature = StorySignature.Compute(a.Text);
                    clusters.setSignature.Parameters[0].Value = signature is null ? [] : StorySignature.ToBytes(signature);
                    clusters.setSignature.Parameters[1].Value = a.Id;
                    clusters.setSignature.ExecuteNonQuery();
                    if (signature is null) continue;
                    var copies = clusters.NearCopies(signature, except: a.Id);
                    if (StoryOf(copies) is { } story)
                    {
                        clusters.setStory.Parameters[0].Value = story;
                        clusters.setStory.Parameters[1].Value = a.Id;
                        clusters.setStory.ExecuteNonQuery();
                    }
                    clusters.Add(a.Id, signature, copies);
                }
                clusters.Flush();
            }
            await tx.CommitAsync(ct);
            done += batch.Count;
        }
    }

    /// <summary>The stored articles a text nearly repeats (for the warning before an editor stores it), read outside any transaction.</summary>
    public static async Task<List<NearCopy>> FindAsync(TrackerDbContext db, string text, CancellationToken ct = default)
    {
        if (StorySignature.Compute(text) is not { } signature) return [];
        await db.Database.OpenConnectionAsync(ct);
        using var clusters = new StoryClusters(db);
        return clusters.NearCopies(signature);
    }

    public void Dispose()
    {
        foreach (var c in new[] { candidates, bands, setStory, origin, setSignature, storyOf }) c.Dispose();
    }
}

using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Components.Pages.People;

/// <summary>
/// One article a statement appeared in: the quote there (with its version, for an editor who splits it off), and where
/// and when that article was published.
/// </summary>
public sealed record Appearance(int ItemId, int ArticleId, string Title, string? Source, DateOnly? Published, DateGranularity? Granularity, bool Estimated, int Version);

/// <summary>A statement as the person page shows it: the card of its first appearance, and every appearance, the first first.</summary>
public sealed record StatementView(TimelineRow Row, IReadOnlyList<Appearance> Appearances);

public static class PersonStatements
{
    /// <summary>
    /// Folds a speaker's quotes into statements, each once, at its first appearance's place among <paramref name="rows"/>;
    /// a quote of no statement stands alone. Appearances leave out rejected quotes and are ordered as the linker orders
    /// first appearances (publication date, an undated article last, then article id).
    /// </summary>
    public static async Task<List<StatementView>> FoldAsync(TrackerDbContext db, List<TimelineRow> rows, CancellationToken ct = default)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var statementOf = await db.Items.Where(i => ids.Contains(i.Id) && i.StatementId != null)
            .Select(i => new { i.Id, Statement = i.StatementId!.Value }).ToDictionaryAsync(i => i.Id, i => i.Statement, ct);
        var statements = statementOf.Values.Distinct().ToList();
        var appearances = (await db.Items.Where(i => i.StatementId != null && statements.Contains(i.StatementId.Value) && i.Status != ReviewStatus.Rejected)
                .Select(i => new
                {
                    Statement = i.StatementId!.Value,
                    Appearance = new Appearance(i.Id, i.ArticleId, i.Article!.Title, i.Article.Source, i.Article.PublishedStart, i.Article.PublishedGranularity, i.Article.PublishedEstimated, i.Version),
                })
                .ToListAsync(ct))
            .OrderBy(a => a.Appearance.Published is null).ThenBy(a => a.Appearance.Published).ThenBy(a => a.Appearance.ArticleId).ThenBy(a => a.Appearance.ItemId)
            .GroupBy(a => a.Statement)
            // One article quoting the words twice (headline and body) is one appearance.
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Appearance>)[.. g.Select(a => a.Appearance).DistinctBy(a => a.ArticleId)]);

        var shown = new Dictionary<int, TimelineRow>();
        foreach (var r in rows)
        {
            if (!statementOf.TryGetValue(r.Id, out var s)) continue;
            var firstItem = appearances[s][0].ItemId;
            if (!shown.ContainsKey(s) || r.Id == firstItem) shown[s] = r;
        }
        var views = new List<StatementView>();
        foreach (var r in rows)
        {
            if (!statementOf.TryGetValue(r.Id, out var s)) views.Add(new StatementView(r, []));
            else if (shown[s] == r) views.Add(new StatementView(r, appearances[s]));
        }
        return views;
    }
}

using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Components.Pages.Quality;

/// <summary>
/// The extraction's measured quality for one kind, from editors' decisions. Precision: of the machine items editors
/// decided on, the share they kept (confirmed, or kept with an edit). Recall: of the items known to be in reviewed
/// articles (kept machine items plus those editors had to add), the share the machine found.
/// </summary>
public sealed record KindQuality(ItemKind Kind, int Machine, int Confirmed, int Edited, int Rejected, int Added)
{
    /// <summary>
    /// The fewest decisions a share is shown from: one confirmation would read as 100 % precision. The same
    /// threshold holds for recall, whose base is <see cref="Known"/>.
    /// </summary>
    public const int MinDecisions = 10;

    public int Decided => Confirmed + Edited + Rejected;
    /// <summary>The items known to be in reviewed articles: recall's base.</summary>
    public int Known => Confirmed + Edited + Added;
    public bool EnoughForPrecision => Decided >= MinDecisions;
    public bool EnoughForRecall => Known >= MinDecisions;
    public double? Precision => Decided == 0 ? null : (double)(Confirmed + Edited) / Decided;
    /// <summary>Confirmed unchanged only: the stricter reading, where an edit counts as a miss.</summary>
    public double? StrictPrecision => Decided == 0 ? null : (double)Confirmed / Decided;
    public double? Recall => Known == 0 ? null : (double)(Confirmed + Edited) / Known;
}

public static class QualityQuery
{
    public static async Task<List<KindQuality>> ByKindAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var counts = await db.Items.GroupBy(i => new { i.Kind, i.Status, ByEditor = i.AddedBy != null })
            .Select(g => new { g.Key.Kind, g.Key.Status, g.Key.ByEditor, Count = g.Count() }).ToListAsync(ct);
        int Count(ItemKind k, Func<ReviewStatus, bool> status, bool byEditor) =>
            counts.Where(c => c.Kind == k && c.ByEditor == byEditor && status(c.Status)).Sum(c => c.Count);
        return [.. Enum.GetValues<ItemKind>().Select(k => new KindQuality(k,
            Count(k, _ => true, false),
            Count(k, s => s == ReviewStatus.Confirmed, false),
            Count(k, s => s == ReviewStatus.Edited, false),
            Count(k, s => s == ReviewStatus.Rejected, false),
            // What editors added and kept: the machine missed it. An addition another editor rejected was not a miss.
            Count(k, s => s != ReviewStatus.Rejected, true)))];
    }
}

using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Timeline;

/// <summary>A milestone as the chart and the strip show it: where it sits, what it says, and the item it links to.</summary>
public sealed record MilestoneRow(int Id, int ArticleId, ItemKind Kind, string? EventType, string Text, Stance Stance,
    DateOnly DateStart, DateOnly DateEnd, DateGranularity Granularity, bool Estimated)
{
    public string Href => $"/articles/{ArticleId}#item-{Id}";
    /// <summary>How many milestone events of the view tell this one (same type and dates, across articles); this is the first told.</summary>
    public int Tellings { get; init; } = 1;
}

/// <summary>
/// The key events of the story (<see cref="Item.IsMilestone"/>): which events the machine proposes, and those of a view.
/// Editors mark and unmark any item (<c>ReviewService.SetMilestoneAsync</c>); the rule only proposes.
/// </summary>
public static class Milestones
{
    /// <summary>Event types that are milestones by what they are: a release, a decision (licences, openness), a reorganisation.</summary>
    public static readonly string[] ByType = ["launch", "decision", "layoff", "founding"];

    /// <summary>Event types that are milestones when they move a large sum (<see cref="LargeAmount"/>).</summary>
    public static readonly string[] BySize = ["investment", "funding", "acquisition", "partnership"];

    /// <summary>At least a billion, in the currencies the coverage of Meta states sums in (no conversion: other currencies' billions are far smaller).</summary>
    public const double LargeAmount = 1_000_000_000;
    public static readonly string[] LargeCurrencies = ["USD", "EUR", "GBP"];

    /// <summary>The most milestones a view shows (the latest): the strip is a summary, and editors curate the rest.</summary>
    public const int MaxShown = 30;

    /// <summary>
    /// Marks the proposed milestones among one article's new machine items: dated events of a <see cref="ByType"/> type,
    /// or of a <see cref="BySize"/> type with a large amount. One happening told twice in the article (same type, same
    /// date) is proposed once. An undated event has no place on the chart, so it is not proposed.
    /// </summary>
    public static void Propose(IEnumerable<Item> articleItems)
    {
        var seen = new HashSet<(string?, DateOnly?)>();
        foreach (var i in articleItems)
            i.IsMilestone = i.Kind == ItemKind.Event && i.DateStart is not null
                && (ByType.Contains(i.EventType)
                    || BySize.Contains(i.EventType) && i.Amounts.Any(a => a.Value >= LargeAmount && LargeCurrencies.Contains(a.Currency)))
                && seen.Add((i.EventType, i.DateStart));
    }

    /// <summary>
    /// The view's dated milestones in date order: the latest <paramref name="max"/> happenings. Events of one type and
    /// the same dates are one happening however many articles report it (the first told stands for them, with
    /// <see cref="MilestoneRow.Tellings"/>), counted among the latest <see cref="Window"/> milestones; an item an
    /// editor marked that is not an event stands alone.
    /// </summary>
    public static async Task<List<MilestoneRow>> OfViewAsync(IQueryable<Item> filtered, int max = MaxShown, CancellationToken ct = default)
    {
        var rows = await filtered.Where(i => i.IsMilestone && i.DateStart != null)
            .OrderByDescending(i => i.DateStart).ThenByDescending(i => i.Id).Take(Window)
            .Select(i => new MilestoneRow(i.Id, i.ArticleId, i.Kind, i.EventType, i.Summary ?? i.Text, i.Stance,
                i.DateStart!.Value, i.DateEnd ?? i.DateStart!.Value, i.DateGranularity ?? DateGranularity.Day, i.DateEstimated))
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.Kind == ItemKind.Event ? r.EventType : null, r.DateStart, r.DateEnd, r.Kind == ItemKind.Event ? 0 : r.Id))
            .Take(max).Select(g => g.MinBy(r => r.Id)! with { Tellings = g.Count() })
            .OrderBy(r => r.DateStart).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// How many of the latest milestone rows are read to find a view's happenings (five tellings each on average): each
    /// is a table row read beside the partial index, so the read costs about what a page of the list does (performance.md).
    /// </summary>
    public const int Window = MaxShown * 5;
}

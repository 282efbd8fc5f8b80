using System.Globalization;
using System.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Cli;

/// <summary>The `tracker stats` summary: what is in the store, by kind, review status, stance, theme and speaker.</summary>
public static class StoreStats
{
    public static async Task<string> RenderAsync(TrackerDbContext db, string databasePath, CancellationToken ct = default)
    {
        var sb = new StringBuilder();
        var file = new FileInfo(databasePath);
        sb.AppendLine(CultureInfo.InvariantCulture, $"database   {file.FullName} ({(file.Exists ? file.Length / 1024 : 0)} KiB)");

        var articles = await db.Articles.CountAsync(ct);
        var offTopic = await db.Articles.CountAsync(a => !a.IsRelevant, ct);
        var first = await db.Articles.MinAsync(a => a.PublishedStart, ct);
        var last = await db.Articles.MaxAsync(a => a.PublishedEnd, ct);
        sb.AppendLine(CultureInfo.InvariantCulture, $"articles   {articles} ({offTopic} off-topic){(first is null ? "" : string.Create(CultureInfo.InvariantCulture, $", published {first:yyyy-MM} … {last:yyyy-MM}"))}");

        var byKind = await db.Items.GroupBy(i => new { i.Kind, i.Status }).Select(g => new { g.Key.Kind, g.Key.Status, N = g.Count() }).ToListAsync(ct);
        foreach (var kind in Enum.GetValues<ItemKind>())
        {
            var rows = byKind.Where(r => r.Kind == kind).ToList();
            var detail = string.Join(", ", rows.OrderBy(r => r.Status).Select(r => $"{r.N} {r.Status.ToString().ToLowerInvariant()}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"{(kind.ToString().ToLowerInvariant() + "s"),-10} {rows.Sum(r => r.N)}{(detail.Length > 0 ? $" ({detail})" : "")}");
        }
        var undated = await db.Items.CountAsync(i => i.Kind == ItemKind.Event && i.DateStart == null, ct);
        var estimated = await db.Items.CountAsync(i => i.DateEstimated, ct);
        sb.AppendLine(CultureInfo.InvariantCulture, $"dates      {undated} undated events, {estimated} items dated by an estimated publication date");

        var stances = await db.Items.GroupBy(i => i.Stance).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        sb.AppendLine("stance     " + string.Join(", ", stances.OrderBy(s => s.Key).Select(s => $"{s.Key.ToString().ToLowerInvariant()} {s.N}")));

        var themes = await db.ItemThemes.GroupBy(t => t.ThemeKey).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).ToListAsync(ct);
        sb.AppendLine("themes     " + string.Join(", ", themes.Select(t => $"{t.Key} {t.N}")));

        var speakers = await db.Items.Where(i => i.Kind == ItemKind.Quote && i.SpeakerName != null)
            .GroupBy(i => i.SpeakerName).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).Take(5).ToListAsync(ct);
        sb.AppendLine("speakers   " + string.Join(", ", speakers.Select(s => $"{s.Key} {s.N}")));

        var proposed = await db.Aliases.CountAsync(a => a.Status == AliasStatus.Proposed, ct);
        sb.AppendLine(CultureInfo.InvariantCulture, $"entities   {await db.Entities.CountAsync(ct)} ({await db.Aliases.CountAsync(a => a.Status == AliasStatus.Accepted, ct)} aliases, {proposed} proposed spellings to review)");
        return sb.ToString();
    }
}

using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Components.Pages.Timeline;

/// <summary>Theme labels, entity names and outlets, as every timeline view shows them.</summary>
public sealed record Lookups(
    IReadOnlyDictionary<string, string> Themes, IReadOnlyDictionary<string, string> Entities, IReadOnlyList<string> Sources);

/// <summary>
/// One copy of the lookups for every connected analyst, read again at most once a minute: per circuit they cost
/// memory and a scan of the articles for the outlets on each page load. An editor's new theme shows within a minute.
/// </summary>
public sealed class TimelineLookups(IDbContextFactory<TrackerDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private (Task<Lookups> Task, DateTimeOffset At)? _current;
    private readonly Lock _gate = new();

    public Task<Lookups> GetAsync()
    {
        lock (_gate)
        {
            if (_current is { } c && clock.GetUtcNow() - c.At < MaxAge && !c.Task.IsFaulted) return c.Task;
            _current = (LoadAsync(), clock.GetUtcNow());
            return _current.Value.Task;
        }
    }

    private async Task<Lookups> LoadAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.SortOrder).Select(t => new { t.Key, t.LabelAr }).ToListAsync();
        var entities = await db.Entities.AsNoTracking().OrderBy(e => e.NameAr).ToDictionaryAsync(e => e.Id, e => e.NameAr);
        var sources = await db.Articles.Where(a => a.Source != null).Select(a => a.Source!).Distinct().OrderBy(s => s).ToListAsync();
        // Ordered: the filter lists show themes in the editors' order and people by name.
        return new Lookups(themes.ToDictionary(t => t.Key, t => t.LabelAr), entities, sources);
    }
}

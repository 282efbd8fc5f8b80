using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Timeline;

/// <summary>Theme labels, entity names (in both languages) and outlets, as every page shows them.</summary>
public sealed record Lookups(
    IReadOnlyDictionary<string, string> ThemesAr, IReadOnlyDictionary<string, string> ThemesEn,
    IReadOnlyDictionary<string, string> EntitiesAr, IReadOnlyDictionary<string, string> EntitiesEn, IReadOnlyList<string> Sources)
{
    /// <summary>Theme labels in the reader's language, in the editors' order.</summary>
    public IReadOnlyDictionary<string, string> Themes => ThemesIn(Ui.Current);
    public IReadOnlyDictionary<string, string> Entities => EntitiesIn(Ui.Current);
    public IReadOnlyDictionary<string, string> ThemesIn(string language) => language == "en" ? ThemesEn : ThemesAr;
    public IReadOnlyDictionary<string, string> EntitiesIn(string language) => language == "en" ? EntitiesEn : EntitiesAr;
}

/// <summary>
/// One copy of the lookups for every connected analyst, read again at most once a minute: per circuit they cost
/// memory and a scan of the articles for the outlets on each page load. An admin's change (CatalogService) refreshes them at once.
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

    /// <summary>Reads the lookups again on next use: an admin changed a theme or an entity.</summary>
    public void Invalidate()
    {
        lock (_gate) _current = null;
    }

    private async Task<Lookups> LoadAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync();
        var entities = await db.Entities.AsNoTracking().ToListAsync();
        var sources = await db.Articles.Where(a => a.Source != null).Select(a => a.Source!).Distinct().OrderBy(s => s).ToListAsync();
        // Ordered: the filter lists show themes in the editors' order and people by name.
        return new Lookups(
            themes.ToDictionary(t => t.Key, t => t.LabelAr), themes.ToDictionary(t => t.Key, t => t.LabelEn.Length > 0 ? t.LabelEn : t.LabelAr),
            entities.OrderBy(e => e.NameAr).ToDictionary(e => e.Id, e => e.NameAr),
            entities.OrderBy(e => e.NameEn).ToDictionary(e => e.Id, e => e.NameEn.Length > 0 ? e.NameEn : e.NameAr), sources);
    }
}

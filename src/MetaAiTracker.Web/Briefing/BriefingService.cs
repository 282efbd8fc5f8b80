using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Components.Pages.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Briefing;

/// <summary>A view of the timeline (its filter) to a briefing: the model, its HTML, then the PDF.</summary>
public sealed class BriefingService(IDbContextFactory<TrackerDbContext> dbFactory, TimelineLookups lookups, BriefingPdf pdf, TimeProvider clock,
    ILogger<BriefingService> logger)
{
    public async Task<BriefingModel> ModelAsync(TimelineFilter filter, string language, string generatedBy, CancellationToken ct = default)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            var names = await lookups.GetAsync();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await BriefingQuery.BuildAsync(db, filter, generatedBy, clock.GetUtcNow(), names.Themes, names.Entities, ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// Saves a view of the timeline under a name, replacing the view of that name when <paramref name="user"/> may
    /// change it (<see cref="RequireChange"/>). Views are shared, so each save is audited.
    /// </summary>
    public async Task<SavedView> SaveViewAsync(ClaimsPrincipal user, string name, TimelineFilter filter, CancellationToken ct = default)
    {
        var clean = name.Trim();
        if (clean.Length is 0 or > 120 || clean.Any(char.IsControl))
            throw new ArgumentException($"a view name needs 1 to 120 printable characters, not «{name}»", nameof(name));
        // An anonymous reader (Tracker:AnonymousRead) has no name to own a view by: it reads, and saves nothing.
        Access.Require(user, TrackerRoles.Analyst, "save a view", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Name == clean, ct);
        var before = view?.Query;
        if (view is null) db.SavedViews.Add(view = new SavedView { Name = clean, Query = "", CreatedAt = clock.GetUtcNow(), Owner = TrackerRoles.NameOf(user) });
        else RequireChange(user, view, "replace");
        view.Query = (filter with { Problems = [] }).ToQueryString();
        AuditLog.Add(db, user, clock.GetUtcNow(), "view.save", "view", clean, null, before is null ? null : new { query = before }, new { query = view.Query, owner = view.Owner });
        await db.SaveChangesAsync(ct);
        return view;
    }

    public async Task DeleteViewAsync(ClaimsPrincipal user, string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Name == name.Trim(), ct)
            ?? throw new KeyNotFoundException($"there is no saved view named «{name}»");
        RequireChange(user, view, "delete");
        db.SavedViews.Remove(view);
        AuditLog.Add(db, user, clock.GetUtcNow(), "view.delete", "view", view.Name, null, new { query = view.Query, owner = view.Owner }, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A view is changed by its owner or by an editor; one without owner (saved before owners) only by an editor.</summary>
    private void RequireChange(ClaimsPrincipal user, SavedView view, string action)
    {
        if (user.Identity?.IsAuthenticated == true && view.Owner is { } owner && owner == TrackerRoles.NameOf(user)
            && TrackerRoles.Allows(user, TrackerRoles.Analyst)) return;
        Access.Require(user, TrackerRoles.Editor, $"{action} the view «{view.Name}» of {view.Owner ?? "no owner"}", logger);
    }

    public async Task<List<SavedView>> ViewsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking().OrderBy(v => v.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Exports a saved view, marking the items added since its last export, and records this export. The record is
    /// written only once the PDF exists, so a failed print does not swallow what is new.
    /// </summary>
    public async Task<(string Html, byte[] Pdf, BriefingModel Model)> ExportViewAsync(string name, string language, string generatedBy, CancellationToken ct = default)
    {
        Checked(language);
        SavedView view;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            view = await db.SavedViews.AsNoTracking().SingleOrDefaultAsync(v => v.Name == name.Trim(), ct)
                ?? throw new KeyNotFoundException($"there is no saved view named «{name}»");
        var filter = TimelineFilter.FromUri(view.Query);
        var model = await ModelAsync(filter, language, generatedBy, ct);
        int? maxId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var items = TimelineQuery.Filter(db, filter);
            maxId = await items.MaxAsync(i => (int?)i.Id, ct);
            if (view.LastExportMaxItemId is { } last)
            {
                BriefingItem Mark(BriefingItem i) => i with { IsNew = i.Id > last };
                model = model with
                {
                    Events = [.. model.Events.Select(Mark)], Quotes = [.. model.Quotes.Select(Mark)],
                    OpenClaims = [.. model.OpenClaims.Select(Mark)], ClosedClaims = [.. model.ClosedClaims.Select(Mark)],
                    NewSince = view.LastExportedAt, NewItems = await items.CountAsync(i => i.Id > last, ct),
                };
            }
            model = model with { ViewName = view.Name };
        }
        var html = await pdf.RenderHtmlAsync(model, language);
        var bytes = await pdf.PrintAsync(html, language, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.SavedViews.Where(v => v.Id == view.Id).ExecuteUpdateAsync(u => u
                .SetProperty(v => v.LastExportedAt, clock.GetUtcNow())
                .SetProperty(v => v.LastExportMaxItemId, maxId ?? view.LastExportMaxItemId), ct);
        }
        return (html, bytes, model);
    }

    private static string Checked(string language) => language is "ar" or "en" ? language
        : throw new ArgumentException($"unknown language '{language}' (use ar or en)", nameof(language));

    public async Task<(string Html, byte[] Pdf)> ExportAsync(TimelineFilter filter, string language, string generatedBy, CancellationToken ct = default)
    {
        var html = await pdf.RenderHtmlAsync(await ModelAsync(filter, Checked(language), generatedBy, ct), language);
        return (html, await pdf.PrintAsync(html, language, ct));
    }
}

using MetaAiTracker.Web.Components.Shared;
using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Briefing;

/// <summary>A view of the timeline (its filter) to a briefing: the model, its HTML, then the PDF.</summary>
public sealed class BriefingService(IDbContextFactory<TrackerDbContext> dbFactory, TimelineLookups lookups, BriefingPdf pdf, TimeProvider clock,
    ILogger<BriefingService> logger)
{
    public async Task<BriefingModel> ModelAsync(TimelineFilter filter, string language, string generatedBy, CancellationToken ct = default)
    {
        Checked(language);
        var names = await lookups.GetAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BriefingQuery.BuildAsync(db, filter, language, generatedBy, clock.GetUtcNow(), names.ThemesIn(language), names.EntitiesIn(language), ct);
    }

    /// <summary>
    /// Saves a view of the timeline under a name, replacing the view of that name when <paramref name="user"/> may
    /// change it (<see cref="RequireChange"/>). Views are shared, so each save is audited.
    /// </summary>
    public async Task<SavedView> SaveViewAsync(ClaimsPrincipal user, string name, TimelineFilter filter, CancellationToken ct = default)
    {
        var clean = name.Trim();
        if (clean.Length is 0 or > 120 || clean.Any(char.IsControl))
            throw new InputException(new Phrase("error.viewName", name));
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
    /// Exports a saved view, marking the items added since it was last marked as sent. Reading changes nothing shared:
    /// the marker moves only by <see cref="MarkSentAsync"/>, with the <see cref="BriefingModel.UpTo"/> returned here.
    /// </summary>
    public async Task<(string Html, byte[] Pdf, BriefingModel Model)> ExportViewAsync(string name, string language, string generatedBy, CancellationToken ct = default)
    {
        Checked(language);
        SavedView view;
        int? maxId;
        TimelineFilter filter;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            view = await db.SavedViews.AsNoTracking().SingleOrDefaultAsync(v => v.Name == name.Trim(), ct)
                ?? throw new KeyNotFoundException($"there is no saved view named «{name}»");
            filter = TimelineFilter.FromUri(view.Query);
            // Read before the model is built: an item ingested while it is built is then not in UpTo, so not taken as sent.
            maxId = await TimelineQuery.Filter(db, filter).MaxAsync(i => (int?)i.Id, ct);
        }
        var model = await ModelAsync(filter, language, generatedBy, ct);
        if (view.LastExportMaxItemId is { } last)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            BriefingItem Mark(BriefingItem i) => i with { IsNew = i.Id > last };
            model = model with
            {
                Events = [.. model.Events.Select(Mark)], Quotes = [.. model.Quotes.Select(Mark)],
                OpenClaims = [.. model.OpenClaims.Select(Mark)], ClosedClaims = [.. model.ClosedClaims.Select(Mark)],
                Milestones = [.. model.Milestones.Select(Mark)],
                NewSince = view.LastExportedAt, NewItems = await TimelineQuery.Filter(db, filter).CountAsync(i => i.Id > last && i.Id <= (maxId ?? last), ct),
            };
        }
        model = model with { ViewName = view.Name, UpTo = maxId };
        var html = await pdf.RenderHtmlAsync(model);
        return (html, await pdf.PrintAsync(html, language, ct), model);
    }

    /// <summary>
    /// Records that a view's briefing was sent, up to item <paramref name="upTo"/> (the exported briefing's
    /// <see cref="BriefingModel.UpTo"/>; the view's largest id now when not given): the next export marks what came after.
    /// Only the view's owner or an editor may, as for replacing it; audited.
    /// </summary>
    public async Task MarkSentAsync(ClaimsPrincipal user, string name, int? upTo, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Name == name.Trim(), ct)
            ?? throw new KeyNotFoundException($"there is no saved view named «{name}»");
        RequireChange(user, view, "mark as sent");
        var now = await TimelineQuery.Filter(db, TimelineFilter.FromUri(view.Query)).MaxAsync(i => (int?)i.Id, ct);
        // Never past what exists now: a made-up id would hide items still to come.
        var mark = upTo is { } u && now is { } n ? Math.Min(u, n) : now;
        var before = new { lastExportedAt = view.LastExportedAt, upTo = view.LastExportMaxItemId };
        view.LastExportedAt = clock.GetUtcNow();
        view.LastExportMaxItemId = mark ?? view.LastExportMaxItemId;
        AuditLog.Add(db, user, clock.GetUtcNow(), "view.sent", "view", view.Name, null, before, new { lastExportedAt = view.LastExportedAt, upTo = view.LastExportMaxItemId });
        await db.SaveChangesAsync(ct);
    }

    private static string Checked(string language) => language is "ar" or "en" ? language
        : throw new InputException(new Phrase("error.language", language));

    public async Task<(string Html, byte[] Pdf)> ExportAsync(TimelineFilter filter, string language, string generatedBy, CancellationToken ct = default)
    {
        var html = await pdf.RenderHtmlAsync(await ModelAsync(filter, language, generatedBy, ct));
        return (html, await pdf.PrintAsync(html, language, ct));
    }
}

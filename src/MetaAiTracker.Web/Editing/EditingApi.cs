using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Editing;

public sealed record NewArticle(string Text, bool Html = false, string? Title = null, string? Source = null, string? Url = null, string? Published = null, bool PublishedEstimated = false);
public sealed record FetchArticle(string Url, string? Title = null, string? Source = null, string? Published = null, bool PublishedEstimated = false);
public sealed record Versioned(int Version);
public sealed record ItemPatch(int Version, ItemEdit Edit);
public sealed record MilestoneBody(int Version, bool Milestone);
public sealed record NewItem(ItemKind Kind, int Start, int End, ItemEdit? Details = null);
public sealed record ThemeList(int Version, List<string> Themes);
public sealed record Relevance(int Version, bool Relevant);
public sealed record DetailsBody(int Version, string? Title = null, string? Source = null, string? Url = null, string? Published = null, bool PublishedEstimated = false);
public sealed record ThemeBody(string Key, string LabelAr, string LabelEn, List<string>? Cues = null);
public sealed record Into(string Target);
public sealed record AliasBody(string Text);
public sealed record AliasStatusBody(AliasStatus Status);

/// <summary>
/// The editors' and admins' actions over HTTP (JSON only, for scripts and tests). The route policies refuse a role
/// that does not fit before the handler runs, and the services check again; <see cref="ApiProblems"/> turns each
/// refusal into its status code with a problem-details body that names the problem.
/// </summary>
public static class EditingApi
{
    public static void MapEditingApi(this WebApplication app)
    {
        var edit = app.MapGroup("/api").RequireAuthorization(TrackerRoles.EditPolicy);
        edit.MapPost("/articles", (NewArticle a, ClaimsPrincipal u, ArticleIntake intake, CancellationToken ct) =>
            Added(intake.PasteAsync(u, a.Text, a.Html, new ArticleDetails(a.Title, a.Source, a.Url, a.Published, a.PublishedEstimated), ct)));
        edit.MapPost("/articles/fetch", (FetchArticle a, ClaimsPrincipal u, ArticleIntake intake, CancellationToken ct) =>
            Added(intake.FetchAsync(u, a.Url, new ArticleDetails(a.Title, a.Source, null, a.Published, a.PublishedEstimated), ct)));
        edit.MapPost("/articles/{id:int}/items", async (int id, NewItem n, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Item(await review.AddItemAsync(u, id, n.Kind, n.Start, n.End, n.Details, ct)));
        edit.MapPut("/articles/{id:int}/themes", async (int id, ThemeList t, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Article(await review.SetArticleThemesAsync(u, id, t.Version, t.Themes, ct)));
        edit.MapPut("/articles/{id:int}/relevance", async (int id, Relevance r, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Article(await review.SetRelevanceAsync(u, id, r.Version, r.Relevant, ct)));
        edit.MapPut("/articles/{id:int}/details", async (int id, DetailsBody d, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Article(await review.SetDetailsAsync(u, id, d.Version, new ArticleDetails(d.Title, d.Source, d.Url, d.Published, d.PublishedEstimated), ct)));
        // ?confirmRemaining=true also confirms the items no editor decided on; without it they stay machine items.
        edit.MapPost("/articles/{id:int}/reviewed", async (int id, Versioned v, bool? confirmRemaining, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Article(await review.MarkReviewedAsync(u, id, v.Version, confirmRemaining == true, ct)));
        edit.MapPost("/items/{id:int}/confirm", async (int id, Versioned v, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Item(await review.ConfirmAsync(u, id, v.Version, ct)));
        edit.MapPost("/items/{id:int}/reject", async (int id, Versioned v, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Item(await review.RejectAsync(u, id, v.Version, ct)));
        edit.MapPatch("/items/{id:int}", async (int id, ItemPatch p, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Item(await review.EditAsync(u, id, p.Version, p.Edit, ct)));
        // "Not the same statement": the quote leaves the statement it was grouped in and stands alone.
        edit.MapPost("/items/{id:int}/split", async (int id, Versioned v, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
        {
            var i = await review.SplitStatementAsync(u, id, v.Version, ct);
            return Results.Ok(new { i.Id, i.ArticleId, i.Status, i.Version, i.StatementId });
        });
        edit.MapPut("/items/{id:int}/milestone", async (int id, MilestoneBody m, ClaimsPrincipal u, ReviewService review, CancellationToken ct) =>
            Item(await review.SetMilestoneAsync(u, id, m.Version, m.Milestone, ct)));

        var admin = app.MapGroup("/api").RequireAuthorization(TrackerRoles.AdminPolicy);
        admin.MapPost("/themes", async (ThemeBody t, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
            Results.Created($"/api/themes/{t.Key}", await catalog.AddThemeAsync(u, t.Key, t.LabelAr, t.LabelEn, t.Cues ?? [], ct)));
        admin.MapPut("/themes/{key}", async (string key, ThemeBody t, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
            Results.Ok(await catalog.UpdateThemeAsync(u, key, t.LabelAr, t.LabelEn, t.Cues ?? [], ct)));
        admin.MapPost("/themes/{key}/merge", async (string key, Into i, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
        {
            await catalog.MergeThemesAsync(u, key, i.Target, ct);
            return Results.NoContent();
        });
        admin.MapPost("/entities/{id}/aliases", async (string id, AliasBody a, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
            Results.Ok(await catalog.AddAliasAsync(u, id, a.Text, ct)));
        admin.MapPut("/aliases/{id:int}", async (int id, AliasStatusBody s, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
            Results.Ok(await catalog.SetAliasStatusAsync(u, id, s.Status, ct)));
        admin.MapPost("/entities/{id}/merge", async (string id, Into i, ClaimsPrincipal u, CatalogService catalog, CancellationToken ct) =>
        {
            await catalog.MergeEntitiesAsync(u, id, i.Target, ct);
            return Results.NoContent();
        });
        admin.MapGet("/audit", async (string? user, int? take, IDbContextFactory<TrackerDbContext> f, CancellationToken ct) =>
        {
            await using var db = await f.CreateDbContextAsync(ct);
            return Results.Ok(await AuditLog.RecentAsync(db, Math.Clamp(take ?? 100, 1, 1000), user, ct));
        });

        // An item's history is part of its evidence: anyone who may read may see it.
        app.MapGet("/api/items/{id:int}/history", async (int id, IDbContextFactory<TrackerDbContext> f, CancellationToken ct) =>
        {
            await using var db = await f.CreateDbContextAsync(ct);
            return Results.Ok(await AuditLog.HistoryAsync(db, "item", id.ToString(CultureInfo.InvariantCulture), ct));
        }).RequireAuthorization(TrackerRoles.ReadPolicy);
    }

    private static async Task<IResult> Added(Task<IngestResult> adding)
    {
        var r = await adding;
        var body = new { outcome = r.Outcome.ToString(), articleId = r.ArticleId, message = r.Message, quotes = r.Quotes, events = r.Events, claims = r.Claims };
        return r.Outcome switch
        {
            IngestOutcome.Added => Results.Created($"/articles/{r.ArticleId}", body),
            IngestOutcome.Duplicate => Results.Ok(body),
            _ => Results.BadRequest(body),
        };
    }

    private static IResult Item(Item i) => Results.Ok(new { i.Id, i.ArticleId, i.Kind, i.Status, i.Version, i.Start, i.End, i.Text, i.SpeakerEntityId, i.SpeakerName, i.Stance,
        i.IsMilestone, Themes = i.Themes.Select(t => t.ThemeKey) });

    private static IResult Article(Article a) => Results.Ok(new { a.Id, a.Version, a.IsRelevant, a.Reviewed, Themes = a.Themes.Select(t => t.ThemeKey).Order() });
}

/// <summary>
/// Every error of the API as a problem-details body (RFC 9457) with the reason, logged: a refusal, a value that cannot
/// be read (malformed JSON and unknown enum names included, which the binder throws on), and an unexpected failure,
/// which would otherwise be re-executed on the error page and come back as an empty 405 for a PUT or PATCH.
/// A request that cannot be bound anywhere else (a form post without its token) is a problem too.
/// </summary>
public sealed class ApiProblems(ILogger<ApiProblems> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request's path is the error page's; the feature keeps the one that failed.
        var path = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) && exception is not BadHttpRequestException) return false;
        var (status, detail) = exception switch
        {
            AccessDeniedException => (StatusCodes.Status403Forbidden, exception.Message),
            KeyNotFoundException => (StatusCodes.Status404NotFound, exception.Message),
            EditConflictException => (StatusCodes.Status409Conflict, exception.Message),
            ArgumentException => (StatusCodes.Status400BadRequest, exception.Message),
            // The binder's own message names the parameter; the JSON reader's says what and where.
            BadHttpRequestException bad => (bad.StatusCode, bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message),
            _ => (StatusCodes.Status500InternalServerError, $"the server could not finish this request; its log has the details (trace {http.TraceIdentifier})"),
        };
        if (status >= 500) logger.LogError(exception, "{Method} {Path} failed for {User}", http.Request.Method, path, TrackerRoles.NameOf(http.User));
        else logger.LogWarning("{Method} {Path} refused for {User} ({Status}): {Reason}", http.Request.Method, path, TrackerRoles.NameOf(http.User), status, detail);
        var other = (exception as EditConflictException)?.Other;
        var extensions = other is null ? null
            : new Dictionary<string, object?> { ["by"] = other.UserName, ["at"] = other.At, ["before"] = other.Before, ["after"] = other.After };
        await TypedResults.Problem(detail, statusCode: status, extensions: extensions).ExecuteAsync(http);
        return true;
    }
}

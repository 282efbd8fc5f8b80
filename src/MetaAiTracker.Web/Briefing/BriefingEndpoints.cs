using System.Globalization;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Timeline;

namespace MetaAiTracker.Web.Briefing;

/// <summary>The briefing over HTTP: the PDF of any timeline view or saved view, and "mark as sent".</summary>
public static class BriefingEndpoints
{
    public static IEndpointRouteBuilder MapBriefingEndpoints(this IEndpointRouteBuilder app)
    {
        // The briefing of any timeline view: the same query string as the timeline, plus lang=ar|en.
        app.MapGet("/briefing.pdf", async (HttpContext http, BriefingService briefings, CancellationToken ct) =>
        {
            var lang = http.Request.Query["lang"].FirstOrDefault() ?? "ar";
            if (lang is not ("ar" or "en")) return Results.BadRequest($"unknown language '{lang}' (use ar or en)");
            var filter = TimelineFilter.FromUri(http.Request.QueryString.Value ?? "");
            if (filter.Problems.Count > 0) return Results.BadRequest($"cannot read {string.Join(", ", filter.Problems)} (dates are {EditorInput.DateForms}, from {EditorInput.Earliest} to {EditorInput.Latest})");
            var by = http.User.Identity?.Name ?? "MetaAiTracker";
            try
            {
                // ?view=NAME exports a saved view and marks what is new since it was last marked as sent. A GET changes
                // nothing: the header gives the id to POST to /briefing/sent once this briefing has gone out.
                byte[] pdf;
                var fileName = $"briefing-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf";
                if (http.Request.Query["view"].FirstOrDefault() is { Length: > 0 } view)
                {
                    var export = await briefings.ExportViewAsync(view, lang, by, ct);
                    if (export.Model.UpTo is { } upTo) http.Response.Headers["X-Briefing-Up-To"] = upTo.ToString(CultureInfo.InvariantCulture);
                    pdf = export.Pdf;
                    fileName = FileName(export.Model.ViewName ?? view);
                }
                else pdf = (await briefings.ExportAsync(filter, lang, by, ct)).Pdf;
                return Results.File(pdf, "application/pdf", fileName);
            }
            catch (KeyNotFoundException ex)
            {
                return Results.NotFound(ex.Message);
            }
            catch (BriefingUnavailableException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (TimeoutException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status504GatewayTimeout);
            }
        });
        // "Mark as sent": moves a saved view's "new since" marker. A form POST, so the anti-forgery check applies.
        app.MapPost("/briefing/sent", async ([Microsoft.AspNetCore.Mvc.FromForm] string view, [Microsoft.AspNetCore.Mvc.FromForm] int? upto,
            HttpContext http, BriefingService briefings, CancellationToken ct) =>
        {
            try
            {
                await briefings.MarkSentAsync(http.User, view, upto, ct);
                return Results.LocalRedirect("/");
            }
            catch (KeyNotFoundException ex)
            {
                return Results.NotFound(ex.Message);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        });
        return app;
    }

    /// <summary>A saved view's PDF is named after the view, so a reader's downloads say which view each one is.</summary>
    public static string FileName(string viewName)
    {
        var safe = new string([.. viewName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '-' : c)]).Trim(' ', '.');
        return (safe.Length == 0 ? "briefing" : safe) + ".pdf";
    }
}

using System.Globalization;
using MetaAiTracker.Web.Components.Pages.Timeline;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Briefing;

/// <summary>A view of the timeline (its filter) to a briefing: the model, its HTML, then the PDF.</summary>
public sealed class BriefingService(IDbContextFactory<TrackerDbContext> dbFactory, TimelineLookups lookups, BriefingPdf pdf, TimeProvider clock)
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

    public async Task<(string Html, byte[] Pdf)> ExportAsync(TimelineFilter filter, string language, string generatedBy, CancellationToken ct = default)
    {
        if (language is not ("ar" or "en")) throw new ArgumentException($"unknown language '{language}' (use ar or en)", nameof(language));
        var html = await pdf.RenderHtmlAsync(await ModelAsync(filter, language, generatedBy, ct), language);
        return (html, await pdf.PrintAsync(html, language, ct));
    }
}

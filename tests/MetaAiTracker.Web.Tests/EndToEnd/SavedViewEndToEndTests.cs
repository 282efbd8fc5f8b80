using System.Net;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Briefing;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Tests.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>A saved view's "new since last export" marker, over real HTTP: reading the PDF never moves it; a POST does.</summary>
public class SavedViewEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<SavedView> ViewAsync(string name)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        return await db.SavedViews.AsNoTracking().SingleAsync(v => v.Name == name);
    }

    // As the page's form sends it: no upto (the view's largest id now); an HTTP client sends the PDF's X-Briefing-Up-To.
    private static FormUrlEncodedContent Form(string token, string view, string? upto = null) => new(
        new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["view"] = view }
            .Concat(upto is null ? [] : [new KeyValuePair<string, string>("upto", upto)]));

    [Fact]
    public async Task AGetOfAViewsPdfMovesNoMarkerAndOnlyItsOwnerOrAnEditorMarksItSentByAPostWithAntiforgery()
    {
        var briefings = app.Services.GetRequiredService<BriefingService>();
        await briefings.SaveViewAsync(People.As("analyst", TrackerRoles.Analyst), "لي", new TimelineFilter());
        await briefings.SaveViewAsync(People.As("someone", TrackerRoles.Analyst), "لغيري", new TimelineFilter());
        using var analyst = await app.ClientAsync("analyst");
        using var editor = await app.ClientAsync("editor");

        var pdf = await analyst.GetAsync($"/briefing.pdf?view={Uri.EscapeDataString("لي")}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Null((await ViewAsync("لي")).LastExportedAt);
        // A saved view's file is named after the view, so a reader's downloads say which view each one is.
        Assert.Equal("لي.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        var upto = pdf.Headers.GetValues("X-Briefing-Up-To").Single();

        var page = await analyst.GetStringAsync("/");
        Assert.Contains("action=\"/briefing/sent\"", page);
        var token = AppFixture.AntiforgeryToken(page);
        var forged = await analyst.PostAsync("/briefing/sent", Form("", "لي", upto));
        var notMine = await analyst.PostAsync("/briefing/sent", Form(token, "لغيري", upto));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);
        Assert.Null((await ViewAsync("لي")).LastExportedAt);
        Assert.Null((await ViewAsync("لغيري")).LastExportedAt);

        var mine = await analyst.PostAsync("/briefing/sent", Form(token, "لي", upto));
        var byEditor = await editor.PostAsync("/briefing/sent", Form(AppFixture.AntiforgeryToken(await editor.GetStringAsync("/")), "لغيري"));
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, byEditor.StatusCode);
        Assert.Equal(int.Parse(upto, System.Globalization.CultureInfo.InvariantCulture), (await ViewAsync("لي")).LastExportMaxItemId);
        Assert.NotNull((await ViewAsync("لغيري")).LastExportMaxItemId);
    }
}

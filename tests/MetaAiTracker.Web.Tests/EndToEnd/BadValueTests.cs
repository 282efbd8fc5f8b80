using System.Net;
using System.Net.Http.Json;
using System.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>
/// Values a careless script or a hostile link sends, over real HTTP against the running app: each is refused by name
/// (or sent home) instead of taking the server down, and every API error is a problem-details body.
/// </summary>
public class BadValueTests(AppFixture app) : IClassFixture<AppFixture>
{
    private IDbContextFactory<TrackerDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();

    private async Task<(int Id, int Version, int ArticleId)> AnItemAsync(int skip = 0)
    {
        await using var db = await Db.CreateDbContextAsync();
        var i = await db.Items.OrderBy(i => i.Id).Skip(skip).Select(i => new { i.Id, i.Version, i.ArticleId }).FirstAsync();
        return (i.Id, i.Version, i.ArticleId);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task NoDateOutsideTheStoresRangeIsStoredFromAnEditorOrAFileAndTheRefusalNamesIt()
    {
        var (id, version, articleId) = await AnItemAsync();
        int articleVersion;
        await using (var before = await Db.CreateDbContextAsync()) articleVersion = (await before.Articles.SingleAsync(a => a.Id == articleId)).Version;
        using var editor = await app.ClientAsync("editor");

        var edit = await editor.PatchAsJsonAsync($"/api/items/{id}", new { version, edit = new { date = "0001-01" } });
        var details = await editor.PutAsJsonAsync($"/api/articles/{articleId}/details", new { version = articleVersion, published = "0001-01-01" });
        var pasted = await editor.PostAsJsonAsync("/api/articles", new { text = "قالت ميتا إن نموذج «لاما» الجديد سيبقى مفتوح المصدر للمطورين.", published = "9999-12" });
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("0001-01", await edit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, details.StatusCode);
        Assert.Contains("0001-01-01", await details.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, pasted.StatusCode);
        Assert.Contains("9999-12", await pasted.Content.ReadAsStringAsync());

        // In the reader's language: Arabic by default, English for a reader who chose it.
        Assert.Contains("التاريخ", await edit.Content.ReadAsStringAsync());
        using var english = await app.ClientAsync("editor");
        await english.GetAsync("/culture?set=en&back=/");
        var inEnglish = await english.PatchAsJsonAsync($"/api/items/{id}", new { version, edit = new { date = "0001-01" } });
        Assert.Contains("date '0001-01'", await inEnglish.Content.ReadAsStringAsync());

        // A file's own date outside the range is no date at all (a CMS writes 0001-01-01 for "none").
        var frontMatter = await editor.PostAsJsonAsync("/api/articles", new { text = "---\ntitle: مقال قديم جدا\npublished: 0001-01-01\n---\nقال مارك زوكربيرغ إن ميتا ستطلق نموذجا مفتوحا." });
        var html = await editor.PostAsJsonAsync("/api/articles", new
        {
            html = true,
            text = "<html><head><title>مقال بلا تاريخ</title><meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\"></head>" +
                   "<body><article><p>أعلنت ميتا أنها ستفتح أوزان نموذجها الجديد للباحثين في الجامعات.</p></article></body></html>",
        });
        Assert.Equal(HttpStatusCode.Created, frontMatter.StatusCode);
        Assert.Equal(HttpStatusCode.Created, html.StatusCode);

        await using var db = await Db.CreateDbContextAsync();
        var earliest = new DateOnly(1900, 1, 1);
        Assert.False(await db.Items.AnyAsync(i => i.DateStart < earliest));
        Assert.False(await db.Articles.AnyAsync(a => a.PublishedStart < earliest));
        Assert.Equal(version, (await db.Items.SingleAsync(i => i.Id == id)).Version);
    }

    [Fact]
    public async Task TheChartKeepsItsPeriodsFewWhateverTheRangeOfDates()
    {
        using var editor = await app.ClientAsync("editor");
        var (first, v1, _) = await AnItemAsync(1);
        var (last, v2, _) = await AnItemAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchAsJsonAsync($"/api/items/{first}", new { version = v1, edit = new { date = "1900-01" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchAsJsonAsync($"/api/items/{last}", new { version = v2, edit = new { date = "2100-12" } })).StatusCode);

        using var analyst = await app.ClientAsync("analyst");
        var page = await analyst.GetStringAsync("/");
        var bars = System.Text.RegularExpressions.Regex.Count(page, "class=\"chart-bar\"");
        Assert.InRange(bars, 2, 240);
    }

    [Theory]
    [InlineData("/?to=9999-12", "to=9999-12")]
    [InlineData("/?from=0001-01", "from=0001-01")]
    [InlineData("/?from=2025-Q9", "from=2025-Q9")]
    public async Task AFilterDateThatCannotBeHeldIsNamedOnTheTimeline(string path, string named)
    {
        using var analyst = await app.ClientAsync("analyst");
        var page = await analyst.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // In the alert that names what was left out, not merely echoed in a link.
        Assert.Contains($"<span class=\"ltr\">{named}</span>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABriefingOfAnUnreadableDateNamesIt()
    {
        using var analyst = await app.ClientAsync("analyst");
        var pdf = await analyst.GetAsync("/briefing.pdf?to=9999-12");
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.Contains("to=9999-12", await pdf.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/\t/example.com")]
    [InlineData("/review\n")]
    [InlineData("/search?q=\r\nSet-Cookie: x=1")]
    public async Task AReturnAddressWithAControlCharacterGoesHome(string back)
    {
        using var anon = await app.ClientAsync(null);
        var culture = await anon.GetAsync($"/culture?set=en&back={Uri.EscapeDataString(back)}");
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        Assert.Equal("/", culture.Headers.Location!.OriginalString);

        var token = AppFixture.AntiforgeryToken(await anon.GetStringAsync("/account/login"));
        var signIn = await anon.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "analyst", ["password"] = AppFixture.Password, ["returnUrl"] = back,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APatchWithoutAnEditOrWithBrokenJsonIsAProblemThatSaysWhy()
    {
        var (id, version, _) = await AnItemAsync(3);
        using var editor = await app.ClientAsync("editor");

        var noEdit = await editor.PatchAsJsonAsync($"/api/items/{id}", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, noEdit.StatusCode);
        Assert.Contains("edit", await ProblemAsync(noEdit));

        var broken = await editor.PatchAsync($"/api/items/{id}", new StringContent("{\"version\": 1, \"edit\": {", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("JSON", await ProblemAsync(broken));
    }

    [Fact]
    public async Task EnumsAreReadAndWrittenByName()
    {
        var (id, version, _) = await AnItemAsync(4);
        using var editor = await app.ClientAsync("editor");

        var open = await editor.PatchAsync($"/api/items/{id}", new StringContent($"{{\"version\": {version}, \"edit\": {{\"stance\": \"Open\"}}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("\"stance\":\"Open\"", await open.Content.ReadAsStringAsync());

        var unknown = await editor.PatchAsync($"/api/items/{id}", new StringContent($"{{\"version\": {version + 1}, \"edit\": {{\"stance\": \"Sideways\"}}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("stance", await ProblemAsync(unknown), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnexpectedFailureOnAPutIsAProblemNotAnEmpty405()
    {
        var (_, _, articleId) = await AnItemAsync();
        // A failure nothing expects, from the store itself: a trigger refuses this one article's update.
        var trigger = "CREATE TRIGGER fail_relevance BEFORE UPDATE OF IsRelevant ON Articles WHEN NEW.Id = " +
            articleId.ToString(System.Globalization.CultureInfo.InvariantCulture) + " BEGIN SELECT RAISE(ABORT, 'the disk said no'); END;";
        await using (var db = await Db.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync(trigger);
        try
        {
            using var editor = await app.ClientAsync("editor");
            int version;
            await using (var db = await Db.CreateDbContextAsync()) version = (await db.Articles.SingleAsync(a => a.Id == articleId)).Version;
            var put = await editor.PutAsJsonAsync($"/api/articles/{articleId}/relevance", new { version, relevant = false });
            Assert.Equal(HttpStatusCode.InternalServerError, put.StatusCode);
            Assert.Contains("\"status\":500", await ProblemAsync(put));
        }
        finally
        {
            await using var db = await Db.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_relevance");
        }
    }

    [Fact]
    public async Task RefusalsAndUnknownRoutesOfTheApiAreProblemsToo()
    {
        using var anon = await app.ClientAsync(null);
        using var analyst = await app.ClientAsync("analyst");
        var (id, version, _) = await AnItemAsync();

        var unauthorized = await anon.GetAsync("/api/items/1/history");
        var forbidden = await analyst.PostAsJsonAsync($"/api/items/{id}/confirm", new { version });
        var missing = await analyst.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var r in new[] { unauthorized, forbidden, missing }) await ProblemAsync(r);
    }

    [Fact]
    public async Task ASignedInReaderOnAnUnknownPathGetsTheAppsNotFoundPage()
    {
        using var analyst = await app.ClientAsync("analyst");
        var page = await analyst.GetAsync("/no-such-page/at-all");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        // Blazor writes Arabic as character references.
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("الصفحة غير موجودة", html);
        Assert.Contains("href=\"/\"", html);

        var icon = await analyst.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("image/", icon.Content.Headers.ContentType?.MediaType);

        using var anon = await app.ClientAsync(null);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/favicon.ico")).StatusCode);
    }

    [Fact]
    public async Task ASignedOutVisitorOnAnUnknownPathGetsTheNotFoundPageInTheirLanguage()
    {
        // Before: the fallback policy sent them to the sign-in form, which after signing in led to the same 404.
        var cookies = new CookieContainer();
        using var anon = await app.ClientAsync(null, cookies: cookies);
        var arabic = await anon.GetAsync("/no-such-page/at-all");
        Assert.Equal(HttpStatusCode.NotFound, arabic.StatusCode);
        var html = WebUtility.HtmlDecode(await arabic.Content.ReadAsStringAsync());
        Assert.Contains("الصفحة غير موجودة", html);
        Assert.Contains("dir=\"rtl\"", html);
        // Its way on is the sign-in form, not a timeline link that would bounce there.
        Assert.Contains("href=\"/account/login\"", html);
        Assert.DoesNotMatch("<a [^>]*href=\"/\"", html);

        Assert.Equal(HttpStatusCode.Redirect, (await anon.GetAsync("/culture?set=en&back=/")).StatusCode);
        var english = await anon.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        Assert.Contains("Page not found.", await english.Content.ReadAsStringAsync());
        // Known pages still ask for an account; an unknown API route is a 404 problem as for anyone.
        Assert.StartsWith("/account/login", (await anon.GetAsync("/overview")).Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/no-such-thing")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>Every role boundary over real HTTP, against the running app: refusals, sign-in rules, headers.</summary>
public class AccessEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(int Id, int Version, int ArticleId)> AnItemAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        var i = await db.Items.OrderBy(i => i.Id).Select(i => new { i.Id, i.Version, i.ArticleId }).FirstAsync();
        return (i.Id, i.Version, i.ArticleId);
    }

    [Fact]
    public async Task AnonymousVisitorsSeeOnlyTheSignInPage()
    {
        using var anon = await app.ClientAsync(null);
        var page = await anon.GetAsync("/?theme=talent");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await anon.GetAsync("/briefing.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/items/1/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsJsonAsync("/api/articles", new { text = "نص" })).StatusCode);
        var login = await anon.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"password\"", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAnalystCannotAddEditTagOrManage()
    {
        var (id, version, articleId) = await AnItemAsync();
        using var analyst = await app.ClientAsync("analyst");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/")).StatusCode);
        var refused = new[]
        {
            await analyst.PostAsJsonAsync("/api/articles", new { text = "قال مارك زوكربيرغ إن النماذج المفتوحة أفضل." }),
            await analyst.PatchAsJsonAsync($"/api/items/{id}", new { version, edit = new { speakerName = "x" } }),
            await analyst.PostAsJsonAsync($"/api/items/{id}/reject", new { version }),
            await analyst.PostAsJsonAsync($"/api/items/{id}/split", new { version }),
            await analyst.PutAsJsonAsync($"/api/articles/{articleId}/themes", new { version = 0, themes = new[] { "talent" } }),
            await analyst.PostAsJsonAsync("/api/themes", new { key = "leaks", labelAr = "تسريبات", labelEn = "Leaks" }),
            await analyst.PostAsJsonAsync("/api/entities/meta/aliases", new { text = "ميتا بلاتفورمز" }),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var review = await analyst.GetAsync("/review");
        Assert.Equal("/account/denied", review.Headers.Location!.AbsolutePath);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(version, (await db.Items.SingleAsync(i => i.Id == id)).Version);
        Assert.False(await db.Themes.AnyAsync(t => t.Key == "leaks"));
        Assert.False(await db.Audit.AnyAsync(a => a.UserName == "analyst"));
    }

    [Fact]
    public async Task AnEditorEditsButCannotManageThemes()
    {
        using var editor = await app.ClientAsync("editor");
        // The prerendered page says it is not interactive yet, which the browser tests wait past before typing.
        Assert.Contains("data-interactive=\"false\"", await editor.GetStringAsync("/articles/new"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/themes", new { key = "leaks", labelAr = "تسريبات", labelEn = "Leaks" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/entities/meta/merge", new { target = "openai" })).StatusCode);
        using var admin = await app.ClientAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/themes", new { key = "leaks", labelAr = "تسريبات", labelEn = "Leaks", cues = new[] { "تسريب" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bad = await admin.PostAsJsonAsync("/api/themes", new { key = "Bad Key!", labelAr = "x", labelEn = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Bad Key!", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSecondStaleSaveOverHttpIsAConflictNamingTheFirstEditor()
    {
        var (id, version, _) = await AnItemAsync();
        using var editor = await app.ClientAsync("editor");
        using var admin = await app.ClientAsync("admin");
        var first = await editor.PatchAsJsonAsync($"/api/items/{id}", new { version, edit = new { speakerName = "متحدث أول" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await admin.PatchAsJsonAsync($"/api/items/{id}", new { version, edit = new { speakerName = "متحدث ثانٍ" } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadAsStringAsync();
        Assert.Contains("\"by\":\"editor\"", problem);
        Assert.Contains("متحدث أول", problem);

        var history = await editor.GetFromJsonAsync<List<AuditEntry>>($"/api/items/{id}/history");
        Assert.Equal("editor", Assert.Single(history!, h => h.Action == "item.edit").UserName);
    }

    [Fact]
    public async Task APastedArticleIsStoredOnceAndItsDuplicateLinksToIt()
    {
        using var editor = await app.ClientAsync("editor");
        var text = "قال مارك زوكربيرغ في مقابلة إن ميتا ستبقي نموذج «لاما» مفتوح المصدر، فيما يرى محللون أن الشركة تتجه إلى الإغلاق بعد صفقة «سكيل إيه آي».";
        var first = await editor.PostAsJsonAsync("/api/articles", new { text, title = "مقابلة زوكربيرغ", source = "جريدة الاختبار", published = "2026-10" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>())!["articleId"].GetInt32();
        var again = await editor.PostAsJsonAsync("/api/articles", new { text });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal(("Duplicate", id), (body!["outcome"].GetString(), body["articleId"].GetInt32()));

        var empty = await editor.PostAsJsonAsync("/api/articles", new { text = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("empty", await empty.Content.ReadAsStringAsync());
        var date = await editor.PostAsJsonAsync("/api/articles", new { text = text + " نص آخر", published = "2026-13" });
        Assert.Contains("2026-13", await date.Content.ReadAsStringAsync());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == "مقابلة زوكربيرغ"));
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "article.add" && a.TargetId == id.ToString() && a.UserName == "editor"));
    }

    [Fact]
    public async Task SignInNeedsTheTokenLocksAfterRepeatedFailuresAndRefusesDisabledAccounts()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            await users.AddAsync(UserAdmin.CommandLine, "guessed", TrackerRoles.Editor, AppFixture.Password);
            await users.AddAsync(UserAdmin.CommandLine, "leaver", TrackerRoles.Editor, AppFixture.Password);
            await users.DisableAsync(UserAdmin.CommandLine, "leaver");
        }
        using var anon = await app.ClientAsync(null);
        var noToken = await anon.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "editor", ["password"] = AppFixture.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        for (var k = 0; k < 5; k++)
            await Assert.ThrowsAsync<InvalidOperationException>(() => app.ClientAsync("guessed", "wrong password 123"));
        var locked = await Assert.ThrowsAsync<InvalidOperationException>(() => app.ClientAsync("guessed"));
        Assert.Contains("error=locked", locked.Message);
        var disabled = await Assert.ThrowsAsync<InvalidOperationException>(() => app.ClientAsync("leaver"));
        Assert.Contains("error=disabled", disabled.Message);
    }

    private async Task AddAccountAsync(string name, bool disabled = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        await users.AddAsync(UserAdmin.CommandLine, name, TrackerRoles.Editor, AppFixture.Password);
        if (disabled) await users.DisableAsync(UserAdmin.CommandLine, name);
    }

    [Fact]
    public async Task SigningOutNeedsTheTokenAndEndsEveryCopyOfTheCookie()
    {
        // Its own account: signing out renews the account's stamp, which ends its other sessions too.
        await AddAccountAsync("outgoing");
        var uri = new Uri(app.BaseUrl);
        var jar = new CookieContainer();
        using var user = await app.ClientAsync("outgoing", cookies: jar);
        var copied = new CookieContainer();
        foreach (Cookie c in jar.GetCookies(uri)) copied.Add(uri, new Cookie(c.Name, c.Value, "/"));

        // A form posted from another site carries no token: refused, and the session goes on.
        var forged = await user.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var page = await user.GetAsync("/overview");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "action=\"/account/logout\"[\\s\\S]*?name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(form.Success, "no sign-out form with an anti-forgery token on the page");

        var signOut = await user.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form.Groups[1].Value }));
        Assert.Equal("/account/login", signOut.Headers.Location?.OriginalString);
        var after = await user.GetAsync("/overview");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery());

        // A copy of the cookie taken before signing out dies at the next stamp check (at most a minute later);
        // another account's cookie, checked at the same moment, lives on.
        using var copy = await app.ClientAsync(null, cookies: copied);
        using var other = await app.ClientAsync("analyst");
        app.StampClock.Offset = TimeSpan.FromMinutes(2);
        try
        {
            var stolen = await copy.GetAsync("/overview");
            Assert.Equal(HttpStatusCode.Redirect, stolen.StatusCode);
            Assert.StartsWith("/account/login", stolen.Headers.Location!.PathAndQuery());
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/overview")).StatusCode);
        }
        finally { app.StampClock.Offset = TimeSpan.Zero; }
    }

    [Fact]
    public async Task TheTopBarsSignOutButtonSignsOutInTheBrowser()
    {
        await AddAccountAsync("clicker");
        await using var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, app.BaseUrl, "clicker", AppFixture.Password, "/overview");
        await AppFixture.WaitInteractiveAsync(page);
        await page.ClickAsync("form.sign-out button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/account/login"));
        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/overview");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task UnknownDisabledAndWrongPasswordSignInsAnswerAlikeAndEachChecksAPassword()
    {
        await AddAccountAsync("present");
        await AddAccountAsync("departed", disabled: true);
        using var anon = await app.ClientAsync(null);
        async Task<(HttpStatusCode Status, string? Location, int Hashes)> AttemptAsync(string name, string password)
        {
            var token = AppFixture.AntiforgeryToken(await anon.GetStringAsync("/account/login"));
            var before = app.PasswordChecks.Verified;
            var response = await anon.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["userName"] = name, ["password"] = password, ["returnUrl"] = "/",
            }));
            return (response.StatusCode, response.Headers.Location?.OriginalString, app.PasswordChecks.Verified - before);
        }

        // The same answer, and the same work (one password hash, the bulk of the time), whether the name exists or not.
        var unknown = await AttemptAsync("nobody-by-this-name", "wrong password 123");
        Assert.Equal((HttpStatusCode.Redirect, "/account/login?error=credentials&returnUrl=%2F", 1), unknown);
        Assert.Equal(unknown, await AttemptAsync("present", "wrong password 123"));
        Assert.Equal(unknown, await AttemptAsync("departed", "wrong password 123"));
        // Only the right password learns that the account is disabled.
        Assert.Contains("error=disabled", (await AttemptAsync("departed", AppFixture.Password)).Location);

        // Five failures lock an account; an unknown name never locks. Past the lock, a wrong password still answers
        // "credentials" with one hash, so the lock tells no name apart; only the right password learns of it.
        await AddAccountAsync("lockable");
        for (var k = 0; k < 5; k++) await AttemptAsync("lockable", "wrong password 123");
        Assert.Equal(unknown, await AttemptAsync("lockable", "wrong password 123"));
        Assert.Equal(unknown, await AttemptAsync("nobody-by-this-name", "wrong password 123"));
        var locked = await AttemptAsync("lockable", AppFixture.Password);
        Assert.Contains("error=locked", locked.Location);
        Assert.Equal(1, locked.Hashes);
    }

    [Fact]
    public async Task ASignedOutVisitorSeesNoTopBarLinkThatOnlyBouncesToSignIn()
    {
        var context = await app.Browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions { Locale = "ar" });
        var page = await context.NewPageAsync();
        // Neither page opens a circuit, which a signed-out visitor would be refused.
        var circuits = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/_blazor")) circuits.Add(r.Url); };
        using var anon = await app.ClientAsync(null);
        foreach (var path in new[] { "/account/login", "/no-such-page" })
        {
            await page.GotoAsync(app.BaseUrl.TrimEnd('/') + path);
            var hrefs = await page.Locator("header a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            // The language switch stays; it returns to this very page.
            Assert.Contains(hrefs, h => h.StartsWith("/culture?"));
            foreach (var href in hrefs)
            {
                var answer = await anon.GetAsync(href);
                // A challenge names where it came from (ReturnUrl); the language switch just goes back.
                Assert.False(answer.Headers.Location?.OriginalString.Contains("ReturnUrl") == true, $"{href} on {path} only leads to the sign-in form");
            }
            Assert.Equal(0, await page.Locator("header form[role=search]").CountAsync());
        }
        Assert.Empty(circuits);
        await context.CloseAsync();

        var reader = await app.OpenAsync("/overview");
        Assert.True(await reader.Locator("header nav.top-nav a[href='/people']").CountAsync() == 1);
        Assert.True(await reader.Locator("header form[role=search]").CountAsync() == 1);
        await reader.CloseAsync();
    }

    [Fact]
    public async Task PagesCarryTheSecurityHeadersAndAStrictCookie()
    {
        using var anon = await app.ClientAsync(null);
        var login = await anon.GetAsync("/account/login");
        var csp = login.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());

        var token = AppFixture.AntiforgeryToken(await login.Content.ReadAsStringAsync());
        var signIn = await anon.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "analyst", ["password"] = AppFixture.Password,
        }));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tracker.auth="));
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant());
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

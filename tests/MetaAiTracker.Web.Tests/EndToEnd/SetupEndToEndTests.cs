using System.Net;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>First contact: a fresh store, the setup address printed at start, and the first admin made in the browser.</summary>
public class SetupEndToEndTests
{
    private const string Strong = "a long passphrase 2026";

    private static FormUrlEncodedContent Form(string? antiforgery, string name, string password, string confirm)
    {
        var fields = new Dictionary<string, string> { ["_handler"] = "setup", ["userName"] = name, ["password"] = password, ["confirm"] = confirm };
        if (antiforgery is not null) fields["__RequestVerificationToken"] = antiforgery;
        return new FormUrlEncodedContent(fields);
    }

    [Fact]
    public async Task TheSetupPageRefusesAWrongOrMissingTokenInTheReadersLanguageAndCreatesNothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var app = WebApp.Create(["--Tracker:IngestSeedsOnFirstStart=false", "--Serilog:MinimumLevel:Default=Warning"],
            database: Path.Combine(dir, "tracker.db"),
            configure: b => b.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0)));
        try
        {
            await AppServices.PrepareStoreAsync(app.Services);
            await app.StartAsync();
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // The token the start printed is only in the log: offering again gives this test one (and spends that one).
            var token = await app.Services.GetRequiredService<FirstRunSetup>().OfferAsync();
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
            async Task<string> Html(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

            var wrong = await http.GetAsync("/setup?token=not-the-token");
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            var wrongHtml = await Html(wrong);
            Assert.Contains("رمز الإعداد في هذا العنوان غير صحيح أو قديم", wrongHtml);
            Assert.DoesNotContain("name=\"password\"", wrongHtml);
            var missing = await http.GetAsync("/setup");
            Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
            Assert.Contains("ينقص هذا العنوانَ رمزُ الإعداد", await Html(missing));

            // A form posted with a valid anti-forgery token but a wrong setup token is refused just the same.
            var antiforgery = AppFixture.AntiforgeryToken(await http.GetStringAsync($"/setup?token={token}"));
            Assert.NotEmpty(antiforgery);
            var guessed = await http.PostAsync("/setup?token=not-the-token", Form(antiforgery, "huda", Strong, Strong));
            Assert.Equal(HttpStatusCode.Forbidden, guessed.StatusCode);
            // The right setup token without the anti-forgery token: a cross-site form cannot make the admin.
            var forged = await http.PostAsync($"/setup?token={token}", Form(null, "huda", Strong, Strong));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

            // In English (the culture switch), a weak password is refused with its reasons; the name stays, the password does not.
            Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/culture?set=en&back=/setup")).StatusCode);
            Assert.Contains("The setup token in this address is wrong or out of date", await Html(await http.GetAsync("/setup?token=nope")));
            var weak = await http.PostAsync($"/setup?token={token}", Form(antiforgery, "huda", "hudahuda1", "hudahuda1"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
            var weakHtml = await Html(weak);
            Assert.Contains("The password is shorter than 12 characters.", weakHtml);
            Assert.Contains("The password must not contain the account name.", weakHtml);
            Assert.Contains("value=\"huda\"", weakHtml);
            Assert.DoesNotContain("hudahuda1", weakHtml);

            await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
            Assert.False(await db.Users.AnyAsync());
            Assert.True((await http.GetAsync($"/setup?token={token}")).IsSuccessStatusCode);

            // A form opened before the first account was made elsewhere (here: from the shell) is answered in words.
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(UserAdmin.CommandLine, "sara", "Admin", Strong);
            var late = await http.PostAsync($"/setup?token={token}", Form(antiforgery, "huda", Strong, Strong));
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
            Assert.Contains("Setup is done", await Html(late));
            Assert.Equal(HttpStatusCode.Gone, (await http.GetAsync("/setup")).StatusCode);
            Assert.Equal(["sara"], await db.Users.Select(u => u.UserName!).ToListAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task AFreshServePrintsASetupAddressThatMakesTheFirstAdminOnceAndOnlyOnce()
    {
        var (server, setupUrl) = await TrackerProcess.ServeFreshAsync();
        await using var _ = server;
        var baseUrl = new Uri(setupUrl).GetLeftPart(UriPartial.Authority);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AppFixture.LaunchChromiumAsync(playwright);
        var cspErrors = new List<string>();
        async Task<IPage> NewPageAsync()
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ar", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
            await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = baseUrl });
            var page = await context.NewPageAsync();
            page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) cspErrors.Add(m.Text); };
            return page;
        }

        // The sign-in page says the address is in the server's console, and shows the shell way as a left-to-right block.
        var page = await NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        var block = page.Locator(".no-accounts .shell-command");
        var code = block.Locator("code");
        Assert.Equal("./tracker users add NAME --role Admin", await code.TextContentAsync());
        Assert.Equal("ltr", await code.GetAttributeAsync("dir"));
        Assert.Equal(["ltr", "isolate"], await code.EvaluateAsync<string[]>("c => [getComputedStyle(c).direction, getComputedStyle(c).unicodeBidi]"));
        Assert.Equal("BDI", await code.EvaluateAsync<string>("c => c.parentElement.tagName"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.no-accounts')).direction"));
        await block.Locator("button.copy-command").ClickAsync();
        await block.Locator(".copy-done").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("./tracker users add NAME --role Admin", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        // The sign-in button is filled: it looks like the one action it is.
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.Locator("form[action='/account/login'] button[type=submit]").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        // A refusal keeps the name typed and drops the passwords.
        await page.GotoAsync(setupUrl);
        await page.FillAsync("input[name=userName]", "هدى");
        await page.FillAsync("input[name=password]", Strong);
        await page.FillAsync("input[name=confirm]", Strong + "!");
        await page.ClickAsync(".setup-box button[type=submit]");
        await page.WaitForSelectorAsync(".setup-box .login-error");
        Assert.Contains("كلمتا المرور مختلفتان", await page.Locator(".setup-box .login-error").TextContentAsync());
        Assert.Equal("هدى", await page.InputValueAsync("input[name=userName]"));
        Assert.Equal("", await page.InputValueAsync("input[name=password]"));
        await AppFixture.ScreenshotAsync(page, "setup-refused");

        // The right passwords: the first admin exists, is signed in, and lands on the timeline.
        await page.FillAsync("input[name=password]", Strong);
        await page.FillAsync("input[name=confirm]", Strong);
        await page.ClickAsync(".setup-box button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        await page.WaitForSelectorAsync(".sign-out .who");
        Assert.Equal("هدى", await page.Locator(".sign-out .who").TextContentAsync());
        Assert.Equal(1, await page.Locator("header a[href='/admin']").CountAsync());

        // The same address again, from another browser: setup is over, and says so.
        var other = await NewPageAsync();
        var again = await other.GotoAsync(setupUrl);
        Assert.Equal(410, again!.Status);
        Assert.Equal("done", await other.GetAttributeAsync(".setup-box", "data-setup"));
        Assert.Contains("انتهى الإعداد", await other.Locator(".setup-box").TextContentAsync());
        Assert.Equal(0, await other.Locator("input[name=password]").CountAsync());
        await other.GotoAsync(baseUrl + "/account/login");
        Assert.Equal(0, await other.Locator(".no-accounts").CountAsync());

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT u.UserName || ':' || r.Name FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId";
            Assert.Equal("هدى:Admin", await count.ExecuteScalarAsync());
        }
        Assert.Empty(cspErrors);
        // The address is printed once, at start, and with the port the server really listens on.
        Assert.Single(server.Output, l => l.Contains("/setup?token="));
    }
}

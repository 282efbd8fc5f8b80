using System.Net.Http.Json;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Ingestion;
using MetaAiTracker.Web.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>Its own app (a class fixture per class): the five rewrites would change the seeds' counts other classes check.</summary>
public class StatementsEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task IngestEchoesAsync() => IngestEchoesAsync(app);

    internal static async Task IngestEchoesAsync(AppFixture app)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-tests", Guid.NewGuid().ToString("N"));
        var results = await app.Services.GetRequiredService<IngestionService>().IngestPathsAsync(Echoes.Write(dir));
        Directory.Delete(dir, recursive: true);
        Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));
    }

    [Fact]
    public async Task AQuoteRepeatedAcrossFiveRewritesIsOneStatementWithFiveAppearancesOnThePersonPage()
    {
        await IngestEchoesAsync();
        foreach (var (lang, spread) in new[] { ("ar", "ظهر في 5 مقالات"), ("en", "Appeared in 5 articles") })
        {
            foreach (var width in new[] { 1440, 820, 390 })
            {
                var page = await app.OpenAsync("/people/mark-zuckerberg", width);
                if (lang == "en")
                {
                    await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/culture?set=en&back=/people/mark-zuckerberg");
                    await AppFixture.WaitInteractiveAsync(page);
                }
                var echoed = page.Locator(".statement", new() { HasTextString = "فرصة البناء" });
                Assert.Equal(1, await echoed.CountAsync());
                // The shortened copy (echo 3) is in the same statement, not a card of its own.
                Assert.Equal(0, await page.Locator(".item-text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا$") }).CountAsync());
                Assert.Equal("5", await echoed.GetAttributeAsync("data-appearances"));
                Assert.Equal(spread, (await echoed.Locator("summary.spread").TextContentAsync())!.Trim());
                Assert.Contains(Echoes.OriginSource, await echoed.Locator(".first-seen").TextContentAsync());
                // The card is the first appearance's: its source link goes to the origin article.
                var href = await echoed.Locator(".first-seen a.appearance").GetAttributeAsync("href");
                Assert.Equal(href, await echoed.Locator(".item-card a.source-link").GetAttributeAsync("href"));

                await echoed.Locator("summary.spread").ClickAsync();
                var items = echoed.Locator(".appearances li");
                await items.First.WaitForAsync();
                Assert.Equal(5, await items.CountAsync());
                Assert.Contains(Echoes.OriginSource, await items.First.TextContentAsync());
                Assert.Contains("نشرة التقنية اليومية", await items.Last.TextContentAsync());
                // Nothing wider than the window: a long title wraps instead of pushing the page sideways.
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{lang} {width}: wider than the window");
                await echoed.ScrollIntoViewIfNeededAsync();
                await AppFixture.ScreenshotAsync(page, $"person-statement-{lang}-{width}", fullPage: false);
                await page.CloseAsync();
            }
        }
    }
}

/// <summary>Its own app too: splitting changes the five appearances the class above counts.</summary>
public class StatementSplitEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AnEditorSplitsOneAppearanceOffAndTheStatementCountsFourWhileAnAnalystSeesNoButton()
    {
        await StatementsEndToEndTests.IngestEchoesAsync(app);
        Microsoft.Playwright.ILocator Echoed(Microsoft.Playwright.IPage page) =>
            page.Locator(".statement", new() { Has = page.Locator(".first-seen", new() { HasTextString = Echoes.OriginSource }) });

        var analyst = await app.OpenAsync("/people/mark-zuckerberg");
        await Echoed(analyst).Locator("summary.spread").ClickAsync();
        await Echoed(analyst).Locator(".appearances li").First.WaitForAsync();
        Assert.Equal(5, await Echoed(analyst).Locator(".appearances li").CountAsync());
        Assert.Equal(0, await analyst.Locator("button.split-statement").CountAsync());
        await analyst.CloseAsync();

        var page = await app.OpenAsync("/people/mark-zuckerberg", role: TrackerRoles.Editor);
        var said = int.Parse((await page.Locator(".quote-count").GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        var echoed = Echoed(page);
        Assert.Equal("5", await echoed.GetAttributeAsync("data-appearances"));
        await echoed.Locator("summary.spread").ClickAsync();
        var last = echoed.Locator(".appearances li").Last;
        Assert.Contains("نشرة التقنية اليومية", await last.TextContentAsync());
        Assert.Equal("ليس التصريح نفسه", (await last.Locator("button.split-statement").TextContentAsync())!.Trim());
        await last.Locator("button.split-statement").ClickAsync();

        await page.WaitForSelectorAsync($".quote-count[data-count='{said + 1}']");
        Assert.Equal("4", await echoed.GetAttributeAsync("data-appearances"));
        Assert.Equal("ظهر في 4 مقالات", (await echoed.Locator("summary.spread").TextContentAsync())!.Trim());
        Assert.DoesNotContain("نشرة التقنية اليومية", await echoed.Locator(".appearances").TextContentAsync());
        // The appearance split off is a card of its own now, with no appearances to list.
        var alone = page.Locator(".statement[data-appearances='1']", new() { HasTextString = "وسيعطي المطورين" });
        Assert.Equal(1, await alone.CountAsync());
        await AppFixture.ScreenshotAsync(page, "person-statement-split", fullPage: false);
        await page.CloseAsync();

        var factory = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Web.Data.TrackerDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var audit = db.Audit.Single(a => a.Action == "item.split");
            Assert.Equal("editor", audit.UserName);
        }

        // The same through the API, for another of the four.
        Web.Data.Item other;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var first = db.Statements.Single(s => s.Id == db.Items.Single(i => i.Article!.Source == Echoes.OriginSource && i.StatementId != null && i.Text.Contains("فرصة البناء")).StatementId);
            other = db.Items.First(i => i.StatementId == first.Id && i.Id != first.FirstItemId);
        }
        using var editor = await app.ClientAsync("editor");
        var split = await editor.PostAsJsonAsync($"/api/items/{other.Id}/split", new { version = other.Version });
        Assert.Equal(System.Net.HttpStatusCode.OK, split.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await split.Content.ReadAsStringAsync());
        Assert.NotEqual(other.StatementId, body.RootElement.GetProperty("statementId").GetInt32());
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(3, db.Items.Count(i => i.StatementId == other.StatementId));
    }
}

using MetaAiTracker.Web.Ingestion;
using MetaAiTracker.Web.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>Its own app (a class fixture per class): the five rewrites would change the seeds' counts other classes check.</summary>
public class StatementsEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task IngestEchoesAsync()
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

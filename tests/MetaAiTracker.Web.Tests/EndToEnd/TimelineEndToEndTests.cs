using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

public class TimelineEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<TrackerDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task PickingAThemePutsItInTheUrlAndShowsOnlyItsItems()
    {
        var page = await app.OpenAsync("/", height: 1600);
        await page.WaitForSelectorAsync(".item-card[data-item]");
        await AppFixture.ScreenshotAsync(page, "timeline", fullPage: false);
        var allCount = int.Parse((await page.GetAttributeAsync(".lanes-legend .total", "data-total"))!);

        await page.Locator(".theme-count a", new() { HasTextString = "المواهب والتوظيف" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("theme=talent"));
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('.lanes-legend .total').dataset.total) < {allCount}");
        await AppFixture.ScreenshotAsync(page, "timeline-talent", fullPage: false);

        await using var db = await DbAsync();
        // The total counts cards: an event and a claim read from the same words are one.
        var expected = await TimelineCards.Facts(db.Items.Where(i => i.Article!.IsRelevant && i.Status != ReviewStatus.Rejected && i.Themes.Any(t => t.ThemeKey == "talent"))).CountAsync();
        Assert.Equal(expected, int.Parse((await page.GetAttributeAsync(".lanes-legend .total", "data-total"))!));
        var tags = await page.Locator(".item-card").EvaluateAllAsync<string[][]>("cards => cards.map(c => [...c.querySelectorAll('.theme-tag')].map(t => t.textContent))");
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.Contains("المواهب والتوظيف", t));

        // The back button returns to the unfiltered view.
        await page.GoBackAsync();
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('.lanes-legend .total').dataset.total) === {allCount}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnItemLinksToItsExactSpanInTheArticle()
    {
        var page = await app.OpenAsync("/?kind=quote");
        var card = page.Locator(".item-card[data-item]").First;
        await card.WaitForAsync();
        var itemId = int.Parse((await card.GetAttributeAsync("data-item"))!);

        await card.Locator(".source-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/articles/") && url.EndsWith($"#item-{itemId}"));
        var mark = page.Locator($".source-text mark[data-items~='{itemId}']");
        await mark.WaitForAsync();
        await page.WaitForSelectorAsync(".source-text mark.current");
        await AppFixture.ScreenshotAsync(page, "article-from-timeline", fullPage: false);

        await using var db = await DbAsync();
        var item = await db.Items.Include(i => i.Article).SingleAsync(i => i.Id == itemId);
        var shown = await page.Locator(".source-text mark").EvaluateAllAsync<string>(
            $"marks => marks.filter(m => m.dataset.items.split(' ').includes('{itemId}')).map(m => m.textContent).join('')");
        Assert.Equal(item.Article!.Text[item.Start..item.End].Trim(), shown.Trim());
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnInvalidFilterValueIsNamedNotSilentlyDropped()
    {
        var page = await app.OpenAsync("/?stance=sideways&from=2025-13");
        var alerts = await page.Locator(".mud-alert").AllTextContentsAsync();
        Assert.Contains(alerts, a => a.Contains("stance=sideways"));
        Assert.Contains(alerts, a => a.Contains("from=2025-13"));
        await page.CloseAsync();
    }
}

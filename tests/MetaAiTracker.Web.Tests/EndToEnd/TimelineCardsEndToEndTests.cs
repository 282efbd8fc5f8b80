using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>The timeline's cards in Chromium: one card per fact, the compact layout, marked words, at three widths in both languages.</summary>
public class TimelineCardsEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<TrackerDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task AnEventAndAClaimOnTheSameWordsShowAsOneCard()
    {
        // Seed 004 opens with Zuckerberg announcing Llama 3.1: the same sentence is extracted as an event and a claim.
        (int Event, int Claim) twin;
        await using (var db = await DbAsync())
        {
            var items = await db.Items.Where(i => i.Kind == ItemKind.Event || i.Kind == ItemKind.Claim).ToListAsync();
            twin = (from e in items where e.Kind == ItemKind.Event && e.DateStart != null
                    from c in items where c.Kind == ItemKind.Claim && c.ArticleId == e.ArticleId && c.Start == e.Start && c.End == e.End
                    select (e.Id, c.Id)).First();
        }
        var page = await app.OpenAsync("/", height: 1400);
        await page.WaitForSelectorAsync(".item-card[data-item]");

        // The lane headers count cards, as the legend does, and the legend's lanes make its total.
        var legend = await page.Locator(".lanes-legend .lane-key").EvaluateAllAsync<int[]>("ks => ks.map(k => Number(k.dataset.count))");
        var total = int.Parse((await page.GetAttributeAsync(".lanes-legend .total", "data-total"))!);
        Assert.Equal(total, legend.Sum());
        var headers = await page.Locator(".lane-header").EvaluateAllAsync<string[][]>("hs => hs.map(h => [h.dataset.lane, h.dataset.count])");
        Assert.NotEmpty(headers);
        var lanes = new[] { "dated", "estimated", "undated" };
        Assert.All(headers, h => Assert.Equal(legend[Array.IndexOf(lanes, h[0])].ToString(System.Globalization.CultureInfo.InvariantCulture), h[1]));
        await using (var db = await DbAsync())
        {
            var items = await db.Items.CountAsync(i => i.Article!.IsRelevant && i.Status != ReviewStatus.Rejected);
            Assert.True(total < items, $"{total} cards for {items} items: the event and claim pairs are one card each");
        }

        var holding = page.Locator($".item-card[data-items~='{twin.Claim}']");
        await holding.First.ScrollIntoViewIfNeededAsync();
        Assert.Equal(1, await holding.CountAsync());
        Assert.Equal(twin.Event.ToString(System.Globalization.CultureInfo.InvariantCulture), await holding.GetAttributeAsync("data-item"));
        // The list re-renders as its theme counts and later pages arrive; the card's kinds are read once it has settled.
        await Microsoft.Playwright.Assertions.Expect(holding.Locator(".kind-tag")).ToHaveTextAsync(["حدث", "ادعاء"], new() { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator($".item-card[data-item='{twin.Claim}']").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheCompactLayoutIsALinkAndALineOpensIntoItsCard()
    {
        var page = await app.OpenAsync("/?kind=event");
        await page.WaitForSelectorAsync(".item-card[data-item]");
        await page.ClickAsync(".layout-toggle a[data-layout=compact]");
        await page.WaitForURLAsync(u => u.Contains("layout=compact"));
        await page.WaitForSelectorAsync("button.item-line");

        Assert.Equal(0, await page.Locator(".item-card[data-item]").CountAsync());
        var line = page.Locator("button.item-line").First;
        var id = await line.GetAttributeAsync("data-item");
        await line.ClickAsync();
        await page.WaitForSelectorAsync($".item-card[data-item='{id}']");
        Assert.Contains("kind=event", page.Url);

        // A way of looking, not a filter: the same cards, and "clear filters" is not offered for it alone.
        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/?layout=compact");
        await AppFixture.WaitInteractiveAsync(page);
        await page.WaitForSelectorAsync("button.item-line");
        Assert.Equal(0, await page.Locator("a.clear-filters").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TextSearchMarksTheMatchedWordsInTheCards()
    {
        const string q = "مفتوحة";
        var stems = SearchText.QueryStems(q);
        var page = await app.OpenAsync("/?q=" + Uri.EscapeDataString(q), height: 1400);
        await page.WaitForSelectorAsync(".item-card mark");

        var marks = await page.Locator(".item-card .item-text mark").AllTextContentsAsync();
        Assert.NotEmpty(marks);
        // Each mark is a whole word of the same stem, in any of its forms (مفتوح، المفتوحة، مفتوحة…).
        Assert.All(marks, m => Assert.Equal(new[] { (0, m.Length) }, SearchText.Matches(m, stems)));
        Assert.True(marks.Distinct().Count() >= 2, string.Join(", ", marks));

        // An Arabic title that opens with a Latin word is still laid out right to left.
        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/?q=" + Uri.EscapeDataString("تدرس"));
        await AppFixture.WaitInteractiveAsync(page);
        var title = page.Locator(".article-header .article-title", new() { HasTextString = "Meta تدرس" }).First;
        await title.WaitForAsync();
        Assert.Equal("rtl", await title.GetAttributeAsync("dir"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheTimelineIsReadableAtEveryWidthInBothLanguages()
    {
        foreach (var lang in new[] { "ar", "en" })
        foreach (var layout in new[] { "full", "compact" })
        foreach (var width in new[] { 1440, 820, 390 })
        {
            var page = await app.OpenAsync("/", width, 1400);
            if (lang == "en")
            {
                await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/culture?set=en&back=/");
                await AppFixture.WaitInteractiveAsync(page);
            }
            if (layout == "compact")
            {
                await page.ClickAsync(".layout-toggle a[data-layout=compact]");
                await page.WaitForSelectorAsync("button.item-line");
            }
            // Start the picture at the list (the chart and the filters are others' to look at); the list loads its
            // cards as it comes into view.
            const string toList = "() => window.scrollTo(0, document.querySelector('.layout-toggle').getBoundingClientRect().top + window.scrollY - 70)";
            await page.EvaluateAsync(toList);
            await page.WaitForSelectorAsync(".lane-header");
            await page.EvaluateAsync(toList);
            await page.WaitForTimeoutAsync(300);
            await AppFixture.ScreenshotAsync(page, $"timeline-cards-{layout}-{lang}-{width}", fullPage: false);

            // Nothing is wider than the window: no card, line or header runs off the side.
            var overflow = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.timeline .item-card, .timeline .item-line, .article-header, .lane-header')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 || e.getBoundingClientRect().left < -1).length");
            Assert.Equal(0, overflow);
            await page.CloseAsync();
        }
    }
}

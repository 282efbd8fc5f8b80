using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>The stance chart and the milestone strip in Chromium, at a desktop's, a tablet's and a phone's width.</summary>
public class ChartEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Whether the element is shown and lies across the viewport's width, not scrolled or cut off to one side.</summary>
    private static async Task<bool> InViewAsync(ILocator element, int width)
    {
        if (!await element.IsVisibleAsync()) return false;
        var box = await element.BoundingBoxAsync();
        return box is not null && box.Width > 0 && box.X >= 0 && box.X + box.Width <= width + 0.5;
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(820)]
    [InlineData(390)]
    public async Task TheChartSaysWhatItCountsAndTheMilestonesShowAtEveryWidth(int width)
    {
        var page = await app.OpenAsync("/", width, 1000);
        foreach (var language in new[] { "ar", "en" })
        {
            if (language == "en")
            {
                await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/culture?set=en&back=/");
                await AppFixture.WaitInteractiveAsync(page);
            }
            var chart = page.Locator(".stance-chart-box");
            await chart.ScrollIntoViewIfNeededAsync();
            if (width <= 700)
            {
                // On a phone the chart's key folds behind its switch, so the first card stays on the first screen.
                Assert.False(await page.Locator(".chart-caption-y").IsVisibleAsync(), $"{language} {width}: the key should start folded");
                await page.ClickAsync("label[for=chart-key-toggle]");
                await chart.ScrollIntoViewIfNeededAsync();
            }

            Assert.True(await InViewAsync(page.Locator(".chart-caption-y"), width), $"{language} {width}: y caption");
            Assert.True(await InViewAsync(page.Locator(".chart-caption-x"), width), $"{language} {width}: x caption");
            Assert.Contains(language == "en" ? "Items per month" : "عدد العناصر في كل شهر", await page.Locator(".chart-caption-y").TextContentAsync());
            foreach (var entry in new[] { ".legend-open", ".legend-closed", ".legend-balance", ".legend-milestone" })
                Assert.True(await InViewAsync(page.Locator($".chart-legend {entry}"), width), $"{language} {width}: {entry}");
            // The count axis stands where reading starts, so even a phone that scrolls the chart shows it first.
            Assert.True(await InViewAsync(page.Locator("text.y-tick").Last, width), $"{language} {width}: the zero tick");
            Assert.True(await InViewAsync(page.Locator("text.x-label").First, width), $"{language} {width}: the first period's label");
            Assert.True(await page.Locator("a.milestone-mark").CountAsync() > 0);

            var strip = page.Locator(".milestone-strip");
            await strip.ScrollIntoViewIfNeededAsync();
            Assert.True(await InViewAsync(strip, width), $"{language} {width}: milestone strip");
            var first = strip.Locator("a").First;
            Assert.Matches(@"^/articles/\d+#item-\d+$", await first.GetAttributeAsync("href"));

            await chart.ScrollIntoViewIfNeededAsync();
            await page.EvaluateAsync("() => { document.querySelector('.stance-chart-box').scrollIntoView({ block: 'start' }); window.scrollBy(0, -80); }");
            await AppFixture.ScreenshotAsync(page, $"timeline-chart-{language}-{width}", fullPage: false);
        }
        await page.CloseAsync();
    }

    [Fact]
    public async Task TwoFilteredViewsHaveTheSameFirstAndLastPeriodOnTheChart()
    {
        var labels = new List<(string? First, string? Last, string? FirstLabel, string? LastLabel)>();
        foreach (var view in new[] { "/?theme=talent", "/?stance=closed&kind=claim", "/" })
        {
            var page = await app.OpenAsync(view, 1440, 900);
            var svg = page.Locator("svg.stance-chart");
            labels.Add((await svg.GetAttributeAsync("data-first"), await svg.GetAttributeAsync("data-last"),
                await page.Locator("text.x-label").First.TextContentAsync(), await page.Locator("text.x-label").Last.TextContentAsync()));
            await page.CloseAsync();
        }

        Assert.Equal(labels[2], labels[0]);
        Assert.Equal(labels[2], labels[1]);
        Assert.NotNull(labels[0].FirstLabel);
    }

    [Fact]
    public async Task AMilestoneInTheStripOpensItsItemInTheArticle()
    {
        var page = await app.OpenAsync("/", 1440, 900);
        var link = page.Locator(".milestone-strip a").First;
        var id = await link.GetAttributeAsync("data-item");

        await link.ClickAsync();

        await page.WaitForURLAsync(u => u.EndsWith($"#item-{id}"));
        await page.Locator($".source-text mark[data-items~='{id}']").First.WaitForAsync();
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnEditorMarksAMilestoneOverTheApiAnAnalystIsRefusedAndTheStripShowsIt()
    {
        int id, version;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            // A dated claim of the latest month: shown last in the strip, so the other tests' first milestone stays the first.
            var item = await db.Items.Where(i => !i.IsMilestone && i.Kind == ItemKind.Claim && i.DateStart != null)
                .OrderByDescending(i => i.DateStart).ThenByDescending(i => i.Id).FirstAsync();
            (id, version) = (item.Id, item.Version);
        }
        using var analyst = await app.ClientAsync("analyst");
        using var editor = await app.ClientAsync("editor");

        var refused = await analyst.PutAsJsonAsync($"/api/items/{id}/milestone", new { version, milestone = true });
        var marked = await editor.PutAsJsonAsync($"/api/items/{id}/milestone", new { version, milestone = true });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var body = JsonDocument.Parse(await marked.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("isMilestone").GetBoolean());
        Assert.Equal("Confirmed", body.GetProperty("status").GetString());
        var page = await app.OpenAsync("/", 1440, 900);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator(".milestone-strip a").Last.GetAttributeAsync("data-item"));
        await page.CloseAsync();
    }
}

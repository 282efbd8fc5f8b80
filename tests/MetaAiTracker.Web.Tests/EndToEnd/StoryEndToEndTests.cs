using MetaAiTracker.Web.Ingestion;
using MetaAiTracker.Web.Tests.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>Syndicated copies in Chromium: a story published on five sites is one group of cards, its outlets on demand.</summary>
public class StoryEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Seed 004 (July 2024, in the store) and four outlets' rewrites of it (September 2025): five publications.</summary>
    private Task<List<IngestResult>> RepublishAsync() => IngestTextsAsync(StoryRewrites.Files().Skip(1));

    /// <summary>Writes the texts as files in a folder of their own, ingests them as an editor's folder would be, and removes the folder.</summary>
    private async Task<List<IngestResult>> IngestTextsAsync(IEnumerable<string> texts)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-story-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var files = texts.Select((t, i) => { var p = Path.Combine(dir, $"copy{i}.txt"); File.WriteAllText(p, t); return p; }).ToList();
        try { return await app.Services.GetRequiredService<IngestionService>().IngestPathsAsync(files); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task FivePublicationsOfOneStoryAreOneGroupWithFiveOutletsAndCopiesShowOnlyWhenAsked()
    {
        var results = await RepublishAsync();
        Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));

        var page = await app.OpenAsync("/?from=2024-07&to=2024-07", height: 1200);
        await page.WaitForSelectorAsync(".item-card[data-item]");
        var story = page.Locator(".article-header details.story-outlets");
        Assert.Equal(1, await story.CountAsync());
        Assert.Equal("5", await story.GetAttributeAsync("data-outlets"));
        await Assertions.Expect(story.Locator("summary")).ToHaveTextAsync("نُشر في 5 مواقع، مصدر أصلي واحد");
        Assert.False(await story.Locator("li").First.IsVisibleAsync());
        await story.Locator("summary").ClickAsync();
        await Assertions.Expect(story.Locator("li")).ToHaveCountAsync(5);
        foreach (var outlet in StoryRewrites.Outlets.Skip(1)) await Assertions.Expect(story).ToContainTextAsync(outlet);
        await Assertions.Expect(story.Locator("li").First.Locator(".story-origin")).ToBeVisibleAsync();
        Directory.CreateDirectory(AppFixture.ScreenshotDir);
        await AppFixture.ScreenshotAsync(page, "story-outlets-ar-1366", fullPage: false);

        // A copy's own cards are hidden until every copy is asked for (the chip keeps the rest of the view).
        var last = results[^1].ArticleId!.Value;
        var copies = await app.OpenAsync("/?source=" + Uri.EscapeDataString(StoryRewrites.Outlets[^1]));
        await copies.WaitForSelectorAsync(".timeline", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await copies.Locator(".item-card[data-item]").CountAsync());
        await copies.ClickAsync("a.chip.copies");
        await copies.WaitForURLAsync(u => u.Contains("copies=1"));
        // (one header per period the article's cards fall in)
        await Assertions.Expect(copies.Locator($".article-header[data-article='{last}']").First).ToBeVisibleAsync();
        await Assertions.Expect(copies.Locator($".article-header[data-article='{last}'] details.story-outlets").First).ToHaveAttributeAsync("data-outlets", "5");

        // The reader of a copy names the origin and the others.
        var copy = results[0].ArticleId!.Value;
        var reader = await app.OpenAsync($"/articles/{copy}");
        await Assertions.Expect(reader.Locator(".story-members a.also-published")).ToHaveCountAsync(4);
        await Assertions.Expect(reader.Locator(".story-members a.story-origin-link")).ToHaveCountAsync(1);
        await page.CloseAsync();
        await copies.CloseAsync();
        await reader.CloseAsync();
    }

    [Fact]
    public async Task TheOverviewCountsAStoryOnceAndItsSwitchCountsEveryCopyAndCarriesThatToTheTimeline()
    {
        // Seed 000 and five outlets' rewrites of it (late September 2025): a story of six publications.
        Assert.All(await IngestTextsAsync(StoryRewrites.Files("000", firstDay: 20)), r => Assert.Equal(IngestOutcome.Added, r.Outcome));

        var page = await app.OpenAsync("/overview", width: 1440, height: 1000);
        await page.WaitForSelectorAsync(".latest-month");
        var chip = page.Locator(".overview-counting a.chip.copies");
        var note = page.Locator(".overview-counting .counting-note");
        await Assertions.Expect(chip).ToHaveTextAsync("عدّ كل نسخة من الخبر");
        await Assertions.Expect(chip).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon\b"));
        await Assertions.Expect(note).ToHaveAttributeAsync("data-copies", "0");
        await Assertions.Expect(note).ToContainTextAsync("مرة واحدة");
        Assert.DoesNotContain("copies=1", await page.Locator(".theme-stance tbody a").First.GetAttributeAsync("href") ?? "");
        var once = await QuotesBySpeakerAsync(page);
        Directory.CreateDirectory(AppFixture.ScreenshotDir);
        await AppFixture.ScreenshotAsync(page, "overview-counted-once-ar-1440", fullPage: false);

        await chip.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("copies=1"));
        await Assertions.Expect(note).ToHaveAttributeAsync("data-copies", "1");
        await Assertions.Expect(note).ToContainTextAsync("كل نسخة");
        await Assertions.Expect(chip).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bon\b"));
        // The numbers the analyst clicks open the timeline counted the same way.
        Assert.Contains("copies=1", await page.Locator("a:has(.latest-month)").GetAttributeAsync("href"));
        foreach (var link in await page.Locator(".theme-stance tbody a").AllAsync()) Assert.Contains("copies=1", await link.GetAttributeAsync("href"));
        var raw = await QuotesBySpeakerAsync(page);
        Assert.True(raw.Values.Sum() > once.Values.Sum(), $"every copy counted: {raw.Values.Sum()} quotes, once: {once.Values.Sum()}");
        Assert.All(once, s => Assert.True(raw.GetValueOrDefault(s.Key, int.MaxValue) >= s.Value, s.Key));
        await AppFixture.ScreenshotAsync(page, "overview-every-copy-ar-1440", fullPage: false);

        // Off again, back to the address without the key.
        await chip.ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("copies=1"));
        await Assertions.Expect(note).ToHaveAttributeAsync("data-copies", "0");
        Assert.Equal(once, await QuotesBySpeakerAsync(page));

        var phone = await app.OpenAsync("/overview?copies=1", width: 390, height: 900);
        await phone.WaitForSelectorAsync(".latest-month");
        await Assertions.Expect(phone.Locator(".overview-counting .counting-note")).ToHaveAttributeAsync("data-copies", "1");
        var box = await phone.Locator(".overview-counting").BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"the switch fits a phone's width: {box.X}+{box.Width}");
        await AppFixture.ScreenshotAsync(phone, "overview-every-copy-ar-390", fullPage: false);
        await page.CloseAsync();
        await phone.CloseAsync();
    }

    /// <summary>The most-quoted table: each speaker's link and quote count.</summary>
    private static async Task<Dictionary<string, int>> QuotesBySpeakerAsync(IPage page)
    {
        var rows = new Dictionary<string, int>();
        foreach (var row in await page.Locator(".speakers tbody tr").AllAsync())
            rows[(await row.Locator("a").GetAttributeAsync("href"))!] = int.Parse((await row.Locator("td").Nth(1).TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty(rows);
        return rows;
    }

    [Fact]
    public async Task APasteThatNearlyRepeatsAStoredArticleIsNamedBeforeSavingAndJoinsItsStoryWhenSavedAnyway()
    {
        int seed;
        string title;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MetaAiTracker.Web.Data.TrackerDbContext>>().CreateDbContextAsync())
            (seed, title) = await db.Articles.Where(a => a.FileName.StartsWith("002_")).Select(a => new Tuple<int, string>(a.Id, a.Title).ToValueTuple()).SingleAsync();
        var text = StoryRewrites.Seed("002") + "\nوأضاف الموقع أن الشركة لم ترد على طلب للتعليق حتى وقت النشر.";

        var page = await app.OpenAsync("/articles/new", role: MetaAiTracker.Web.Accounts.TrackerRoles.Editor, height: 1100);
        await page.FillAsync("textarea[name=text]", text);
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("section:has(textarea[name=text]) button.primary");
        var warning = page.Locator(".paste-preview .near-copy");
        await warning.WaitForAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(warning).ToContainTextAsync("يكاد يطابق");
        await Assertions.Expect(warning.Locator($"li[data-article='{seed}'] a")).ToHaveTextAsync(title);
        await Assertions.Expect(warning.Locator($"li[data-article='{seed}'] a")).ToHaveAttributeAsync("href", $"/articles/{seed}");
        await Assertions.Expect(page.Locator(".paste-preview a.open-copy")).ToHaveAttributeAsync("href", $"/articles/{seed}");
        Directory.CreateDirectory(AppFixture.ScreenshotDir);
        await AppFixture.ScreenshotAsync(page, "near-copy-warning-ar-1366", fullPage: false);

        await page.ClickAsync(".paste-preview button.confirm");
        await page.WaitForURLAsync(u => u.Contains("/review/"), new() { Timeout = 60_000 });
        var added = int.Parse(page.Url.Split("/review/")[1], System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MetaAiTracker.Web.Data.TrackerDbContext>>().CreateDbContextAsync())
        {
            var both = await db.Articles.Where(a => a.Id == seed || a.Id == added).ToListAsync();
            Assert.Equal(2, both.Count);
            Assert.NotNull(both[0].StoryId);
            Assert.Equal(both[0].StoryId, both[1].StoryId);
        }

        // A paste of a new story gets no warning.
        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/articles/new");
        await AppFixture.WaitInteractiveAsync(page);
        await page.FillAsync("textarea[name=text]", string.Join(" ", Enumerable.Range(1, 60).Select(n => $"كلمة{n}")));
        await page.Keyboard.PressAsync("Tab");
        await page.ClickAsync("section:has(textarea[name=text]) button.primary");
        await page.Locator(".paste-preview").WaitForAsync();
        Assert.Equal(0, await page.Locator(".paste-preview .near-copy").CountAsync());
        await page.CloseAsync();
    }
}

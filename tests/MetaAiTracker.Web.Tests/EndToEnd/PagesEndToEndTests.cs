using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

public class PagesEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SearchingAnInflectedFormFindsAndMarksTheWord()
    {
        var page = await app.OpenAsync("/search?q=" + Uri.EscapeDataString("بالذكاء"));
        await page.WaitForSelectorAsync(".article-hit mark");
        await AppFixture.ScreenshotAsync(page, "search", fullPage: false);

        Assert.Equal(5, int.Parse((await page.GetAttributeAsync(".article-count", "data-count"))!));
        var marked = await page.Locator(".search-hit mark").AllTextContentsAsync();
        Assert.NotEmpty(marked);
        // Every marked word is a form of ذكاء, whole (وال/بال prefixes, no split letters).
        Assert.All(marked, m => Assert.Matches(@"^(و|ف)?(ب|ك|ل)?(ال|ل)?ذكاء[\u064B-\u0652]*$", Core.Text.ArabicNormalizer.Normalize(m)));
        await page.CloseAsync();
    }

    [Fact]
    public async Task BothSpellingsOfZuckerbergFindTheSameArticles()
    {
        var a = await app.OpenAsync("/search?q=" + Uri.EscapeDataString("زوكربيرغ"));
        await a.WaitForSelectorAsync(".article-count");
        var b = await app.OpenAsync("/search?q=" + Uri.EscapeDataString("زوكربيرج"));
        await b.WaitForSelectorAsync(".article-count");

        var countA = int.Parse((await a.GetAttributeAsync(".article-count", "data-count"))!);
        Assert.True(countA >= 2);
        Assert.Equal(countA, int.Parse((await b.GetAttributeAsync(".article-count", "data-count"))!));
    }

    [Fact]
    public async Task APersonPageShowsTheirQuotesAndAliases()
    {
        var page = await app.OpenAsync("/people");
        await page.Locator("a", new() { HasTextString = "مارك زوكربيرغ" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/people/mark-zuckerberg"));
        await page.WaitForSelectorAsync(".quote-count");
        await AppFixture.ScreenshotAsync(page, "person", fullPage: false);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        // Each statement once: quotes that repeat one another (the same StatementId) count as one.
        var quotes = (await db.Items.Where(i => i.Kind == ItemKind.Quote && i.SpeakerEntityId == "mark-zuckerberg" && i.Status != ReviewStatus.Rejected)
            .Select(i => new { i.Id, i.StatementId }).ToListAsync()).Select(i => i.StatementId ?? -i.Id).Distinct().Count();
        Assert.True(quotes > 0);
        Assert.Equal(quotes, int.Parse((await page.GetAttributeAsync(".quote-count", "data-count"))!));
        var aliases = await page.Locator(".aliases").TextContentAsync();
        Assert.Contains("زوكربيرج", aliases);
        Assert.Contains("زوكربيرغ", aliases);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheOverviewNamesTheLatestMonthAndItsThemes()
    {
        var page = await app.OpenAsync("/overview");
        await page.WaitForSelectorAsync(".latest-month");
        await AppFixture.ScreenshotAsync(page, "overview", fullPage: false);

        Assert.False(string.IsNullOrWhiteSpace(await page.Locator(".latest-month").TextContentAsync()));
        Assert.True(await page.Locator(".theme-stance tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator(".speakers tbody tr").CountAsync() > 0);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheEnglishSwitchTurnsTheInterfaceLeftToRightAndIsRemembered()
    {
        var page = await app.OpenAsync("/?kind=quote");
        await page.WaitForSelectorAsync(".item-card[data-item]");
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));

        await page.ClickAsync(".lang-switch");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await page.WaitForSelectorAsync(".item-card[data-item]");
        await AppFixture.ScreenshotAsync(page, "timeline-en", fullPage: false);

        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.Contains("kind=quote", page.Url);
        Assert.Equal("Timeline", (await page.Locator(".top-nav a").First.TextContentAsync())?.Trim());
        Assert.Matches(@"^~?[A-Z][a-z]+ \d{4}$|^~?\d{4}$|^~?Q\d \d{4}$", (await page.Locator(".item-date").First.TextContentAsync())!.Trim());
        // The source text keeps its own language and direction.
        Assert.Equal("rtl", await page.Locator(".item-text").First.GetAttributeAsync("dir"));

        // Remembered: a fresh load of another page in the same browser opens in English.
        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/overview");
        await page.WaitForSelectorAsync("[data-ready=true]");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheLanguageEndpointRefusesAnUnknownLanguageAndForeignRedirects()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };

        var bad = await http.GetAsync("/culture?set=fr");
        var foreign = await http.GetAsync("/culture?set=en&back=" + Uri.EscapeDataString("//evil.example/x"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("fr", await bad.Content.ReadAsStringAsync());
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheTimelineOffersTheBriefingOfItsViewAsAPdf()
    {
        var page = await app.OpenAsync("/?theme=talent");
        var href = await page.GetAttributeAsync(".briefing-link", "href");
        Assert.Equal("/briefing.pdf?theme=talent&lang=ar", href);

        using var http = await app.ClientAsync("analyst");
        var pdf = await http.GetAsync(href);
        var bad = await http.GetAsync("/briefing.pdf?from=2025-13");

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from=2025-13", await bad.Content.ReadAsStringAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnAnalystPicksItemsAndGetsTheirBriefing()
    {
        var page = await app.OpenAsync("/?kind=event");
        var boxes = page.Locator(".item-card input.pick");
        await boxes.First.WaitForAsync();
        var ids = await page.Locator(".item-card").EvaluateAllAsync<int[]>("cards => cards.slice(0, 2).map(c => Number(c.dataset.item))");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.WaitForSelectorAsync(".selection-bar[data-picked='2']");
        await AppFixture.ScreenshotAsync(page, "timeline-picked", fullPage: false);

        var href = await page.GetAttributeAsync(".briefing-picked", "href");
        Assert.Equal($"/briefing.pdf?item={ids.Min()}&item={ids.Max()}&lang=ar", href);
        using var http = await app.ClientAsync("analyst");
        var pdf = await http.GetAsync(href);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnAnalystSavesAViewAndFindsItWithItsBriefing()
    {
        var page = await app.OpenAsync("/?theme=talent&stance=open");
        await page.FillAsync(".save-view input", "مواهب منفتحة");
        await page.ClickAsync(".save-view button");
        await page.WaitForSelectorAsync(".saved-views .saved-view");

        var chip = page.Locator(".saved-view", new() { HasTextString = "مواهب منفتحة" });
        Assert.Equal("/?theme=talent&stance=open", await chip.Locator("a.chip").GetAttributeAsync("href"));
        Assert.Equal($"/briefing.pdf?view={Uri.EscapeDataString("مواهب منفتحة")}&lang=ar", await chip.Locator("a.pdf").GetAttributeAsync("href"));
        await page.CloseAsync();
    }
}

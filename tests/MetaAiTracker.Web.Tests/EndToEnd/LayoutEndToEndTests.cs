using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>
/// What a reader sees on a phone (390 px), a tablet (820 px) and a desktop (1440 px): the top bar fits, no page is
/// wider than the screen, the first item shows without scrolling, and the Arabic interface has no English in it.
/// </summary>
public class LayoutEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const int Phone = 390, PhoneHeight = 844;

    private async Task<(int Article, int Review, string Person)> IdsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
        // The title that opens with a Latin word («Meta تدرس…»), the case the direction rules are for.
        var article = await db.Articles.Where(a => a.Title.StartsWith("Meta")).Select(a => a.Id).FirstAsync();
        var person = await db.Items.Where(i => i.SpeakerEntityId != null).GroupBy(i => i.SpeakerEntityId!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        return (article, article, person);
    }

    private async Task<string[]> PagesAsync()
    {
        var (article, review, person) = await IdsAsync();
        return ["/", "/articles", $"/articles/{article}", "/search?q=" + Uri.EscapeDataString("الذكاء"), "/people", $"/people/{person}",
            "/overview", "/quality", "/review", $"/review/{review}", "/articles/new", "/admin"];
    }

    /// <summary>How far the page is wider than its screen, once MudBlazor's scripts have sized what they measure (tabs, tables).</summary>
    private static async Task<int> OverflowAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(600);
        return await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    }

    [Fact]
    public async Task OnAPhoneTheTopBarFitsAndItsMenuHoldsTheLinksSearchAndSignOut()
    {
        var page = await app.OpenAsync("/", Phone, PhoneHeight, TrackerRoles.Admin);

        async Task AllInsideAsync(string selector)
        {
            var boxes = await page.Locator(selector).EvaluateAllAsync<double[][]>(
                "els => els.filter(e => e.offsetParent).map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })");
            Assert.NotEmpty(boxes);
            Assert.All(boxes, b => Assert.True(b[0] >= 0 && b[1] <= Phone, $"{selector} at {b[0]:0}..{b[1]:0}, outside 0..{Phone}"));
        }

        // Closed: the bar shows the title, the menu button and the language link, all on the screen.
        Assert.False(await page.Locator(".top-nav a").First.IsVisibleAsync());
        await AllInsideAsync(".mud-appbar a, .mud-appbar label");
        await page.ClickAsync(".top-menu-button");
        await AppFixture.ScreenshotAsync(page, "menu-390", fullPage: false);
        Assert.Equal(8, await page.Locator(".top-nav a").CountAsync());
        await AllInsideAsync(".top-nav a");
        await AllInsideAsync(".top-search input");
        await AllInsideAsync(".sign-out button");
        await AllInsideAsync(".sign-out .who");
        Assert.True(await page.Locator(".lang-switch").IsVisibleAsync());

        // Choosing a page closes the menu.
        await page.ClickAsync(".top-nav a[href='/overview']");
        await page.WaitForURLAsync("**/overview");
        await page.WaitForFunctionAsync("() => !document.querySelector('.top-nav a').offsetParent");
        await page.CloseAsync();
    }

    [Fact]
    public async Task OnATabletTheAccountNameIsWhole()
    {
        var page = await app.OpenAsync("/", 820, 1180, TrackerRoles.Admin);
        await page.ClickAsync(".top-menu-button");
        var who = page.Locator(".sign-out .who");
        Assert.Equal("admin", (await who.TextContentAsync())?.Trim());
        // Not cut: the name's box is as wide as its text, and inside the screen.
        var box = await who.EvaluateAsync<double[]>("e => [e.scrollWidth, e.getBoundingClientRect().width, e.getBoundingClientRect().right]");
        Assert.True(box[0] <= Math.Ceiling(box[1]) && box[2] <= 820, $"name {box[0]} wide in a box of {box[1]:0}, ends at {box[2]:0}");
        await page.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneNoPageIsWiderThanTheScreenAndTheFirstItemShowsAtOnce()
    {
        var context = await app.ContextAsync(TrackerRoles.Admin, Phone, PhoneHeight);
        var page = await context.NewPageAsync();
        foreach (var path in await PagesAsync())
        {
            await page.GotoAsync(app.BaseUrl.TrimEnd('/') + path);
            await AppFixture.WaitInteractiveAsync(page);
            var wider = await OverflowAsync(page);
            Assert.True(wider <= 0, $"{path} is {wider} px wider than the phone");
        }

        await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/?theme=openness&stance=open&kind=quote");
        await AppFixture.WaitInteractiveAsync(page);
        var first = await page.Locator(".item-card[data-item]").First.BoundingBoxAsync();
        Assert.NotNull(first);
        // Its head (kind, date, stance) is on the first screen, without scrolling.
        Assert.True(first.Y + 40 <= PhoneHeight, $"the first item starts at {first.Y:0} px, below the first screen ({PhoneHeight} px)");
        // The filters fold behind one button that counts them, and open with it.
        Assert.Equal("المرشحات (3)", (await page.TextContentAsync(".filters-button"))?.Trim());
        Assert.False(await page.Locator(".filters").IsVisibleAsync());
        await page.ClickAsync(".filters-button");
        Assert.True(await page.Locator(".filters").IsVisibleAsync());
        await context.CloseAsync();
    }

    /// <summary>
    /// Every page at the three widths, in Arabic and in English, saved with the test output for a person to look at;
    /// none is wider than its screen, and the Arabic pages have no English word outside what is allowed to be Latin.
    /// </summary>
    [Fact]
    public async Task EveryPageAtThreeWidthsIsSavedAndFitsItsScreen()
    {
        var paths = await PagesAsync();
        var problems = new List<string>();
        var saved = new List<string>();
        foreach (var language in new[] { "ar", "en" })
        {
            var context = await app.ContextAsync(TrackerRoles.Admin, 1440, 900);
            var page = await context.NewPageAsync();
            if (language == "en") await page.GotoAsync(app.BaseUrl.TrimEnd('/') + "/culture?set=en&back=/");
            foreach (var path in paths)
                foreach (var (width, height) in new[] { (1440, 900), (820, 1180), (Phone, PhoneHeight) })
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.GotoAsync(app.BaseUrl.TrimEnd('/') + path);
                    await AppFixture.WaitInteractiveAsync(page);
                    var name = $"{language}-{Slug(path)}-{width}";
                    await AppFixture.ScreenshotAsync(page, name);
                    saved.Add(name);
                    if (await OverflowAsync(page) is > 0 and var wider) problems.Add($"{name}: {wider} px wider than the screen");
                    if (language == "ar" && width == 1440)
                        problems.AddRange((await LatinWordsAsync(page)).Select(w => $"{name}: English in the Arabic interface: {w}"));
                    if (language == "en" && width == 1440)
                        problems.AddRange((await ArabicInInterfaceAsync(page)).Select(w => $"{name}: Arabic in the English interface: {w}"));
                }
            await context.CloseAsync();
        }

        // The sign-in page, as a visitor who is not signed in sees it.
        var visitor = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ar" });
        var login = await visitor.NewPageAsync();
        foreach (var (width, height) in new[] { (1440, 900), (820, 1180), (Phone, PhoneHeight) })
        {
            await login.SetViewportSizeAsync(width, height);
            await login.GotoAsync(app.BaseUrl.TrimEnd('/') + "/account/login");
            await AppFixture.ScreenshotAsync(login, $"ar-account-login-{width}");
            saved.Add($"ar-account-login-{width}");
            if (await OverflowAsync(login) is > 0 and var wider) problems.Add($"login at {width}: {wider} px wider than the screen");
        }
        await visitor.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(paths.Length * 6 + 3, saved.Count);
        Assert.All(saved, n => Assert.True(new FileInfo(Path.Combine(AppFixture.ScreenshotDir, n + ".png")).Length > 10_000, n));
    }

    private static string Slug(string path) => path == "/" ? "timeline" : new string([.. path.Trim('/').Split('?')[0].Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    /// <summary>
    /// Latin words in the interface's own text. Allowed to be Latin, and skipped: what the page did not write (article
    /// text, titles, outlets and names, which carry lang or dir), addresses, ISO dates and ids (dir="ltr"), form fields,
    /// the chart, shell commands (./tracker …), file extensions (.txt), and the format names PDF, HTML and UTC.
    /// </summary>
    private static Task<string[]> LatinWordsAsync(IPage page) => InterfaceTextAsync(page, "latin");

    /// <summary>The reverse for the English interface: Arabic letters or punctuation («،» «؟») in its own text.</summary>
    private static Task<string[]> ArabicInInterfaceAsync(IPage page) => InterfaceTextAsync(page, "arabic");

    private static Task<string[]> InterfaceTextAsync(IPage page, string script) => page.EvaluateAsync<string[]>("""
        script => {
          // In English the page itself is dir=ltr, and what is Arabic by nature (titles, quotes) carries its direction.
          const skip = 'script,style,code,svg,input,textarea,select,option,bdi,[lang]:not(html),.ltr,a[href^="http"],'
            + (script === 'latin' ? '[dir=ltr]' : '[dir=ltr]:not(html),[dir=rtl],[dir=auto]');
          const found = [];
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const el = walk.currentNode.parentElement;
            if (!el || el.closest(skip) || !el.getClientRects().length) continue;
            const text = walk.currentNode.textContent.replace(/\.\/tracker[^\u0600-\u06FF()]*/g, '').replace(/\.[a-z]{2,4}\b/g, '');
            const words = script === 'latin' ? /[A-Za-z]{2,}/g : /[\u0600-\u06FF]+/g;
            for (const m of text.matchAll(words))
              if (!['PDF', 'UTC', 'HTML'].includes(m[0])) found.push(`${m[0]} in «${walk.currentNode.textContent.trim().slice(0, 80)}»`);
          }
          return found;
        }
        """, script);
}

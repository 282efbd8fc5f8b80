using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Tests.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>
/// A source added on the admin page brings the local test feed's articles into the review queue with no shell: the
/// dashboard's own background service polls it, and the tab shows what the poll brought and a bad source's error.
/// Its own app (not <see cref="AppFixture"/>): the fetch settings allow the test feed server's 127.0.0.1 and the
/// service looks for due sources every second.
/// </summary>
public sealed class SourcesEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mat-e2e", Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private FeedServer _feeds = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        Directory.CreateDirectory(AppFixture.ScreenshotDir);
        _feeds = await FeedServer.StartAsync();
        _app = WebApp.Create(
            ["--Tracker:IngestSeedsOnFirstStart=false", "--Tracker:Fetch:AllowedPrivateNetworks:0=127.0.0.1/32", "--Tracker:Fetch:TimeoutSeconds=3",
             "--Tracker:Sources:TickSeconds=1", "--Serilog:MinimumLevel:Default=Warning"],
            database: Path.Combine(_dir, "tracker.db"),
            configure: b => b.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0)));
        await AppServices.PrepareStoreAsync(_app.Services);
        await _app.StartAsync();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(UserAdmin.CommandLine, "admin", TrackerRoles.Admin, AppFixture.Password);
        _playwright = await Playwright.CreateAsync();
        _browser = await AppFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    private async Task<IPage> AdminPageAsync(int width, string culture)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 }, Locale = "ar" });
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, _base, "admin", AppFixture.Password);
        await page.GotoAsync($"{_base.TrimEnd('/')}/culture?set={culture}&back=/admin");
        await page.WaitForSelectorAsync("h1[data-interactive=true]");
        await page.Locator(".mud-tab", new() { HasTextString = culture == "ar" ? "المصادر" : "Sources" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task ASourceAddedOnTheAdminPageBringsItsArticlesIntoTheReviewQueueAndShowsItsStatus()
    {
        var page = await AdminPageAsync(1440, "ar");
        await page.FillAsync(".source-add input[name=address]", _feeds.Base + "/rss.xml");
        await page.ClickAsync(".source-add button[type=submit]");
        var row = page.Locator("tr[data-source]").First;
        // The background service polls the new source within a tick or two; the tab reads the rows again by itself.
        await Assertions.Expect(row.Locator(".brought-summary")).ToHaveAttributeAsync("data-added", "2", new() { Timeout = 30_000 });
        await Assertions.Expect(row.Locator(".brought-summary")).ToContainTextAsync("أُضيف: ⁨2⁩");

        // A bad source next to it: its error, in Arabic, on its own row.
        await page.FillAsync(".source-add input[name=address]", _feeds.Base + "/broken.xml");
        await page.ClickAsync(".source-add button[type=submit]");
        var broken = page.Locator("tr[data-source]").Nth(1);
        await Assertions.Expect(broken.Locator(".last-error .error-text")).ToHaveAttributeAsync("data-key", "source.notFeed", new() { Timeout = 30_000 });
        await Assertions.Expect(broken.Locator(".last-error")).ToContainTextAsync("ليس خلاصة RSS أو Atom أو JSON Feed");
        await Assertions.Expect(row.Locator(".last-error .error-text")).ToHaveCountAsync(0);

        // A feed whose entries include a redirect to [::1] and a page that 404s: one added, two refused, each with its reason.
        await page.FillAsync(".source-add input[name=address]", _feeds.Base + "/mixed.xml");
        await page.ClickAsync(".source-add button[type=submit]");
        var mixed = page.Locator("tr[data-source]").Nth(2);
        await Assertions.Expect(mixed.Locator(".brought-summary")).ToHaveAttributeAsync("data-refused", "2", new() { Timeout = 30_000 });
        await Assertions.Expect(mixed.Locator(".refusals li")).ToHaveCountAsync(2);
        await Assertions.Expect(mixed.Locator(".refusals")).ToContainTextAsync("/to-private.html⁩: يقود إلى");
        await Assertions.Expect(mixed.Locator(".refusals")).ToContainTextAsync("أجاب الخادم بالرمز ⁨404⁩");

        foreach (var (width, culture) in new[] { (1440, "ar"), (820, "ar"), (390, "ar"), (1440, "en"), (820, "en"), (390, "en") })
        {
            var shot = await AdminPageAsync(width, culture);
            await Assertions.Expect(shot.Locator("tr[data-source]")).ToHaveCountAsync(3);
            await shot.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotDir, $"sources-{culture}-{width}.png"), FullPage = true });
            if (culture == "en") await Assertions.Expect(shot.Locator(".last-error")).ToContainTextAsync(["", "not an RSS, Atom or JSON Feed", ""]);
            await shot.Context.CloseAsync();
        }

        await page.GotoAsync($"{_base.TrimEnd('/')}/review");
        await Assertions.Expect(page.Locator(".queue-counts")).ToHaveAttributeAsync("data-articles", "3");
        await Assertions.Expect(page.Locator("li[data-article]", new() { HasTextString = "خبر رقم 1" })).ToHaveCountAsync(1);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Accounts;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>
/// The real dashboard on a loopback port with a temporary database seeded from seeds/, and Debian's Chromium
/// driven by Playwright. One per test class; the browser is shared, each test opens its own page.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mat-e2e", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        Directory.CreateDirectory(ScreenshotDir);
        _app = WebApp.Create(
            [$"--Tracker:Seeds={TestStore.SeedsDir}", "--Serilog:MinimumLevel:Default=Warning"],
            database: Path.Combine(_dir, "tracker.db"),
            configure: b =>
            {
                b.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
                // Tests watch what sign-in does (how many passwords it checks) and move the stamp check's clock past its interval.
                b.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<TrackerUser>>(PasswordChecks));
                b.Services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock);
            });
        await AppServices.PrepareStoreAsync(_app.Services);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // One account per role, each signed in once through the real form; pages open with that role's cookie.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            foreach (var role in TrackerRoles.All) await admin.AddAsync(UserAdmin.CommandLine, role.ToLowerInvariant(), role, Password);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, quiet on the network.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath(),
        Headless = true,
        // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });

    public const string Password = "test password 2026";

    /// <summary>The app's password hasher, counting the hashes it verifies.</summary>
    public CountingPasswordHasher PasswordChecks { get; } = new();

    /// <summary>The clock of the cookie's security-stamp check only: shift it to make the next request revalidate.</summary>
    public ShiftedClock StampClock { get; } = new();
    private readonly Dictionary<string, string> _sessions = [];

    /// <summary>Signs in through the sign-in form and returns the page, now showing <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string name, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"{baseUrl.TrimEnd('/')}/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("input[name=userName]", name);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"));
    }

    /// <summary>A browser context signed in as the account of <paramref name="role"/> (its cookies kept from one sign-in).</summary>
    public async Task<IBrowserContext> ContextAsync(string role, int width = 1366, int height = 900)
    {
        var options = new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "ar" };
        if (!_sessions.TryGetValue(role, out var state))
        {
            var login = await Browser.NewContextAsync(options);
            await SignInAsync(await login.NewPageAsync(), BaseUrl, role.ToLowerInvariant(), Password);
            _sessions[role] = state = await login.StorageStateAsync();
            await login.CloseAsync();
        }
        options.StorageState = state;
        return await Browser.NewContextAsync(options);
    }

    /// <summary>
    /// An HTTP client with its own cookies, signed in as <paramref name="name"/> through the sign-in form (anti-forgery
    /// token included), or anonymous when <paramref name="name"/> is null. Redirects are not followed, so tests see them.
    /// </summary>
    public async Task<HttpClient> ClientAsync(string? name, string password = Password, System.Net.CookieContainer? cookies = null)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(90),
        };
        if (name is null) return http;
        var token = AntiforgeryToken(await http.GetStringAsync("/account/login"));
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = name, ["password"] = password, ["returnUrl"] = "/",
        }));
        if (response.Headers.Location?.OriginalString != "/") throw new InvalidOperationException($"sign-in as {name} failed: {response.StatusCode} {response.Headers.Location}");
        return http;
    }

    /// <summary>The anti-forgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    public static string ChromiumPath() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: run ./tracker test (it installs Debian's chromium) or apt-get install chromium");

    /// <summary>A new page at <paramref name="path"/>, once the Blazor circuit is live (clicks before it are lost).</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 900, string role = TrackerRoles.Analyst)
    {
        var context = await ContextAsync(role, width, height);
        var page = await context.NewPageAsync();
        page.Close += (_, _) => _ = context.CloseAsync();
        await page.GotoAsync(BaseUrl.TrimEnd('/') + path);
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// Waits until the circuit is live and the page itself renders interactively: the layout's marker comes first,
    /// and an editor page's inputs are still the prerendered ones until its own marker (data-interactive) says true.
    /// </summary>
    public static async Task WaitInteractiveAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-ready=true]");
        await page.WaitForFunctionAsync("() => !document.querySelector('[data-interactive=false]')");
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class CountingPasswordHasher : PasswordHasher<TrackerUser>
{
    private int _verified;
    public int Verified => Volatile.Read(ref _verified);

    public override PasswordVerificationResult VerifyHashedPassword(TrackerUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verified);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

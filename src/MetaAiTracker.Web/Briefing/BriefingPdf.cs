using System.Globalization;
using System.Text;
using MetaAiTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Playwright;

namespace MetaAiTracker.Web.Briefing;

/// <summary>Chromium is missing: the message says how to install it.</summary>
public sealed class BriefingUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints briefings with headless Chromium, the one engine here that typesets Arabic right (stack-notes): one
/// warm browser for the process, at most two renders at a time, and a time-out on a stuck render.
/// </summary>
public sealed class BriefingPdf(IServiceProvider services, ILoggerFactory loggers, ILogger<BriefingPdf> log) : IAsyncDisposable
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _renders = new(2);
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string? ChromiumPath() => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>The briefing as a complete HTML document in its model's language.</summary>
    public async Task<string> RenderHtmlAsync(BriefingModel model)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<BriefingDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(BriefingDocument.Model)] = model,
                [nameof(BriefingDocument.FontCss)] = FontCss.Value,
            }));
            return output.ToHtmlString();
        });
    }

    public async Task<byte[]> PrintAsync(string html, string language, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RenderTimeout);
        await _renders.WaitAsync(timeout.Token);
        try
        {
            var browser = await BrowserAsync();
            // The page is the app's own HTML with its fonts and styles inline, so it needs no script and no request:
            // with both off, text that slipped through unescaped still could not run or reach any host.
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false, ServiceWorkers = ServiceWorkerPolicy.Block,
            });
            await context.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("data:", StringComparison.Ordinal)) { await route.ContinueAsync(); return; }
                log.LogWarning("Blocked a request of the print browser to {Url}", route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            });
            var page = await context.NewPageAsync();
            try
            {
                page.SetDefaultTimeout((float)RenderTimeout.TotalMilliseconds);
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(timeout.Token);
                await page.EvaluateAsync("() => document.fonts.ready").WaitAsync(timeout.Token);
                var header = Ui.In(language, "briefing.header");
                return await page.PdfAsync(new PagePdfOptions
                {
                    PreferCSSPageSize = true,
                    PrintBackground = true,
                    DisplayHeaderFooter = true,
                    // Header and footer are printed apart from the page, so they carry their own font.
                    HeaderTemplate = $"<div dir=\"{(language == "en" ? "ltr" : "rtl")}\" style=\"{HeaderStyle} width:100%; padding:0 16mm; text-align:start;\">{System.Net.WebUtility.HtmlEncode(header)}</div>",
                    FooterTemplate = $"<div style=\"{HeaderStyle} width:100%; text-align:center;\"><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
                }).WaitAsync(timeout.Token);
            }
            finally
            {
                await page.CloseAsync();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the briefing took longer than {RenderTimeout.TotalSeconds:0} s to print and was stopped");
        }
        finally
        {
            _renders.Release();
        }
    }

    private static string HeaderStyle => $"font-family: 'Amiri', 'DejaVu Sans'; font-size: 8pt; color: #868e96;";

    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true } warm) return warm;
        await _launch.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } ready) return ready;
            var chromium = ChromiumPath() ?? throw new BriefingUnavailableException(
                "Chromium is not installed, so no PDF can be printed: install it with `sudo apt-get install chromium` (./tracker test does it for you)");
            _playwright ??= await Playwright.CreateAsync();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                        // Request interception stops requests, not the preconnects Chromium opens ahead of them: no
                        // host resolves, so not even a connection leaves (the page's fonts and styles are inline).
                        "--host-resolver-rules=MAP * ~NOTFOUND"],
            });
            log.LogInformation("Started Chromium {Path} for briefings in {Ms} ms", chromium, sw.ElapsedMilliseconds);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Amiri (Arabic and Latin subsets) as inline @font-face rules, read once from the assembly.</summary>
    private static readonly Lazy<string> FontCss = new(() =>
    {
        var css = new StringBuilder();
        foreach (var (subset, range) in new[] { ("arabic", "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+200C-200E, U+FB50-FDFF, U+FE70-FEFF"), ("latin", "U+0000-00FF, U+2000-206F, U+20AC, U+2212") })
        foreach (var weight in new[] { 400, 700 })
        {
            using var stream = typeof(BriefingPdf).Assembly.GetManifestResourceStream($"fonts/amiri-{subset}-{weight}-normal.woff2")
                ?? throw new InvalidOperationException($"font amiri-{subset}-{weight} is not embedded");
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            css.Append(CultureInfo.InvariantCulture, $"@font-face {{ font-family: 'Amiri'; font-weight: {weight}; src: url(data:font/woff2;base64,{Convert.ToBase64String(bytes.ToArray())}) format('woff2'); unicode-range: {range}; }}\n");
        }
        return css.ToString();
    });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

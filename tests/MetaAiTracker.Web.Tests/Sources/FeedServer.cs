using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Web.Tests.Sources;

/// <summary>
/// Feeds and article pages on a Kestrel server inside the test process, on 127.0.0.1 (which the tests' fetch settings
/// allow, as an admin would allow an intranet mirror). A redirect goes to [::1], loopback too but not allowed: refused.
/// The texts are the tests' own sentences.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string Base { get; }
    public int Port { get; }
    /// <summary>How many times each path was asked for, and how many got 304.</summary>
    public Dictionary<string, int> Hits { get; } = [];
    public int NotModifiedAnswers { get; private set; }
    /// <summary>The test can add entries to /rss.xml later; its ETag changes with them.</summary>
    public List<string> ExtraRssPages { get; } = [];

    static FeedServer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string[] Topics =
    [
        "أعلنت شركة ميتا أنها ستنشر أوزان نموذجها اللغوي الجديد للباحثين والمطورين مجانًا",
        "قال مارك زوكربيرغ في مؤتمر للمطورين إن النماذج المفتوحة ستغلب النماذج المغلقة على المدى البعيد",
        "ذكرت مصادر مطلعة أن ميتا تدرس إبقاء أقوى نماذجها مغلقًا بعد مخاوف أمنية",
        "استثمرت ميتا مليارات الدولارات في مراكز بيانات جديدة لتدريب نماذج الذكاء الاصطناعي",
        "وقّعت ميتا اتفاقًا مع جامعة عربية لتطوير نماذج تفهم اللهجات المحلية",
        "انتقد باحثون رخصة نموذج لاما لأنها تقيّد الاستخدام التجاري للشركات الكبيرة",
    ];

    private FeedServer(WebApplication app)
    {
        _app = app;
        Base = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Port = new Uri(Base).Port;
    }

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedServer? self = null;
        app.Use((c, next) =>
        {
            lock (self!.Hits) self.Hits[c.Request.Path] = self.Hits.GetValueOrDefault(c.Request.Path) + 1;
            return next(c);
        });
        app.MapGet("/page/{n:int}.html", (int n) => n < Topics.Length ? Results.Content(Page(n), "text/html; charset=utf-8") : Results.NotFound());
        app.MapGet("/rss.xml", (HttpContext c) =>
        {
            var pages = new[] { "/page/0.html", "/page/1.html" }.Concat(self!.ExtraRssPages).ToList();
            var etag = $"\"rss-{pages.Count}\"";
            if (c.Request.Headers.IfNoneMatch == etag)
            {
                self.NotModifiedAnswers++;
                return Results.StatusCode(304);
            }
            c.Response.Headers.ETag = etag;
            return Results.Content(Rss("أخبار ميتا", pages.Select(p => (self.Base + p, "2025-03-0" + (pages.IndexOf(p) + 1))), "utf-8"), "application/rss+xml");
        });
        app.MapGet("/atom.xml", () => Results.Content($"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>موجز التقنية</title><id>urn:test:atom</id><updated>2025-04-02T08:00:00Z</updated>
              <entry><title>ميتا والبيانات</title><id>urn:test:atom:3</id><link href="{self!.Base}/page/3.html"/><updated>2025-04-02T08:00:00Z</updated><published>2025-04-02T08:00:00Z</published></entry>
              <entry><title>خبر نُشر من قبل</title><id>urn:test:atom:0</id><link href="{self.Base}/page/0.html?utm_source=atom"/><updated>2025-03-01T08:00:00Z</updated></entry>
            </feed>
            """.Trim(), "application/atom+xml"));
        app.MapGet("/feed.json", () => Results.Content($$"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "نشرة الذكاء", "items": [
              {"id": "4", "url": "{{self!.Base}}/page/4.html", "title": "اتفاق جامعي", "date_published": "2025-05-10T09:30:00Z"}]}
            """, "application/feed+json"));
        app.MapGet("/cp1256.xml", () => Results.Bytes(Encoding.GetEncoding(1256).GetBytes(
            Rss("صحيفة الرخص المفتوحة", [(self!.Base + "/page/5.html", "2025-06-01")], "windows-1256")), "application/xml"));
        app.MapGet("/broken.xml", () => Results.Content("هذه ليست خلاصة بل نص عادي <b>غير مغلق", "application/xml"));
        app.MapGet("/slow.xml", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("<?xml version=\"1.0\"?><rss>");
            await Task.Delay(TimeSpan.FromSeconds(10), c.RequestAborted);
        });
        app.MapGet("/mixed.xml", () => Results.Content(Rss("مصدر مختلط", [(self!.Base + "/page/2.html", "2025-03-05"),
            (self.Base + "/to-private.html", "2025-03-05"), (self.Base + "/page/99.html", "2025-03-05")], "utf-8"), "application/rss+xml"));
        // Loopback, but [::1] rather than the allowed 127.0.0.1: the fetcher must refuse to follow.
        app.MapGet("/to-private.html", () => Results.Redirect($"http://[::1]:{self!.Port}/page/1.html"));
        await app.StartAsync();
        self = new FeedServer(app);
        return self;
    }

    public static string Rss(string title, IEnumerable<(string Link, string Date)> items, string encoding) =>
        $"""<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{title}</title><link>http://example.invalid/</link><description>اختبار</description>"""
        + string.Concat(items.Select(i => $"<item><title>عنوان الخبر</title><link>{i.Link}</link><pubDate>{DateTime.Parse(i.Date, System.Globalization.CultureInfo.InvariantCulture):R}</pubDate></item>"))
        + "</channel></rss>";

    /// <summary>An article page with the furniture of a news site around it: a menu, a share bar, related links, a footer.</summary>
    public static string Page(int n) => $"""
        <!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خبر رقم {n}</title></head><body>
        <nav><a href="/">الرئيسية</a> <a href="/tech">تقنية</a></nav>
        <article><h1>خبر رقم {n}</h1>
        <p>{Topics[n]}، بحسب ما نشره الموقع في تقرير مطول صباح اليوم.</p>
        <p>وأضاف التقرير أن القرار يأتي ضمن سباق بين الشركات الكبرى على نماذج الذكاء الاصطناعي، وأن المنافسين يراقبون الخطوة عن كثب.</p>
        </article>
        <div class="share">شارك الخبر</div><aside class="related"><a href="/x">أخبار ذات صلة</a></aside>
        <footer>جميع الحقوق محفوظة</footer></body></html>
        """;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using System.Text.RegularExpressions;
using MetaAiTracker.Core.Ingestion;
using Xunit.Abstractions;

namespace MetaAiTracker.Web.Tests.Sources;

/// <summary>
/// Today's <see cref="HtmlArticleParser"/> (through <see cref="ArticleReader"/>, as feeds use it) against SmartReader
/// (the .NET port of Mozilla's Readability) on Arabic news pages built like real ones, in the tests' own words: menus,
/// a breaking-news ticker, share bars, ads, "read also" boxes inside the story, most-read lists, tags, comments and
/// footers. Kept: the share of the story's sentences in the text; leaked: the share of furniture snippets in it.
/// The figures are in docs/extraction.md#pages-from-feeds.
/// </summary>
public sealed class PageExtractionComparisonTests(ITestOutputHelper output)
{
    private sealed record Fixture(string Name, string Html, string[] Story, string[] Furniture);

    private static readonly string[] Story =
    [
        "أعلنت شركة ميتا يوم الثلاثاء أنها ستتيح الجيل الجديد من نماذجها اللغوية للباحثين دون مقابل",
        "وقال متحدث باسم الشركة إن الأوزان ستُنشر مع رخصة تسمح بالاستخدام التجاري للشركات الصغيرة",
        "ويرى محللون أن الخطوة تضع ضغطًا على المنافسين الذين يبيعون الوصول إلى نماذجهم عبر واجهات مدفوعة",
        "وأشار التقرير إلى أن تدريب النموذج استغرق عدة أشهر على عشرات الآلاف من المعالجات الرسومية",
        "في المقابل حذّر خبراء في أمن المعلومات من إساءة استخدام النماذج المفتوحة في حملات التضليل",
        "وكانت الشركة قد واجهت انتقادات العام الماضي بسبب شروط رخصة الإصدار السابق التي رآها بعضهم مقيدة أكثر مما ينبغي",
        "ويقول مطورون عرب إن توفر نموذج مفتوح يفهم العربية جيدًا سيخفض كلفة بناء التطبيقات المحلية بدرجة كبيرة",
        "أما الشركات المنافسة فاكتفت بالقول إنها تدرس الإعلان ولن تعلق عليه قبل اختبار النموذج بنفسها",
        "ومن المتوقع أن تعرض ميتا نتائج مفصلة عن أداء النموذج في مؤتمر علمي يعقد في الخريف المقبل",
        "وختمت الشركة بيانها بالقول إنها ستواصل نشر أبحاثها ما دام ذلك يخدم المجتمع العلمي",
    ];

    private static readonly string[] Menu = ["الرئيسية", "سياسة", "اقتصاد", "تكنولوجيا", "رياضة", "منوعات"];
    private static readonly string[] Furniture =
    [
        "عاجل: ارتفاع أسعار الذهب في الأسواق المحلية", "اقرأ أيضا: هواتف جديدة تصل الأسواق الشهر المقبل",
        "الأكثر قراءة اليوم", "مباراة القمة تنتهي بالتعادل في الدقائق الأخيرة", "شارك عبر واتساب",
        "جميع الحقوق محفوظة للموقع", "أضف تعليقك", "نستخدم ملفات تعريف الارتباط لتحسين تجربتك", "إعلان ممول",
        "كلمات مفتاحية: ذكاء اصطناعي", "تابعونا على المنصات الاجتماعية", "أخبار ذات صلة بالموضوع",
    ];

    private static string Paragraphs(string tag = "p") => string.Concat(Story.Select(s => $"<{tag}>{s}.</{tag}>\n"));

    private static IEnumerable<Fixture> Fixtures()
    {
        // A WordPress-style page: entry-content with a "read also" box inside the story, a sidebar and a cookie banner.
        yield return new("wordpress", $"""
            <html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>ميتا تفتح نموذجها</title></head><body>
            <div class="cookie-notice">{Furniture[7]}</div>
            <header><ul class="menu">{string.Concat(Menu.Select(m => $"<li><a href='#'>{m}</a></li>"))}</ul></header>
            <div class="breaking">{Furniture[0]}</div>
            <div class="container"><div class="entry-content"><h1>ميتا تفتح نموذجها</h1>
            {Paragraphs()[..Paragraphs().IndexOf("<p>وأشار", StringComparison.Ordinal)]}
            <div class="read-also"><a href="/x">{Furniture[1]}</a></div>
            {Paragraphs()[Paragraphs().IndexOf("<p>وأشار", StringComparison.Ordinal)..]}
            <div class="sharing">{Furniture[4]}</div></div>
            <div class="sidebar"><h3>{Furniture[2]}</h3><ul><li><a href="/y">{Furniture[3]}</a></li></ul></div></div>
            <footer>{Furniture[5]}</footer></body></html>
            """, Story, [Furniture[7], Furniture[0], Furniture[1], Furniture[4], Furniture[2], Furniture[3], Furniture[5]]);

        // Div soup: no semantic elements, Bootstrap column classes, the story as text broken by <br>, a most-read column and ads.
        yield return new("div-soup", $"""
            <html><head><meta charset="utf-8"><title>خبر</title></head><body>
            <div id="top"><div class="logo">الموقع</div><div class="links">{string.Join(" | ", Menu.Select(m => $"<a href='#'>{m}</a>"))}</div></div>
            <div class="row"><div class="col-md-8"><div class="news-title">ميتا تفتح نموذجها</div>
            <div class="txt">{string.Join("<br><br>\n", Story.Select(s => s + "."))}</div>
            <div class="adsbygoogle">{Furniture[8]}</div><div class="keywords">{Furniture[9]}</div></div>
            <div class="col-md-4"><div class="most-read"><b>{Furniture[2]}</b><div><a href="/z">{Furniture[3]}</a></div><div><a href="/w">{Furniture[1]}</a></div></div></div></div>
            <div class="bottom">{Furniture[5]} · {Furniture[10]}</div></body></html>
            """, Story, [Furniture[8], Furniture[9], Furniture[2], Furniture[3], Furniture[1], Furniture[5], Furniture[10]]);

        // An <article> that holds more than the story: share bar, related list, tags and the comment form inside it.
        yield return new("article-with-extras", $"""
            <html lang="ar"><head><meta charset="utf-8"><meta property="og:title" content="ميتا تفتح نموذجها"></head><body>
            <nav>{string.Concat(Menu.Select(m => $"<a href='#'>{m}</a> "))}</nav>
            <article><h1>ميتا تفتح نموذجها</h1><div class="share-bar">{Furniture[4]}</div>
            <div class="story-text">{Paragraphs()}</div>
            <div class="more-news"><h4>{Furniture[11]}</h4><ul><li><a href="/a">{Furniture[3]}</a></li></ul></div>
            <div class="post-tags">{Furniture[9]}</div>
            <section id="respond"><h3>{Furniture[6]}</h3><textarea></textarea></section></article>
            <footer>{Furniture[5]}</footer></body></html>
            """, Story, [Furniture[4], Furniture[11], Furniture[3], Furniture[9], Furniture[6], Furniture[5]]);

        // A ticker of short headlines above a <section class="story">, and a footer that is only a div.
        yield return new("ticker-and-section", $"""
            <html><head><meta charset="utf-8"><title>ميتا تفتح نموذجها</title></head><body>
            <div class="ticker"><span>{Furniture[0]}</span><span>{Furniture[3]}</span></div>
            <div class="masthead">{string.Concat(Menu.Select(m => $"<span>{m}</span>"))}</div>
            <section class="story"><h2>ميتا تفتح نموذجها</h2>{Paragraphs()}</section>
            <div class="related-box"><p>{Furniture[11]}</p><p>{Furniture[1]}</p></div>
            <div class="site-foot"><p>{Furniture[10]}</p><p>{Furniture[5]}</p></div></body></html>
            """, Story, [Furniture[0], Furniture[3], Furniture[11], Furniture[1], Furniture[10], Furniture[5]]);
    }

    private static string Squash(string s) => Regex.Replace(s, @"\s+", " ");

    private static (double Kept, double Leaked) Score(Fixture f, string text)
    {
        var t = Squash(text);
        return (f.Story.Count(s => t.Contains(Squash(s), StringComparison.Ordinal)) / (double)f.Story.Length,
                f.Furniture.Count(s => t.Contains(Squash(s), StringComparison.Ordinal)) / (double)f.Furniture.Length);
    }

    private static string Read(Fixture f, bool readability) =>
        ArticleReader.Read(f.Name + ".html", System.Text.Encoding.UTF8.GetBytes(f.Html), new ArticleReaderOptions { Readability = readability }).Text;

    private static string SmartReaderAlone(Fixture f, bool stopIfNotReadable) =>
        new SmartReader.Reader("https://news.example/" + f.Name, f.Html) { ContinueIfNotReadable = !stopIfNotReadable }.GetArticle().TextContent ?? "";

    [Fact]
    public void ReadabilityAsFeedsUseItKeepsEveryStorySentenceAndLeaksLessFurnitureThanTodaysParser()
    {
        var rows = Fixtures().Select(f => (f.Name, Today: Score(f, Read(f, false)), Checked: Score(f, SmartReaderAlone(f, true)),
            Alone: Score(f, SmartReaderAlone(f, false)), Kept: Score(f, Read(f, true)))).ToList();
        static string Cell((double Kept, double Leaked) s) => $"kept {s.Kept,4:P0} leaked {s.Leaked,4:P0}";
        output.WriteLine("page                 | HtmlArticleParser        | SmartReader, readable check on | SmartReader alone       | as feeds use it");
        foreach (var r in rows)
            output.WriteLine($"{r.Name,-20} | {Cell(r.Today)} | {Cell(r.Checked)}       | {Cell(r.Alone)} | {Cell(r.Kept)}");
        (double, double) Mean(Func<(string, (double, double) Today, (double, double) Checked, (double, double) Alone, (double, double) Kept), (double Kept, double Leaked)> pick) =>
            (rows.Average(r => pick(r).Kept), rows.Average(r => pick(r).Leaked));
        output.WriteLine($"{"mean",-20} | {Cell(Mean(r => r.Today))} | {Cell(Mean(r => r.Checked))}       | {Cell(Mean(r => r.Alone))} | {Cell(Mean(r => r.Kept))}");

        Assert.All(rows, r => Assert.Equal(1.0, r.Kept.Kept));
        Assert.True(rows.Average(r => r.Kept.Leaked) < rows.Average(r => r.Today.Leaked) / 2);
        // Why its "probably readable" check is skipped: with it, short Arabic paragraphs came out as nothing.
        Assert.Contains(rows, r => r.Checked.Kept == 0);
    }
}

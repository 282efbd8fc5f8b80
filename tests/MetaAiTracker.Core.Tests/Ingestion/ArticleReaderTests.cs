using System.Text;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Ingestion;

public class ArticleReaderTests
{
    private const string Arabic = "قال زوكربيرج إن ميتا ستواصل نشر نماذج «مفتوحة المصدر» في عام 2025، وأضاف أن الشركة تستثمر 65 مليار دولار.";

    static ArticleReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ArticleRejectedException Rejected(string name, byte[] bytes, ArticleReaderOptions? o = null) =>
        Assert.Throws<ArticleRejectedException>(() => ArticleReader.Read(name, bytes, o));

    [Fact]
    public void ReadsWindows1256WithoutADeclaration()
    {
        var bytes = Encoding.GetEncoding(1256).GetBytes(Arabic.Replace("«", "\"").Replace("»", "\""));

        var a = ArticleReader.Read("legacy.txt", bytes);

        Assert.Contains("زوكربيرج", a.Text);
        Assert.Equal("windows-1256", a.Encoding);
    }

    [Fact]
    public void ReadsIso88596DeclaredInAMetaTag()
    {
        var html = $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\"></head><body><article><p>{Arabic.Replace("«", "").Replace("»", "")}</p></article></body></html>";

        var a = ArticleReader.Read("legacy.html", Encoding.GetEncoding("iso-8859-6").GetBytes(html));

        Assert.Contains("زوكربيرج", a.Text);
        Assert.Equal("iso-8859-6", a.Encoding);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsUtf8WithOrWithoutBom(bool bom)
    {
        byte[] bytes = [.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(Arabic)];

        var a = ArticleReader.Read("a.txt", bytes);

        Assert.Equal(Arabic, a.Text);
    }

    [Fact]
    public void RemovesABomInTheMiddleNulBytesAndBidiControls()
    {
        var text = "السطر الأول\uFEFF من المقال\0\n\u202Eالسطر\u2066 الثاني\u2069 عن ميتا";

        var a = ArticleReader.Read("a.txt", Encoding.UTF8.GetBytes(text));

        Assert.Equal("السطر الأول من المقال\nالسطر الثاني عن ميتا", a.Text);
    }

    [Fact]
    public void RemovesBidiControlsFromTitlesAndOutletsInFrontMatterSidecarsAndHtml()
    {
        // U+202E would show "ميتا" as a reversed word, U+2066..U+2069 isolate a run: a title can be made to read otherwise.
        var md = "---\ntitle: \u202Eعنوان\u202C مقلوب\nsource: \u2067صحيفة\u2069\n---\n" + Arabic;
        var html = $"<html><head><meta property=\"og:title\" content=\"\u202Bميتا\u202A تطلق\"><meta property=\"og:site_name\" content=\"موقع\u2066 تقني\u2068\"></head><body><article><p>{Arabic}</p></article></body></html>";
        var dir = Directory.CreateTempSubdirectory("mat-reader-").FullName;
        var file = Path.Combine(dir, "a.txt");
        File.WriteAllText(file, Arabic);
        File.WriteAllText(Path.Combine(dir, "a.meta.json"), "{\"title\": \"\u202Dعنوان\u202C\", \"source\": \"\u2066منفذ\u2069\"}");

        var fromMd = ArticleReader.Read("a.md", Encoding.UTF8.GetBytes(md));
        var fromHtml = ArticleReader.Read("a.html", Encoding.UTF8.GetBytes(html));
        var fromSidecar = ArticleReader.ReadFile(file);

        Assert.Equal(("عنوان مقلوب", "صحيفة"), (fromMd.Title, fromMd.Source));
        Assert.Equal(("ميتا تطلق", "موقع تقني"), (fromHtml.Title, fromHtml.Source));
        Assert.Equal(("عنوان", "منفذ"), (fromSidecar.Title, fromSidecar.Source));
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a")]
    [InlineData("/news/relative")]
    public void KeepsOnlyHttpAndHttpsAddressesFromFrontMatterSidecarsAndHtml(string bad)
    {
        var md = $"---\nurl: {bad}\n---\n{Arabic}";
        var canonical = $"<html><head><link rel=\"canonical\" href=\"{bad}\"></head><body><article><p>{Arabic}</p></article></body></html>";
        var ogUrl = $"<html><head><meta property=\"og:url\" content=\"{bad}\"></head><body><article><p>{Arabic}</p></article></body></html>";
        var both = $"<html><head><link rel=\"canonical\" href=\"{bad}\"><meta property=\"og:url\" content=\"https://example.com/news/1\"></head><body><article><p>{Arabic}</p></article></body></html>";
        var dir = Directory.CreateTempSubdirectory("mat-reader-").FullName;
        var file = Path.Combine(dir, "a.txt");
        File.WriteAllText(file, Arabic);
        File.WriteAllText(Path.Combine(dir, "a.meta.json"), System.Text.Json.JsonSerializer.Serialize(new { url = bad }));

        Assert.Null(ArticleReader.Read("a.md", Encoding.UTF8.GetBytes(md)).Url);
        Assert.Null(ArticleReader.Read("a.html", Encoding.UTF8.GetBytes(canonical)).Url);
        Assert.Null(ArticleReader.Read("a.html", Encoding.UTF8.GetBytes(ogUrl)).Url);
        Assert.Equal("https://example.com/news/1", ArticleReader.Read("a.html", Encoding.UTF8.GetBytes(both)).Url);
        Assert.Null(ArticleReader.ReadFile(file).Url);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void KeepsAnHttpAddressFromASidecarOverTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("mat-reader-").FullName;
        var file = Path.Combine(dir, "a.md");
        File.WriteAllText(file, $"---\nurl: https://example.com/from-front-matter\n---\n{Arabic}");
        File.WriteAllText(Path.Combine(dir, "a.meta.json"), "{\"url\": \"javascript:alert(1)\"}");

        Assert.Equal("https://example.com/from-front-matter", ArticleReader.ReadFile(file).Url);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ReadsUtf8WithAStrayByteAsUtf8NotAsALegacyCodePage()
    {
        var utf8 = Encoding.UTF8.GetBytes(Arabic + "\n" + Arabic);
        var middle = Array.IndexOf(utf8, (byte)' ', utf8.Length / 2);
        byte[] stray = [.. utf8[..middle], 0xFF, .. utf8[middle..]];
        // A file cut in the middle of its last letter (two bytes in UTF-8).
        var cut = Encoding.UTF8.GetBytes(Arabic + "\n" + Arabic.TrimEnd('.'))[..^1];
        byte[] withBom = [.. Encoding.UTF8.GetPreamble(), .. stray];

        foreach (var bytes in new[] { stray, cut, withBom })
        {
            var a = ArticleReader.Read("a.txt", bytes);
            Assert.Equal("utf-8", a.Encoding);
            Assert.Contains("زوكربيرج إن ميتا ستواصل", a.Text);
            // The lost byte stays visible where it was, rather than the whole article turned to mojibake.
            Assert.Equal(1, a.Text.Count(c => c == '\uFFFD'));
        }
    }

    [Fact]
    public void ReadsALongerWindows1256ArticleAsWindows1256()
    {
        var text = string.Join("\n", Enumerable.Repeat(Arabic.Replace("«", "\"").Replace("»", "\""), 20)) + "\nنظّم الظهور طويلا";

        var a = ArticleReader.Read("legacy.txt", Encoding.GetEncoding(1256).GetBytes(text));

        Assert.Equal("windows-1256", a.Encoding);
        Assert.EndsWith("نظّم الظهور طويلا", a.Text);
    }

    [Fact]
    public void RefusesWhatIsNeitherUtf8NorArabicInALegacyCodePageAndNamesTheByteOffset()
    {
        // UTF-8 Arabic with a bad byte every 40 bytes: too broken for UTF-8, and windows-1256 reads it as mojibake.
        var utf8 = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat(Arabic, 5)));
        var broken = utf8.Select((b, i) => i % 40 == 17 ? (byte)0xFF : b).ToArray();

        var e = Rejected("broken.txt", broken);

        Assert.Equal(RejectReason.Undecodable, e.Reason);
        Assert.StartsWith("broken.txt:", e.Message);
        Assert.Contains("byte offset 17", e.Message);
    }

    [Fact]
    public void RefusesLatin1MojibakeAndInvalidBytesDeclaredAsUtf8()
    {
        var mojibake = Encoding.Latin1.GetString(Encoding.GetEncoding(1256).GetBytes(Arabic));

        var e = Rejected("broken.txt", Encoding.UTF8.GetBytes(mojibake));

        Assert.Equal(RejectReason.Undecodable, e.Reason);
        Assert.StartsWith("broken.txt:", e.Message);
    }

    [Fact]
    public void RefusesEmptyAndWhitespaceFiles()
    {
        Assert.Equal(RejectReason.Empty, Rejected("e.txt", []).Reason);
        Assert.Equal(RejectReason.Empty, Rejected("w.txt", Encoding.UTF8.GetBytes(" \n\t\n ")).Reason);
    }

    [Fact]
    public void RefusesBinaryFiles()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        Assert.Equal(RejectReason.NotText, Rejected("image.txt", png).Reason);
        Assert.Equal(RejectReason.NotText, Rejected("blob.txt", [.. Enumerable.Range(0, 4000).Select(i => (byte)(i % 7))]).Reason);
    }

    [Fact]
    public void RefusesFilesAboveTheSizeCap()
    {
        var e = Rejected("big.txt", Encoding.UTF8.GetBytes(new string('ب', 600)), new ArticleReaderOptions { MaxBytes = 1000 });

        Assert.Equal(RejectReason.TooLarge, e.Reason);
        Assert.Contains("too large", e.Message);
    }

    [Fact]
    public void RefusesDeeplyNestedHtmlBeforeParsingIt()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "نص" + string.Concat(Enumerable.Repeat("</div>", 20_000));

        var e = Rejected("deep.html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(RejectReason.NestingTooDeep, e.Reason);
    }

    [Fact]
    public void TakesTheArticleBodyWithoutScriptsStylesHandlersOrFurniture()
    {
        var html = """
            <html><head><title>عنوان الصفحة</title><meta property="og:site_name" content="موقع تقني">
            <link rel="canonical" href="https://Example.com/news/1/?utm_source=x"><style>.a{color:red}</style></head>
            <body><nav>الرئيسية | أخبار</nav>
            <article><h1>ميتا تطلق نموذجا جديدا</h1>
            <p onclick="alert('x')">أعلنت ميتا اليوم عن نموذج <b>Llama</b> جديد.</p>
            <script>var secret = "لا تظهر";</script>
            <div class="share-buttons">شارك على فيسبوك</div>
            <ul><li>النقطة الأولى</li><li>النقطة الثانية</li></ul>
            <p>استمع الي المقالة</p><p>0:00</p>
            <p>وقال زوكربيرج إن الانفتاح مهم
            <p>فقرة بلا إغلاق
            </article><footer>حقوق النشر</footer></body></html>
            """;

        var a = ArticleReader.Read("page.html", Encoding.UTF8.GetBytes(html));

        Assert.Equal("ميتا تطلق نموذجا جديدا\n\nأعلنت ميتا اليوم عن نموذج Llama جديد.\n\n- النقطة الأولى\n\n- النقطة الثانية\n\nوقال زوكربيرج إن الانفتاح مهم\n\nفقرة بلا إغلاق", a.Text);
        Assert.Equal("عنوان الصفحة", a.Title);
        Assert.Equal("موقع تقني", a.Source);
        Assert.Equal("https://example.com/news/1", ContentIdentity.CanonicalUrl(a.Url));
    }

    [Fact]
    public void ReadsFrontMatter()
    {
        var md = "---\ntitle: عنوان\nsource: صحيفة\nurl: https://example.com/a\npublished: ~2025-07\n---\n# ميتا\n\nنص **المقال** عن [لاما](https://x.y).\n";

        var a = ArticleReader.Read("a.md", Encoding.UTF8.GetBytes(md));

        Assert.Equal("عنوان", a.Title);
        Assert.Equal("صحيفة", a.Source);
        Assert.Equal(DateRange.Month(2025, 7, estimated: true), a.Published);
        Assert.Equal("ميتا\n\nنص المقال عن لاما.", a.Text);
    }

    [Fact]
    public void SeedsReadBackFaithfullyWithTheirSidecarMetadata()
    {
        foreach (var path in Seeds.Files)
        {
            var a = ArticleReader.ReadFile(path);
            var raw = File.ReadAllText(path);
            Assert.NotNull(a.Published);
            Assert.True(a.Published!.Estimated);
            // Every stored line is a line of the file: nothing invented, only furniture and blank runs removed.
            var rawLines = raw.Split('\n').Select(l => l.TrimEnd()).ToHashSet();
            Assert.All(a.Text.Split('\n').Where(l => l.Length > 0), l => Assert.Contains(l, rawLines));
        }
        Assert.DoesNotContain("استمع الي المقالة", ArticleReader.ReadFile(Seeds.Files.Single(f => f.Contains("002_"))).Text);
    }

    [Fact]
    public void CanonicalUrlsDropTrackingParametersByWholeNameOnly()
    {
        Assert.Equal("https://example.com/a?id=7", ContentIdentity.CanonicalUrl("http://Example.com/a/?utm_source=x&ref=home&id=7&fbclid=1&REF=2"));
        // Parameters that only start like "ref" name the article: two articles must not share an address.
        Assert.Equal("https://example.com/a?reference=12", ContentIdentity.CanonicalUrl("https://example.com/a?reference=12&ref=rss"));
        Assert.NotEqual(ContentIdentity.CanonicalUrl("https://example.com/a?refid=1"), ContentIdentity.CanonicalUrl("https://example.com/a?refid=2"));
        Assert.Equal("https://example.com/a?gclidx=3", ContentIdentity.CanonicalUrl("https://example.com/a?gclidx=3&gclid=4"));
    }

    [Fact]
    public void TheSameTextWithOtherDiacriticsAndLineEndingsHashesTheSame()
    {
        Assert.Equal(ContentIdentity.Hash("الذكاء الاصطناعي\nمفتوح"), ContentIdentity.Hash("الذَّكَاءُ الاصطناعي\r\n  مفتوح"));
        Assert.NotEqual(ContentIdentity.Hash("الذكاء الاصطناعي"), ContentIdentity.Hash("الذكاء الطبيعي"));
    }
}

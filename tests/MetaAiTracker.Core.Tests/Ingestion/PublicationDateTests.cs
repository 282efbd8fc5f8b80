using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Ingestion;

/// <summary>The dates editors and front matter give: each precision, estimated or not, and what is refused.</summary>
public class PublicationDateTests
{
    [Theory]
    [InlineData("2025-07-14", "2025-07-14", "2025-07-14", DateGranularity.Day, false)]
    [InlineData("2025-07", "2025-07-01", "2025-07-31", DateGranularity.Month, false)]
    [InlineData("~2025", "2025-01-01", "2025-12-31", DateGranularity.Year, true)]
    [InlineData("2025-Q1", "2025-01-01", "2025-03-31", DateGranularity.Quarter, false)]
    [InlineData("2024-q4", "2024-10-01", "2024-12-31", DateGranularity.Quarter, false)]
    [InlineData("~2026-H1", "2026-01-01", "2026-06-30", DateGranularity.Half, true)]
    [InlineData("2026-H2", "2026-07-01", "2026-12-31", DateGranularity.Half, false)]
    public void ReadsEachPrecision(string text, string start, string end, DateGranularity granularity, bool estimated)
    {
        var date = ArticleMetadata.ParseDate(text)!;
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end), granularity, estimated), (date.Start, date.End, date.Granularity, date.Estimated));
    }

    [Theory]
    [InlineData("2025-Q5")]
    [InlineData("2025-H3")]
    [InlineData("2025-13")]
    [InlineData("الصيف الماضي")]
    [InlineData("1850")]
    [InlineData("0001-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01")]
    [InlineData("2150")]
    [InlineData("2199-Q4")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59+00:00")]
    public void RefusesWhatIsNotADateOrLiesOutsideTheStoresRange(string text) => Assert.Null(ArticleMetadata.ParseDate(text));

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("1900")]
    [InlineData("2100-12")]
    [InlineData("2100-H2")]
    public void TheRangesEdgesAreHeld(string text) => Assert.NotNull(ArticleMetadata.ParseDate(text));

    // A date field reads what the article rules read: month names of every regional series, Arabic-Indic digits, a weekday.
    [Theory]
    [InlineData("12 سبتمبر 2025", "2025-09-12", "2025-09-12", DateGranularity.Day)]
    [InlineData("الجمعة 12 سبتمبر 2025", "2025-09-12", "2025-09-12", DateGranularity.Day)]
    [InlineData("أيلول 2025", "2025-09-01", "2025-09-30", DateGranularity.Month)]
    [InlineData("٣ تشرين الثاني ٢٠٢٤", "2024-11-03", "2024-11-03", DateGranularity.Day)]
    [InlineData("٢٠٢٥-٠٩-١٢", "2025-09-12", "2025-09-12", DateGranularity.Day)]
    [InlineData("٢٠٢٥", "2025-01-01", "2025-12-31", DateGranularity.Year)]
    [InlineData("في 5 يناير 2026", "2026-01-05", "2026-01-05", DateGranularity.Day)]
    [InlineData("~آذار 2024", "2024-03-01", "2024-03-31", DateGranularity.Month)]
    public void ReadsADateAsArabicWritesIt(string text, string start, string end, DateGranularity granularity)
    {
        var date = ArticleMetadata.ParseDate(text)!;
        Assert.NotNull(date);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end), granularity), (date.Start, date.End, date.Granularity));
        Assert.Equal(text.StartsWith('~'), date.Estimated);
    }

    // A field holds one date and nothing else: a sentence with a date in it, two dates or a relative one are refused.
    [Theory]
    [InlineData("أعلنت ميتا في 12 سبتمبر 2025 نموذجها")]
    [InlineData("أمس")]
    [InlineData("12 سبتمبر 2025 و3 أكتوبر 2025")]
    [InlineData("سبتمبر")]
    public void RefusesTextThatIsMoreOrLessThanOneDate(string text) => Assert.Null(ArticleMetadata.ParseDate(text));

    [Theory]
    [InlineData("تاريخ النشر: 12 سبتمبر 2025\nأعلنت الشركة اليوم عن نموذج جديد.", "2025-09-12", false, DateOrigin.DateLine)]
    [InlineData("الجمعة 12 سبتمبر 2025 - 10:45 ص\nأعلنت الشركة عن نموذج جديد.", "2025-09-12", false, DateOrigin.DateLine)]
    [InlineData("عنوان الخبر\nنُشر في ٣ تشرين الثاني ٢٠٢٤\nنص الخبر هنا.", "2024-11-03", false, DateOrigin.DateLine)]
    [InlineData("في 12 سبتمبر 2025، أعلنت الشركة عن نموذج جديد مفتوح المصدر.", "2025-09-12", true, DateOrigin.FirstSentence)]
    public void APastedArticleIsDatedFromItsOwnTopLines(string text, string day, bool estimated, DateOrigin from)
    {
        var article = ArticleReader.Read("pasted.txt", System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal((DateOnly.Parse(day), DateGranularity.Day, estimated, from),
            (article.Published?.Start, article.Published?.Granularity, article.Published?.Estimated, article.PublishedFrom));
    }

    [Theory]
    [InlineData("آخر تحديث: 12 سبتمبر 2025\nنص الخبر.")]
    [InlineData("أعلنت الشركة اليوم عن نموذج جديد، وقالت إنها بدأت العمل عليه في 12 سبتمبر 2025.")]
    [InlineData("نص بلا تاريخ عن نموذج جديد.")]
    public void NoDateLineMeansNoDate(string text)
    {
        var article = ArticleReader.Read("pasted.txt", System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal((null, DateOrigin.None), (article.Published, article.PublishedFrom));
    }

    [Fact]
    public void FrontMatterOrASidecarWinsOverADateLineAndSaysWhere()
    {
        var article = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes("---\npublished: 2024-05-01\n---\nتاريخ النشر: 12 سبتمبر 2025\nنص."));
        Assert.Equal((new DateOnly(2024, 5, 1), DateOrigin.Metadata), (article.Published?.Start, article.PublishedFrom));
    }

    [Fact]
    public void AnArticleWithoutATitleIsTitledByItsFirstSentenceCutAtAWord()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("كلمة", 60)) + ".";
        var title = ArticleReader.AutomaticTitle(longSentence + " جملة ثانية.");
        Assert.True(title.Length <= ArticleReader.TitleLength, title);
        Assert.EndsWith("كلمة…", title);
        Assert.Equal("أعلنت ميتا نموذجًا جديدًا.", ArticleReader.AutomaticTitle("أعلنت ميتا نموذجًا جديدًا. وقالت الشركة إنه مفتوح."));
        Assert.Equal("أعلنت ميتا نموذجًا جديدًا.", ArticleReader.AutomaticTitle("تاريخ النشر: 12 سبتمبر 2025\nأعلنت ميتا نموذجًا جديدًا. وقالت الشركة إنه مفتوح."));
    }
}

using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class DateExtractorTests
{
    private static List<ResolvedDate> Dates(string text, DateRange? published = null) => Run.Until<DateExtractor>(text, published).Dates;

    [Theory]
    [InlineData("أطلقت ميتا النموذج في 23 يوليو 2024.", "2024-07-23", "2024-07-23", DateGranularity.Day)]
    [InlineData("أطلقت ميتا النموذج في 23 تموز 2024.", "2024-07-23", "2024-07-23", DateGranularity.Day)]
    [InlineData("أطلقت ميتا النموذج في ٢٣ جويلية ٢٠٢٤.", "2024-07-23", "2024-07-23", DateGranularity.Day)]
    [InlineData("نشر التقرير في أبريل/نيسان 2025.", "2025-04-01", "2025-04-30", DateGranularity.Month)]
    [InlineData("نشر التقرير في كانون الثاني (يناير) 2024.", "2024-01-01", "2024-01-31", DateGranularity.Month)]
    [InlineData("وصل في 3 آب 2024 إلى المقر.", "2024-08-03", "2024-08-03", DateGranularity.Day)]
    [InlineData("تأسس المختبر في عام 2023.", "2023-01-01", "2023-12-31", DateGranularity.Year)]
    [InlineData("تطرح الشركة نموذجها في الربع الأول من عام 2026.", "2026-01-01", "2026-03-31", DateGranularity.Quarter)]
    [InlineData("عقدت القمة صيف 2024.", "2024-06-01", "2024-08-31", DateGranularity.Season)]
    public void ExplicitDatesResolveWithTheirPrecision(string text, string start, string end, DateGranularity granularity)
    {
        var d = Assert.Single(Dates(text));
        Assert.Equal(DateOnly.Parse(start), d.Range.Start);
        Assert.Equal(DateOnly.Parse(end), d.Range.End);
        Assert.Equal(granularity, d.Range.Granularity);
    }

    [Theory]
    [InlineData("في مقابلة له في الصيف الماضي قال ذلك.", "2024-06-01", "2024-08-31", DateGranularity.Season)]
    [InlineData("بدأ تليين موقفه العام الماضي.", "2024-01-01", "2024-12-31", DateGranularity.Year)]
    [InlineData("تستثمر الشركة 65 مليار دولار هذا العام.", "2025-01-01", "2025-12-31", DateGranularity.Year)]
    [InlineData("سيطلق النموذج الشهر المقبل.", "2025-08-01", "2025-08-31", DateGranularity.Month)]
    [InlineData("أعلنت الشركة ذلك يوم الأربعاء.", "2025-07-09", "2025-07-09", DateGranularity.Day)]
    [InlineData("اجتمع الفريق في ديسمبر.", "2024-12-01", "2024-12-31", DateGranularity.Month)]
    [InlineData("ستطلق الشركة النموذج في ديسمبر.", "2025-12-01", "2025-12-31", DateGranularity.Month)]
    [InlineData("تغير الموقف منذ عام 2023.", "2023-01-01", "2023-12-31", DateGranularity.Year)]
    [InlineData("تعمل الشركة في السوق منذ مارس 2024.", "2024-03-01", "2024-03-31", DateGranularity.Month)]
    [InlineData("يعمل الفريق على النموذج منذ عامين.", "2023-01-01", "2023-12-31", DateGranularity.Year)]
    public void RelativeDatesResolveAgainstThePublicationDate(string text, string start, string end, DateGranularity granularity)
    {
        var d = Assert.Single(Dates(text, Run.July15));
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end), granularity), (d.Range.Start, d.Range.End, d.Range.Granularity));
    }

    [Fact]
    public void RelativeDatesFromAnEstimatedPublicationDateAreEstimated()
    {
        var d = Assert.Single(Dates("بدأ ذلك العام الماضي.", DateRange.Month(2025, 7, estimated: true)));
        Assert.True(d.Range.Estimated);
        Assert.Equal(2024, d.Range.Start.Year);
    }

    [Theory]
    [InlineData("بدأ ذلك العام الماضي.")]
    [InlineData("في الصيف الماضي قال ذلك.")]
    public void WithoutAPublicationDateRelativeDatesStayUnresolved(string text)
    {
        Assert.Empty(Dates(text));
    }

    [Theory]
    [InlineData("مارس الضغط على الشركة لسنوات.")]
    [InlineData("زار اب العائلة المدينة.")]
    [InlineData("أطلقت ميتا Llama 2 ثم Llama 3.")]
    [InlineData("يعالج النموذج 2048 رمزا في المرة.")]
    [InlineData("منذ سنوات وضعت ميتا نفسها لاعبا رئيسيا.")]
    public void OrdinaryWordsAndNumbersAreNotDates(string text)
    {
        Assert.Empty(Dates(text, Run.July15));
    }

    [Fact]
    public void HijriDatesConvertWithTheUmmAlQuraCalendar()
    {
        var d = Assert.Single(Dates("صدر القرار في 1 رمضان 1446 هـ."));
        Assert.True(d.Range.Start <= new DateOnly(2025, 3, 1) && new DateOnly(2025, 3, 1) <= d.Range.End);
    }

    [Fact]
    public void TheDateSpanPointsAtItsWords()
    {
        const string text = "قال ذلك في 23 يوليو 2024 أمام الصحفيين.";
        var d = Assert.Single(Dates(text));
        Assert.Equal("23 يوليو 2024", text[d.Span.Start..d.Span.End]);
    }
}

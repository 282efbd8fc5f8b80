using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class AmountExtractorTests
{
    private static List<Amount> Amounts(string text) => Run.Until<AmountExtractor>(text).Amounts;

    [Theory]
    [InlineData("مع استثمار 65 مليار دولار هذا العام", 65e9, "USD")]
    [InlineData("نموذج يحتوي على 405 مليار معلمة", 405e9, "parameters")]
    [InlineData("أنفقت ثلاثة مليارات دولار", 3e9, "USD")]
    [InlineData("جمعت 1.5 مليار دولار", 1.5e9, "USD")]
    [InlineData("جمعت 1,5 مليار يورو", 1.5e9, "EUR")]
    [InlineData("دفعت ١٤ مليار دولار", 14e9, "USD")]
    [InlineData("ارتفعت الإيرادات بنسبة 20%", 20, "percent")]
    [InlineData("أطلقت Llama 3.1 405B للمطورين", 405e9, "parameters")]
    [InlineData("جمعت الشركة €5 مليار من المستثمرين", 5e9, "EUR")]
    public void AmountsParseToValuesWithUnits(string text, double value, string unit)
    {
        var a = Assert.Single(Amounts(text));
        Assert.Equal(value, a.Value, 6);
        Assert.Equal(unit, a.Unit);
    }

    [Theory]
    [InlineData("نحو 10 مليارات دولار", "approx")]
    [InlineData("أكثر من 600 ألف مستخدم", "min")]
    [InlineData("ما يصل إلى 100 مليون دولار", "max")]
    public void QualifiersAreKept(string text, string qualifier)
    {
        Assert.Equal(qualifier, Assert.Single(Amounts(text)).Qualifier);
    }

    [Theory]
    [InlineData("أطلقت ميتا Llama 3.1 في عام 2023")]
    [InlineData("تستثمر الشركات مليارات الدولارات")]
    [InlineData("وصلت إلى ملايين المستخدمين")]
    public void VersionsYearsAndVaguePluralsAreNotAmounts(string text)
    {
        Assert.Empty(Amounts(text));
    }
}

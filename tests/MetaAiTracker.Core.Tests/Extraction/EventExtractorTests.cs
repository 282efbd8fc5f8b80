using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class EventExtractorTests
{
    [Fact]
    public void ALaunchCarriesItsDateAndActors()
    {
        var e = Assert.Single(Run.Pipeline("أطلقت ميتا نموذج Llama 3.1 في 23 يوليو 2024 للمطورين.").Events);
        Assert.Equal("launch", e.EventType);
        Assert.Equal(DateRange.Day(new DateOnly(2024, 7, 23)), e.Date?.Range);
        Assert.Contains("meta", e.Actors);
        Assert.Contains("llama", e.Actors);
    }

    [Fact]
    public void AnInvestmentCarriesItsAmountAndRelativeDate()
    {
        var e = Assert.Single(Run.Pipeline("استثمرت ميتا 14 مليار دولار في شركة Scale AI العام الماضي.", Run.July15).Events);
        Assert.Equal("investment", e.EventType);
        Assert.Equal(14e9, Assert.Single(e.Amounts).Value);
        Assert.Equal(2024, e.Date?.Range.Start.Year);
        Assert.Equal(DateGranularity.Year, e.Date?.Range.Granularity);
    }

    [Fact]
    public void AnEventWithoutADateStaysUndated()
    {
        var e = Assert.Single(Run.Pipeline("أجلت ميتا إطلاق نموذج Behemoth بسبب أدائه.", Run.July15).Events);
        Assert.Equal("delay", e.EventType);
        Assert.Null(e.Date);
    }

    [Theory]
    [InlineData("قد تسعى ميتا إلى جذب استثمارات من صناديق الثروة السيادية.")]
    [InlineData("إذا قررت ميتا التحول إلى نماذج مغلقة، فقد يتغير السوق.")]
    [InlineData("لا تنوي ميتا بيع الوصول إلى النموذج نفسه.")]
    [InlineData("هل تطلق ميتا نموذجها الجديد قريبا؟")]
    [InlineData("قال زوكربيرغ: «لم ألزم نفسي بإطلاق كل شيء نفعله».")]
    public void SpeculationNegationQuestionsAndQuotedWordsAreNotEvents(string text)
    {
        Assert.Empty(Run.Pipeline(text, Run.July15).Events);
    }

    [Fact]
    public void ADescriptiveNounNeedsADateOrAnAmount()
    {
        Assert.Empty(Run.Pipeline("ساهم إطلاق نماذج Llama في تسريع الابتكار.").Events);
        Assert.Single(Run.Pipeline("منذ إطلاقها لأول مرة في عام 2023 أصبحت نماذج Llama قوة دافعة.").Events);
    }
}

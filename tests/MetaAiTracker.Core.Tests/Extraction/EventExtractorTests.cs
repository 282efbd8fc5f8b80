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

public class EventDatingTests
{
    [Fact]
    public void ADateOpeningTheSentenceGovernsItsMainVerb()
    {
        var x = Run.Pipeline("في 12 مارس 2025، كشفت ميتا عن فريق بحثي جديد لنماذجها أطلقت عليه اسم الفريق الأحمر.", Run.July15);
        var e = Assert.Single(x.Events);
        Assert.Equal("announcement", e.EventType);
        Assert.Equal(DateRange.Day(new DateOnly(2025, 3, 12)), e.Date?.Range);
    }

    [Fact]
    public void AMidSentenceDateBelongsToTheTriggerBeforeIt()
    {
        var x = Run.Pipeline("انضم وانغ إلى ميتا في يونيو 2025 عقب استثمار الشركة في سكيل إيه آي.", Run.July15);
        var e = Assert.Single(x.Events);
        Assert.Equal("hire", e.EventType);
        Assert.Equal(DateRange.Month(2025, 6), e.Date?.Range);
    }

    [Fact]
    public void TwoDatedHappeningsInOneSentenceAreTwoEvents()
    {
        var x = Run.Pipeline("أطلقت ميتا نموذج Llama 2 في يوليو 2023، ثم طرحت Llama 3 في أبريل 2024.", Run.July15);
        Assert.Equal([DateRange.Month(2023, 7), DateRange.Month(2024, 4)], x.Events.Select(e => e.Date?.Range));
    }

    [Fact]
    public void SeveralTriggersOfOneHappeningGiveOneEvent()
    {
        var e = Assert.Single(Run.Pipeline("أعلنت ميتا يوم الاثنين إطلاق نسخة جديدة من Llama للمطورين.", Run.July15).Events);
        Assert.Equal("announcement", e.EventType);
        Assert.Equal(DateRange.Day(new DateOnly(2025, 7, 14)), e.Date?.Range);
    }

    [Fact]
    public void ADatedSentenceWithoutANameContinuesTheStorysActors()
    {
        var x = Run.Pipeline("قررت ميتا إعادة هيكلة وحدة الذكاء الاصطناعي. وجرى إبلاغ العاملين بالقرار في 3 يوليو 2025.", Run.July15);
        var e = Assert.Single(x.Events, e => e.Date is not null);
        Assert.Contains("meta", e.Actors);
        Assert.Equal(DateRange.Day(new DateOnly(2025, 7, 3)), e.Date?.Range);
    }

    [Theory]
    [InlineData("هبط سهم إنفيديا بنسبة 17% يوم الاثنين 14 يوليو 2025 بعد صدور النموذج الصيني.", 2025, 7, 14)]
    [InlineData("دخل قانون الذكاء الاصطناعي الأوروبي حيز التنفيذ في أغسطس 2024.", 2024, 8, 0)]
    public void ADatedSentenceReportsAHappeningWithoutATriggerWord(string text, int year, int month, int day)
    {
        var e = Assert.Single(Run.Pipeline(text, Run.July15).Events);
        Assert.Equal(day == 0 ? DateRange.Month(year, month) : DateRange.Day(new DateOnly(year, month, day)), e.Date?.Range);
    }

    [Theory]
    [InlineData("الثلاثاء 8 يوليو 2025 10:30 صباحا")]
    [InlineData("الرياض 2025-07-08 تواصل ميتا رهانها على النظارات الذكية.")]
    [InlineData("8 يوليو 2025 تواصل ميتا رهانها على النظارات الذكية في أسواق جديدة.")]
    [InlineData("وقال زوكربيرغ: «سنرى في عام 2026 نماذج أذكى بكثير من كل ما نعرفه اليوم».")]
    [InlineData("تأمل الشركة أن تتجاوز إيراداتها عشرة مليارات دولار بحلول عام 2028.")]
    [InlineData("تراجع سهم ميتا 9% في أكبر خسارة يومية له منذ أكتوبر 2022.")]
    [InlineData("ولد الباحث في باريس عام 1960 ودرس الهندسة هناك.")]
    [InlineData("نماذج ميتا الجديدة في 2026")]
    [InlineData("- روابط ذات صلة.. نظارات ميتا الجديدة في 2026")]
    [InlineData("تتوقع ميتا نمو إيراداتها لعام 2026 بنسبة كبيرة.")]
    [InlineData("قال زوكربيرغ إنه لا يتوقع تسريح المزيد من موظفي ميتا هذا العام.")]
    [InlineData("وقال المتحدث باسم الشركة إن \"ميتا ستضاعف استثماراتها في عام 2026 بلا تردد\".")]
    public void DatelinesQuotedWordsTargetsBaselinesBirthsAndHeadingsAreNotHappenings(string text)
    {
        Assert.DoesNotContain(Run.Pipeline(text, Run.July15).Events, e => e.Date is not null);
    }

    [Fact]
    public void ByADateAlreadyPastIsAStateReached()
    {
        var e = Assert.Single(Run.Pipeline("وبحلول يونيو 2025، كانت ميتا قد ضمت عشرات الباحثين من منافسيها.", Run.July15).Events);
        Assert.Equal(DateRange.Month(2025, 6), e.Date?.Range);
    }

    [Fact]
    public void SinceAYearDatesTheStartOfWhatFollowed()
    {
        var e = Assert.Single(Run.Pipeline("يقود لوكون مختبر الأبحاث في ميتا منذ عام 2013 بلا انقطاع.", Run.July15).Events);
        Assert.Equal(DateRange.Year(2013), e.Date?.Range);
    }

    [Fact]
    public void OneHappeningToldTwiceInAnArticleIsOneEvent()
    {
        var x = Run.Pipeline("أطلقت ميتا نموذج Llama 4 للمطورين\nأطلقت ميتا نموذج Llama 4 في 5 أبريل 2025. وقالت الشركة إن النموذج متاح للجميع.", Run.July15);
        var e = Assert.Single(x.Events);
        Assert.Equal(DateRange.Day(new DateOnly(2025, 4, 5)), e.Date?.Range);
    }
}

public class EventTriggerTests
{
    [Theory]
    [InlineData("طرحت ميتا نسخة مصغرة من نموذجها في 2 مايو 2025 للهواتف.", "launch")]
    [InlineData("تنوي ميتا طرحه في الربع الأول من عام 2026 للشركات.", "plan")]
    [InlineData("أبلغت ميتا موظفيها في 8 يوليو 2025 بخطة جديدة للفريق.", "memo")]
    [InlineData("قررت ميتا إنهاء عقود مئات المتعاقدين في 10 يوليو 2025.", "layoff")]
    [InlineData("بدأت ميتا تسريح موظفين من قسم الأبحاث في 9 يوليو 2025.", "layoff")]
    [InlineData("أسس يان لوكون شركة ناشئة جديدة في ديسمبر 2024 بعيدا عن الشركات الكبرى.", "founding")]
    [InlineData("اكتمل استحواذ ميتا على حصة في سكيل إيه آي في يونيو 2025.", "acquisition")]
    [InlineData("بدأ تعاون ميتا مع مايكروسوفت في يوليو 2023 لتوزيع النموذج.", "partnership")]
    [InlineData("أثارت صفقة ميتا مع غوغل في أغسطس 2025 اهتمام المستثمرين.", "partnership")]
    [InlineData("تفجرت فضيحة تتعلق بنتائج اختبارات Llama 4 في أبريل 2025.", "scandal")]
    [InlineData("جاء إعلانها عن المختبر الجديد في 30 يونيو 2025 بعد أشهر من التحضير لدى ميتا.", "announcement")]
    [InlineData("كشفت ميتا عن نظارات ذكية جديدة في 17 سبتمبر 2025.", "announcement")]
    public void TriggersOfNewsWording(string text, string type)
    {
        var e = Assert.Single(Run.Pipeline(text, Run.July15).Events);
        Assert.Equal(type, e.EventType);
        Assert.NotNull(e.Date);
    }

    [Fact]
    public void ANounTriggerTakesAPossessiveSuffix()
    {
        var e = Assert.Single(Run.Pipeline("تحدث لوكون عن أسباب استقالته من ميتا في نوفمبر 2025.", Run.July15).Events);
        Assert.Equal("departure", e.EventType);
        Assert.Equal(DateRange.Month(2025, 11), e.Date?.Range);
    }
}

using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class ArticleClassifierTests
{
    [Fact]
    public void AnArticleThatNeverNamesMetaIsNotRelevant()
    {
        var x = Run.Pipeline("فاز الفريق بالمباراة النهائية بهدفين. وقال المدرب إن اللاعبين قدموا أداء رائعا في الشوط الثاني.");
        Assert.False(x.IsRelevant);
        Assert.Equal(0, x.RelevanceScore);
    }

    [Fact]
    public void ASeedArticleIsRelevantWithItsMainThemes()
    {
        var x = Run.Pipeline(Seeds.Read("004"));
        Assert.True(x.IsRelevant);
        Assert.Contains("openness", x.Themes);
        Assert.Contains("models", x.Themes);
        Assert.Equal(Stance.Open, x.Stance);
    }

    [Fact]
    public void EveryItemSpanSlicesItsTextOutOfTheArticle()
    {
        foreach (var file in Seeds.Files)
        {
            var text = File.ReadAllText(file);
            var x = Run.Pipeline(text, Run.July15);
            foreach (var item in x.Quotes.Cast<ExtractedItem>().Concat(x.Events).Concat(x.Claims))
                Assert.Equal(item.Text, text[item.Span.Start..item.Span.End]);
        }
    }
}

public class ArticleThemeTests
{
    private const string Hiring =
        "ميتا تستقطب باحثين من منافسيها\n" +
        "استقطبت ميتا خلال الأسابيع الماضية عشرات الباحثين من مختبرات منافسة، وعرضت عليهم رواتب ومكافآت ضخمة. " +
        "ويعمل هؤلاء الباحثين على نماذج جديدة داخل فريق صغير. ويقول مطلعون إن حرب المواهب بين الشركات لم تعرف مثل هذه العروض من قبل.";

    [Fact]
    public void WordsInEveryAiStoryDoNotMakeATheme()
    {
        var x = Run.Pipeline(Hiring, Run.July15);
        Assert.Contains("talent", x.Themes);
        Assert.DoesNotContain("models", x.Themes);
    }

    [Fact]
    public void APassingMentionIsNotATheme()
    {
        var x = Run.Pipeline(Hiring + " وتواجه الشركة أيضا أسئلة عن قانون جديد.", Run.July15);
        Assert.DoesNotContain("regulation", x.Themes);
    }

    [Fact]
    public void AtMostFourThemes()
    {
        var text = string.Join(" ", Enumerable.Repeat(
            "تواجه ميتا المنافسة وتستثمر في مراكز البيانات وتوظف الباحثين وتطلق نماذج مفتوحة المصدر وتبحث عن الإيرادات والتمويل وتخشى القانون والصين والذكاء الفائق.", 4));
        Assert.Equal(4, Run.Pipeline(text, Run.July15).Themes.Count);
    }

    [Fact]
    public void TheTitleAndLedeSayWhatTheStoryIsAbout()
    {
        var lead = "ميتا تفتح مصدر نموذجها الجديد\nأتاحت ميتا نموذجها الأحدث مفتوح المصدر للمطورين.";
        var body = string.Concat(Enumerable.Repeat(" وتحدث التقرير عن أمور أخرى كثيرة لا تتعلق بالموضوع نفسه ولا بغيره من الموضوعات.", 8));
        Assert.Contains("openness", Run.Pipeline(lead + body, Run.July15).Themes);
        Assert.DoesNotContain("openness", Run.Pipeline(body + " وتحدث عن نموذج مفتوح المصدر.", Run.July15).Themes);
    }
}

public class RelevanceTests
{
    private const string OpenAiRound =
        "جمعت أوبن إيه آي تمويلا جديدا من مستثمرين كبار لتوسيع مراكز بياناتها. " +
        "وقالت الشركة إن التمويل سيذهب إلى تدريب نماذج الذكاء الاصطناعي المقبلة. " +
        "وتتنافس أوبن إيه آي مع غوغل وأنثروبيك على استقطاب الباحثين، كما تفعل ميتا منذ أشهر. " +
        "ويرى محللون أن مايكروسوفت ستبقى الشريك الأهم للشركة في السنوات المقبلة. " +
        "وتخطط أوبن إيه آي لإطلاق نموذج جديد قبل نهاية العام بحسب مصادر مطلعة. " +
        "ولم تعلق غوغل على الصفقة حتى الآن.";

    [Fact]
    public void AStoryAboutAnotherCompanyThatNamesMetaInPassingIsOffTopic()
    {
        Assert.False(Run.Pipeline(OpenAiRound, Run.July15).IsRelevant);
    }

    [Fact]
    public void TwoPassingMentionsAmongManyOtherNamesAreStillOffTopic()
    {
        Assert.False(Run.Pipeline(OpenAiRound + " وكان مؤسسو الشركة الناشئة قد عملوا سابقا في ميتا وغوغل وأوبن إيه آي.", Run.July15).IsRelevant);
    }

    [Fact]
    public void AStoryAboutMetasAiIsOnTopic()
    {
        var x = Run.Pipeline(
            "أطلقت ميتا نموذجا جديدا من عائلة Llama للمطورين. وقال زوكربيرغ إن النموذج يتفوق على منافسيه. " +
            "ويأتي الإطلاق بعد أشهر من الانتقادات لنماذج الشركة السابقة. ولم تكشف الشركة عن كلفة تدريب النموذج.", Run.July15);
        Assert.True(x.IsRelevant);
    }
}

using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>Speakers as unseen outlets write them: unknown people and outlets, reports, channels, words around the verb.</summary>
public class QuoteSpeakerTests
{
    private static ExtractedQuote One(string text) => Assert.Single(Run.Pipeline(text).Quotes);

    [Theory]
    [InlineData("وقالت المديرة المالية للشركة ليلى حداد إن الإنفاق على الحوسبة سيتضاعف.", "ليلى حداد")]
    [InlineData("وأوضح الباحث في جامعة هارفارد توماس بيل أن النماذج المفتوحة تسرّع البحث العلمي.", "توماس بيل")]
    [InlineData("قال نائب الرئيس لشؤون المنتجات كريم سلوم إن التطبيق سيصل إلى أوروبا قريبًا.", "كريم سلوم")]
    [InlineData("وقال كاتيا مورو، كبيرة المحللين في شركة أبحاث أوروبية، إن الطلب على الرقائق لن يتراجع.", "كاتيا مورو")]
    public void APersonIntroducedByATitleIsTheSpeakerByName(string text, string name)
    {
        var q = One(text);
        Assert.Equal(SpeakerKind.Person, q.Speaker?.Kind);
        Assert.Null(q.Speaker?.EntityId);
        Assert.Equal(name, q.Speaker?.Name);
    }

    [Fact]
    public void AnUnknownSpeakerIsProposedToEditorsAsANewEntity()
    {
        var result = Run.Pipeline("وقالت المديرة المالية للشركة ليلى حداد إن الإنفاق على الحوسبة سيتضاعف.");
        var p = Assert.Single(result.EntityProposals!);
        Assert.Equal(EntityKind.Person, p.Kind);
        Assert.Equal("ليلى حداد", p.Name);
    }

    [Theory]
    [InlineData("وبحسب موقع تك ريبورت، فإن الشركة تدرس إغلاق نموذجها القادم.", "تك ريبورت")]
    [InlineData("ووفقًا لصحيفة الصباح الجديد، فإن المفاوضات بين الشركتين توقفت الشهر الماضي.", "الصباح الجديد")]
    [InlineData("وذكرت مجلة Silicon Weekly أن المختبر الجديد سيضم مئة باحث.", "Silicon Weekly")]
    public void AnOutletIntroducedByWhatItIsIsTheSpeaker(string text, string name)
    {
        var q = One(text);
        Assert.Equal(SpeakerKind.Outlet, q.Speaker?.Kind);
        Assert.Equal(name, q.Speaker?.Name);
    }

    [Theory]
    [InlineData("وذكر تقرير لصحيفة فايننشال تايمز أن الشركة ستبيع الوصول إلى نموذجها الأكبر.", "financial-times")]
    [InlineData("كشف تقرير نشرته بلومبرغ أن الفريق الجديد سيعمل على نموذج مغلق.", "bloomberg")]
    [InlineData("وأفادت رويترز بأن المحادثات بين الطرفين دخلت مرحلتها الأخيرة.", "reuters")]
    public void AnOutletsReportSpeaksForTheOutlet(string text, string id)
    {
        var q = One(text);
        Assert.Equal(SpeakerKind.Outlet, q.Speaker?.Kind);
        Assert.Equal(id, q.Speaker?.EntityId);
    }

    [Fact]
    public void AReportOfAnUnknownOutletSpeaksForItAndTheReportPointsBack()
    {
        var quotes = Run.Pipeline("وذكر تقرير لموقع ديلي تكنو أن الشركة أوقفت التوظيف. وأضاف التقرير أن القرار سيستمر حتى الصيف.").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("ديلي تكنو", q.Speaker?.Name));
    }

    [Fact]
    public void SourcesSpeakingToAnOutletStayTheSources()
    {
        var q = One("وتعمل الشركة على نموذج جديد مغلق، وفق تصريحات مصادر مطلعة لوكالة رويترز.");
        Assert.Equal(SpeakerKind.Anonymous, q.Speaker?.Kind);
        Assert.Equal("مصادر مطلعة", q.Speaker?.Name);
    }

    [Theory]
    [InlineData("قال زوكربيرغ إن الشركة ستنفق أكثر. وأضاف قائلاً إن العائد سيأتي لاحقًا.")]
    [InlineData("قال زوكربيرغ إن الشركة ستنفق أكثر. وقال أيضًا إن العائد سيأتي لاحقًا.")]
    [InlineData("نشر زوكربيرغ رسالة للموظفين. وفي رسالة داخلية قال فيها إن العائد سيأتي لاحقًا.")]
    public void WordsAroundTheVerbAreNeverTheSpeaker(string text)
    {
        var quotes = Run.Pipeline(text).Quotes;
        Assert.Contains(quotes, q => q.Text.StartsWith("العائد سيأتي"));
        Assert.All(quotes, q => Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId));
    }

    [Fact]
    public void APostWritersWordsAreHis()
    {
        var q = One("وفي منشور على حسابه كتب ألتمان فيه: «سنطلق نموذجًا بأوزان مفتوحة هذا الصيف».");
        Assert.Equal("sam-altman", q.Speaker?.EntityId);
    }

    [Theory]
    [InlineData("وقال ألتمان على منصة X إن الطلب على الحوسبة يفوق كل التوقعات.")]
    [InlineData("تحدث ألتمان طويلًا عن الرقائق. وكتب عبر حسابه على ثريدز أن الطلب على الحوسبة يفوق كل التوقعات.")]
    [InlineData("تحدث ألتمان طويلًا عن الرقائق. وقال في مقابلة مع قناة سي إن بي سي إن الطلب على الحوسبة يفوق كل التوقعات.")]
    public void AChannelIsNotTheSpeaker(string text)
    {
        var q = One(text);
        Assert.Equal("sam-altman", q.Speaker?.EntityId);
    }

    [Fact]
    public void ATitleAndANameBetweenCommasAreOneSpeaker()
    {
        var q = One("وأكد الرئيس التنفيذي لشركة إنفيديا، جنسن هوانغ، أن الطلب على الرقائق ما زال قويًا.");
        Assert.Equal("jensen-huang", q.Speaker?.EntityId);
    }

    [Fact]
    public void ANamedPersonOutranksTheOutletHeWorksFor()
    {
        var q = One("وقال سامي الحلو المحلل في بلومبرغ: «الإنفاق لن يتباطأ قبل نهاية العقد».");
        Assert.Equal("سامي الحلو", q.Speaker?.Name);
    }

    [Theory]
    [InlineData("أعلنت الشركة أرباحها، ووفقًا لبيان مشترك، فإن الشراكة ستمتد عشر سنوات.", "بيان مشترك")]
    [InlineData("وستمتد الشراكة عشر سنوات، بحسب بيان الشركتين.", "بيان الشركتين")]
    public void AStatementWithNoOneBehindItSpeaksByItsWords(string text, string name)
    {
        var q = One(text);
        Assert.Equal(name, q.Speaker?.Name);
    }

    [Theory]
    [InlineData("وستطلق الشركة النموذج في الربيع، بحسب ما ذكرت صحيفة وول ستريت جورنال.", "wall-street-journal")]
    [InlineData("وستطلق الشركة النموذج في الربيع، وفق ما كشف عنه تقرير لرويترز.", "reuters")]
    [InlineData("وستطلق الشركة النموذج في الربيع، حسبما أفادت بلومبرغ.", "bloomberg")]
    [InlineData("وستطلق الشركة النموذج في الربيع وفقاً لـReuters.", "reuters")]
    public void RelativeSourceCuesNameTheirSource(string text, string id)
    {
        var q = One(text);
        Assert.Equal(id, q.Speaker?.EntityId);
        Assert.StartsWith("وستطلق الشركة", q.Text);
    }

    [Fact]
    public void ACueInsideASentenceAttributesTheWholeSentence()
    {
        var q = One("ودُرّبت النماذج، بحسب ميتا، على نصوص بمئتي لغة.");
        Assert.Contains("على نصوص بمئتي لغة", q.Text);
        Assert.Equal("meta", q.Speaker?.EntityId);
    }

    [Fact]
    public void TheCompanyPointsBackToTheLastCompanyNamed()
    {
        var quotes = Run.Pipeline("رفعت إنفيديا توقعاتها للربع المقبل. وقالت الشركة في بيان إن الطلب على الرقائق لم يتباطأ.").Quotes;
        var q = Assert.Single(quotes);
        Assert.Equal("nvidia", q.Speaker?.EntityId);
    }

    [Fact]
    public void ADefiniteSourceKeepsItsArticle()
    {
        var q = One("ووفق المصادر، فإن الفريق سيُحل قبل نهاية العام.");
        Assert.Equal("المصادر", q.Speaker?.Name);
    }

    [Fact]
    public void APersonNamedInsideTheQuotedWordsIsNotTheNextSpeaker()
    {
        var quotes = Run.Pipeline("أوضح لوكون أن علاقته بزوكربيرغ تغيرت كثيرًا. وقال إن المختبر فقد حريته البحثية.").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("yann-lecun", q.Speaker?.EntityId));
    }
}

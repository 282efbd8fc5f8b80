using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>Reporting cues beyond قال إن: views stated as objects, participle continuations, marks as real copy uses them.</summary>
public class QuoteCueTests
{
    [Theory]
    [InlineData("وأعرب ألتمان عن قلقه من سرعة السباق بين المختبرات.", "قلقه من سرعة السباق")]
    [InlineData("ودافع زوكربيرغ عن الإنفاق الكبير على مراكز البيانات.", "الإنفاق الكبير")]
    [InlineData("ودعا هاسابيس إلى تنسيق دولي في قواعد السلامة.", "تنسيق دولي")]
    [InlineData("وحذر ألتمان من سباق بلا ضوابط بين الدول.", "سباق بلا ضوابط")]
    [InlineData("وشدد زوكربيرغ على ضرورة إبقاء الأوزان متاحة للباحثين.", "إبقاء الأوزان")]
    [InlineData("ونفى زوكربيرغ وجود خطط لإغلاق النماذج كلها.", "وجود خطط لإغلاق")]
    [InlineData("وتوقع هوانغ ارتفاع الطلب على الرقائق في العام المقبل.", "ارتفاع الطلب")]
    [InlineData("ووصف زوكربيرغ النموذج الجديد بأنه الأقوى في تاريخ الشركة.", "الأقوى في تاريخ")]
    [InlineData("واعترف ألتمان بأن الشركة أخطأت في تقدير الطلب.", "الشركة أخطأت")]
    [InlineData("ولفت ناديلا إلى أن الشراكة ستبقى كما هي.", "الشراكة ستبقى")]
    [InlineData("وألمح زوكربيرغ إلى أن النموذج التالي قد يبقى داخليًا.", "النموذج التالي")]
    [InlineData("وزعم ماسك أن منافسيه يخفون نتائج الاختبارات.", "منافسيه يخفون")]
    public void SpeechVerbsWhoseObjectStatesAView(string text, string words)
    {
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.Contains(words, q.Text);
        Assert.NotNull(q.Speaker?.EntityId);
    }

    [Fact]
    public void EachParticipleIsAQuoteOfTheSameSpeaker()
    {
        var quotes = Run.Pipeline("وأكد هوانغ أن الطلب ما زال قويًا، موضحًا أن المصانع تعمل بكامل طاقتها، ومشيرًا إلى أن الأسعار لن تنخفض.").Quotes;
        Assert.Equal(3, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("jensen-huang", q.Speaker?.EntityId));
        Assert.StartsWith("الطلب ما زال", quotes[0].Text);
        Assert.DoesNotContain("المصانع", quotes[0].Text);
        Assert.StartsWith("المصانع تعمل", quotes[1].Text);
        Assert.StartsWith("الأسعار لن", quotes[2].Text);
    }

    [Fact]
    public void AnotherSpeakerAfterAConnectorEndsTheClause()
    {
        var quotes = Run.Pipeline("ويرى محللون أن الإنفاق سيستمر، إذ قال هوانغ: «الطلب يتجاوز ما نستطيع صنعه هذا العام».").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.DoesNotContain("الطلب يتجاوز", quotes[0].Text);
        Assert.Equal("jensen-huang", quotes[1].Speaker?.EntityId);
    }

    [Theory]
    [InlineData("وأفادت وكالة رويترز، اليوم الأربعاء، أن الشركة ستسرّح مئات الموظفين.")]
    [InlineData("وكانت رويترز قد أفادت أن الشركة ستسرّح مئات الموظفين.")]
    public void AsidesAndAssertingQadKeepTheCue(string text)
    {
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.Equal("reuters", q.Speaker?.EntityId);
    }

    [Theory]
    [InlineData("إذا أنفقت الشركة أكثر مما تربح، قال المستثمرون إنهم سيبيعون أسهمهم.")]
    [InlineData("وقد يقول زوكربيرغ إن النماذج المفتوحة انتهت.")]
    [InlineData("ووُصف النموذج بأنه الأضعف بين منافسيه.")]
    [InlineData("وذُكر أن الشركة ستغلق المختبر.")]
    public void ConditionalsAndPassivesAreNotSpeech(string text)
    {
        Assert.Empty(Run.Pipeline(text).Quotes);
    }

    [Theory]
    [InlineData("وقال زوكربيرغ: ”سنواصل نشر أوزان النماذج للجميع”.")]
    [InlineData("وقال زوكربيرغ: ”سنواصل نشر أوزان النماذج للجميع“.")]
    [InlineData("وقال زوكربيرغ: \"سنواصل نشر أوزان النماذج للجميع″.")]
    [InlineData("وقال زوكربيرغ: «سنواصل نشر أوزان النماذج للجميع")]
    public void QuotationMarksAsRealCopyTypesThem(string text)
    {
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.Equal(QuoteKind.Direct, q.Kind);
        Assert.Equal("سنواصل نشر أوزان النماذج للجميع", q.Text);
        Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId);
    }

    [Fact]
    public void QuotedWordsAfterInnaAreDirect()
    {
        var q = Assert.Single(Run.Pipeline("وقال زوكربيرغ إن \"النماذج المفتوحة ستنتصر في النهاية\".").Quotes);
        Assert.Equal(QuoteKind.Direct, q.Kind);
        Assert.Equal("النماذج المفتوحة ستنتصر في النهاية", q.Text);
    }

    [Fact]
    public void AQuotedFragmentInsideAnIndirectFrameIsMixed()
    {
        var q = Assert.Single(Run.Pipeline("وقال زوكربيرغ إن الشركة ستبني \"أقوى فريق في هذا المجال\" خلال عامين.").Quotes);
        Assert.Equal(QuoteKind.Mixed, q.Kind);
        Assert.StartsWith("الشركة ستبني", q.Text);
    }

    [Theory]
    [InlineData("وكانت الشركة قد حذّرت في وقت سابق من أن القيود ستخفض مبيعاتها.", "القيود ستخفض")]
    [InlineData("وكان المحللون قد توقعوا أن تتراجع الأسهم بعد الإعلان.", "تتراجع الأسهم")]
    public void AnAuxiliaryAndQadFrameASubjectBeforeTheVerb(string text, string words)
    {
        var q = Assert.Single(Run.Pipeline("أعلنت إنفيديا نتائجها الفصلية. " + text).Quotes);
        Assert.Contains(words, q.Text);
        Assert.NotNull(q.Speaker);
    }

    [Fact]
    public void AVerbalNounCueAndTheParticipleAfterItAreTwoQuotes()
    {
        var quotes = Run.Pipeline("ورغم نفي متحدث باسم ميتا وجود عروض بهذا الحجم، مشيرًا إلى أن الشركة قدمت عروضًا قليلة، تتواصل التقارير.").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.StartsWith("وجود عروض", quotes[0].Text);
        Assert.All(quotes, q => Assert.Equal("meta", q.Speaker?.EntityId));
    }

    [Fact]
    public void AnObjectBeforeBiannahuIsNotTheSpeaker()
    {
        var quotes = Run.Pipeline("انتقدت ميتا القواعد الأوروبية الجديدة. ووصفت سابقًا قانون الخدمات الرقمية بأنه مربك للمطورين.").Quotes;
        var q = Assert.Single(quotes);
        Assert.Equal("meta", q.Speaker?.EntityId);
        Assert.Contains("مربك للمطورين", q.Text);
    }

    [Fact]
    public void AStatementOfTheCompanyIsTheCompanys()
    {
        var q = Assert.Single(Run.Pipeline("رفعت أمازون توقعاتها. وجاء في بيان للشركة: \"سنضاعف الإنفاق على مراكز البيانات في العام المقبل\".").Quotes);
        Assert.Equal("amazon", q.Speaker?.EntityId);
        Assert.Equal(QuoteKind.Direct, q.Kind);
    }

    [Fact]
    public void APresentVerbRightAfterAQuoteGoesOnWithItsSpeaker()
    {
        var quotes = Run.Pipeline("قال هوانغ: «الطلب على الرقائق لا يتوقف». ويضيف أن المصانع الجديدة ستفتح قريبًا.").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("jensen-huang", q.Speaker?.EntityId));
    }

    [Fact]
    public void APresentVerbWithNoQuoteBeforeItIsTheWriter()
    {
        Assert.Empty(Run.Pipeline("ويشير هذا التحول إلى أن السوق تغيرت.").Quotes);
    }

    [Fact]
    public void WhereasIsNotAHypothesis()
    {
        var q = Assert.Single(Run.Pipeline("رفعت غوغل تقديراتها، في حين توقعت ميتا زيادة أسرع في نفقاتها.").Quotes);
        Assert.Equal("meta", q.Speaker?.EntityId);
        Assert.Contains("زيادة أسرع", q.Text);
    }
}

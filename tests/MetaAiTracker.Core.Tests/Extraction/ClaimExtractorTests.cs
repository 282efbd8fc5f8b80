using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class ClaimExtractorTests
{
    [Theory]
    [InlineData("ميتا لن تفتح مصدر نماذجها القادمة للجميع بعد اليوم.", Stance.Closed)]
    [InlineData("تواصل ميتا إطلاق نماذج Llama مفتوحة المصدر للمطورين في العالم.", Stance.Open)]
    [InlineData("يبدو أن ميتا تتجه إلى التخلي عن الانفتاح في نماذجها الكبرى.", Stance.Closed)]
    [InlineData("تدعم ميتا النماذج مفتوحة المصدر لكنها تبقي أقوى نماذجها مغلقة المصدر.", Stance.Mixed)]
    [InlineData("تريد ميتا تحقيق الأرباح من استثماراتها الضخمة في الذكاء الاصطناعي.", Stance.None)]
    public void ClaimsAboutMetaCarryAStance(string text, Stance stance)
    {
        var claim = Assert.Single(Run.Pipeline(text).Claims);
        Assert.Equal(stance, claim.Stance);
    }

    [Fact]
    public void NegationTurnsOpenIntoClosedAndIsMarked()
    {
        var claim = Assert.Single(Run.Pipeline("قررت ميتا أنها لن تفتح مصدر نموذج Behemoth الجديد.").Claims);
        Assert.Equal(Stance.Closed, claim.Stance);
        Assert.True(claim.Negated);
    }

    [Theory]
    [InlineData("نموذجنا لا يتنافس فقط مع النماذج الرائدة مغلقة المصدر، بل يتفوق عليها.")]
    [InlineData("الذكاء الاصطناعي مفتوح المصدر أكثر أمانًا من البدائل مغلقة المصدر.")]
    public void TheOtherSideOfAComparisonIsNotTheSpeakersStance(string text)
    {
        var tokens = MetaAiTracker.Core.Text.ArabicTokenizer.Tokenize(text);
        Assert.NotEqual(Stance.Closed, MetaAiTracker.Core.Extraction.StanceScorer.Read(tokens, 0, tokens.Count).Stance);
    }

    [Fact]
    public void HedgingIsMarked()
    {
        var claim = Assert.Single(Run.Pipeline("قد تتحول ميتا إلى نماذج مغلقة المصدر في المستقبل القريب.").Claims);
        Assert.True(claim.Hedged);
        Assert.Equal(Stance.Closed, claim.Stance);
    }

    [Fact]
    public void QadBeforeAPerfectVerbAssertsRatherThanHedges()
    {
        var claim = Assert.Single(Run.Pipeline("قد تخلت ميتا فعلا عن الانفتاح في أحدث نماذجها الكبيرة.").Claims);
        Assert.False(claim.Hedged);
    }

    [Theory]
    [InlineData("تطلق OpenAI نماذج مغلقة المصدر منذ سنوات طويلة جدا.")]
    [InlineData("هل تتخلى ميتا عن الانفتاح في نماذجها القادمة؟")]
    [InlineData("مستقبل ميتا والمصدر المفتوح")]
    public void OtherCompaniesQuestionsAndHeadingsAreNotClaims(string text)
    {
        Assert.Empty(Run.Pipeline(text).Claims);
    }

    [Fact]
    public void AQuotedViewIsAQuoteNotAClaim()
    {
        var x = Run.Pipeline("وقال زوكربيرغ: «سيكون المصدر المفتوح وسيلة أكثر أمانًا لتطوير الذكاء الاصطناعي».");
        Assert.Single(x.Quotes);
        Assert.Empty(x.Claims);
    }
}

public class StanceShiftTests
{
    [Theory]
    // A reverser reaches the next cue of its clause, however many words stand between them.
    [InlineData("بدأت ميتا تتراجع عن موقفها القديم الداعم بقوة لنماذج الذكاء الاصطناعي مفتوحة المصدر.", Stance.Closed)]
    [InlineData("قررت ميتا التحول عن سياستها المعروفة في إتاحة النماذج للجميع.", Stance.Closed)]
    // Its reach is the clause: every stance word in it is turned around, up to the side moved to.
    [InlineData("تتجه ميتا إلى إنهاء حقبة إتاحة نماذجها مجانا ومفتوحة المصدر للمطورين.", Stance.Closed)]
    [InlineData("أعلنت ميتا التحول عن النماذج المفتوحة إلى النماذج المغلقة في أبحاثها.", Stance.Closed)]
    [InlineData("قررت ميتا التخلي عن الانغلاق، وأطلقت نموذجها مفتوح المصدر للجميع.", Stance.Open)]
    // What the company did for years is the background of a shift, not its stance now.
    [InlineData("بعد سنوات من الالتزام بالنماذج مفتوحة المصدر، تطور ميتا نموذجا مغلقا للبيع.", Stance.Closed)]
    public void AShiftReadsAsItsDirection(string text, Stance stance)
    {
        var claim = Assert.Single(Run.Pipeline(text).Claims);
        Assert.Equal(stance, claim.Stance);
    }

    [Fact]
    public void AnArticleAboutAnotherCompanysOpenModelTakesNoStanceOnMeta()
    {
        var x = Run.Pipeline(
            "أطلقت أوبن إيه آي نموذجين مفتوحي الأوزان للمطورين. وقالت الشركة إن النموذجين مفتوحة المصدر بالكامل. " +
            "ويأتي ذلك بعد نجاح نماذج صينية مفتوحة المصدر. وتنافس الشركة بذلك ميتا التي كانت رائدة في هذا المجال.", Run.July15);
        Assert.False(x.IsRelevant);
        Assert.Equal(Stance.None, x.Stance);
    }
}

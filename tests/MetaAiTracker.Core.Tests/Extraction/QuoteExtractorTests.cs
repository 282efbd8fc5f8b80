using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class QuoteExtractorTests
{
    [Theory]
    [InlineData("وقال زوكربيرغ: «النماذج المفتوحة هي المستقبل الذي نبنيه».", "النماذج المفتوحة هي المستقبل الذي نبنيه")]
    [InlineData("قال مارك زوكربيرج: “سنواصل نشر أوزان النماذج للجميع”.", "سنواصل نشر أوزان النماذج للجميع")]
    [InlineData("«النماذج المفتوحة هي المستقبل الذي نبنيه»، قال زوكربيرغ.", "النماذج المفتوحة هي المستقبل الذي نبنيه")]
    public void DirectQuoteIsTheQuotedWordsWithTheirSpeaker(string text, string words)
    {
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.Equal(QuoteKind.Direct, q.Kind);
        Assert.Equal(words, q.Text);
        Assert.Equal(words, text[q.Span.Start..q.Span.End]);
        Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId);
    }

    [Fact]
    public void DroppedSpeakerIsCarriedFromTheQuoteBefore()
    {
        var quotes = Run.Pipeline("قال زوكربيرج: «سنبني أفضل النماذج في العالم». وأضاف: «لن نبيع الوصول إلى النموذج نفسه».").Quotes;
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId));
    }

    [Fact]
    public void IndirectSpeechRunsFromTheComplementizer()
    {
        var q = Assert.Single(Run.Pipeline("وأكد زوكربيرغ أن الشركة ستواصل دعم المصدر المفتوح في السنوات المقبلة.").Quotes);
        Assert.Equal(QuoteKind.Indirect, q.Kind);
        Assert.StartsWith("الشركة ستواصل", q.Text);
        Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId);
    }

    [Theory]
    [InlineData("قالت مصادر مطلعة إن ميتا تدرس التخلي عن نموذجها الأكبر.", SpeakerKind.Anonymous, "مصادر مطلعة")]
    [InlineData("وقال متحدث باسم ميتا إن الشركة ملتزمة بالنماذج المفتوحة.", SpeakerKind.Organization, "متحدث باسم ميتا")]
    [InlineData("وفقًا لمصادر مطلعة، فإن ميتا ستؤجل إطلاق النموذج الجديد.", SpeakerKind.Anonymous, "مصادر مطلعة")]
    public void AnonymousAndInstitutionalSourcesAreKeptAsSuch(string text, SpeakerKind kind, string name)
    {
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.Equal(kind, q.Speaker?.Kind);
        Assert.Equal(name, q.Speaker?.Name);
        Assert.Equal(kind == SpeakerKind.Organization ? "meta" : null, q.Speaker?.EntityId);
    }

    [Fact]
    public void AnOutletCitedAloneIsTheSpeaker()
    {
        var q = Assert.Single(Run.Pipeline("بحسب وول ستريت جورنال، فإن ميتا طلبت من أمازون المساعدة في تمويل نماذجها.").Quotes);
        Assert.Equal(SpeakerKind.Outlet, q.Speaker?.Kind);
        Assert.Equal("wall-street-journal", q.Speaker?.EntityId);
    }

    [Fact]
    public void APersonQuotedThroughAnOutletIsTheSpeaker()
    {
        var q = Assert.Single(Run.Pipeline("وقال زوكربيرغ لصحيفة نيويورك تايمز إن النماذج المفتوحة أكثر أمانًا من المغلقة.").Quotes);
        Assert.Equal("mark-zuckerberg", q.Speaker?.EntityId);
    }

    [Theory]
    [InlineData("أطلقت ميتا نموذج «Behemoth» في إطار خطتها الجديدة.")]
    [InlineData("يطمح زوكربيرغ إلى بناء «الذكاء الفائق» خلال سنوات.")]
    [InlineData("وظفت OpenAI «فيدجي سيمو» لقيادة التطبيقات.")]
    [InlineData("أعلنت ميتا عن إطلاق نموذج جديد مفتوح المصدر.")]
    [InlineData("كشفت ميتا عن خطة لتسريح خمسة في المئة من موظفيها.")]
    public void ScareQuotesAndAnnouncedActionsAreNotQuotes(string text)
    {
        Assert.Empty(Run.Pipeline(text).Quotes);
    }

    [Fact]
    public void ContinuationQuotesBelongToOneCue()
    {
        var text = "وقال زوكربيرج: \"نحن نركز على بناء النظام البيئي الشريك\". \"رؤيتنا هي أن تكون هناك نماذج كثيرة مختلفة.\"";
        var q = Assert.Single(Run.Pipeline(text).Quotes);
        Assert.StartsWith("نحن نركز", q.Text);
        Assert.EndsWith("نماذج كثيرة مختلفة", q.Text);
    }

    [Fact]
    public void WritersOwnAnalysisIsNotAQuote()
    {
        Assert.Empty(Run.Pipeline("تشير كل الدلائل إلى أن ميتا ستتحول قريبًا عن المصدر المفتوح.").Quotes);
    }
}

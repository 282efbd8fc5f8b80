using MetaAiTracker.Core.Extraction;

namespace MetaAiTracker.Core.Tests.Extraction;

public class EntityExtractorTests
{
    private static ExtractionContext Run(string text)
    {
        var ctx = new ExtractionContext(text, null, Lexicon.Default);
        new EntityExtractor().Extract(ctx);
        return ctx;
    }

    [Theory]
    [InlineData("قال زوكربيرغ أمس", "mark-zuckerberg")]
    [InlineData("قال زوكربيرج أمس", "mark-zuckerberg")]
    [InlineData("أعلن مارك زوكربيرج اليوم", "mark-zuckerberg")]
    [InlineData("تسعى لميتا وحدها", "meta")]
    [InlineData("جوجل وOpenAI تتنافسان", "openai")]
    [InlineData("شركة ميتا بلاتفورمز (Meta Platforms)", "meta")]
    public void ResolvesSpellingVariantsToOneEntity(string text, string id)
    {
        Assert.Contains(Run(text).Mentions, m => m.EntityId == id);
    }

    [Fact]
    public void FullNameIsOneMentionNotTwo()
    {
        var ctx = Run("أعلن مارك زوكربيرج اليوم");
        var m = Assert.Single(ctx.Mentions);
        Assert.Equal("مارك زوكربيرج", m.Surface);
    }

    [Fact]
    public void MentionSpanPointsAtTheSourceText()
    {
        var text = "وقال زوكربيرغ: «نحن»";
        var m = Assert.Single(Run(text).Mentions);
        Assert.Equal("زوكربيرغ", text[m.Span.Start..m.Span.End].TrimStart('و'));
    }

    [Fact]
    public void ProposesUnknownSpellingWithSameSkeletonButDoesNotMergeIt()
    {
        var ctx = Run("قال زوكيربيرغ إن الشركة ستواصل");
        Assert.DoesNotContain(ctx.Mentions, m => m.EntityId == "mark-zuckerberg");
        var p = Assert.Single(ctx.VariantProposals);
        Assert.Equal("mark-zuckerberg", p.EntityId);
        Assert.Equal("زوكيربيرغ", p.Surface);
    }

    [Fact]
    public void OrdinaryWordsAreNotProposedAsNameVariants()
    {
        Assert.Empty(Run("قال كل من أجل العالم في العام الماضي").VariantProposals);
    }

    [Theory]
    [InlineData("قال يان ليكان في محاضرته", "yann-lecun")]
    [InlineData("أكد جينسن هوانج أمام المستثمرين", "jensen-huang")]
    [InlineData("قالت المديرة المالية سوزان لي للمحللين", "susan-li")]
    [InlineData("وبحسب موقع بزنس إنسايدر فإن", "business-insider")]
    [InlineData("نقلت وكالة فرانس برس عن مسؤول", "afp")]
    [InlineData("قال ساتيا ناديلا في المؤتمر", "satya-nadella")]
    [InlineData("وأوضح داريو أموداي في مقابلة", "dario-amodei")]
    public void KnowsThePeopleAndOutletsAiNewsQuotes(string text, string id)
    {
        Assert.Contains(Run(text).Mentions, m => m.EntityId == id);
    }

    [Theory]
    [InlineData("تدعم النماذج اللغة العربية بشكل أفضل", "al-arabiya")]
    [InlineData("تبني الشركة مركز بيانات في شبه الجزيرة العربية", "al-jazeera")]
    [InlineData("تراجعت أسهم التكنولوجيا في وول ستريت أمس", "wall-street-journal")]
    [InlineData("تتوسع الشركة في الشرق الأوسط", "asharq-al-awsat")]
    public void OutletNamesThatAreOrdinaryWordsNeedTheirFullName(string text, string id)
    {
        Assert.DoesNotContain(Run(text).Mentions, m => m.EntityId == id);
    }
}

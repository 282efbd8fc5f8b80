using MetaAiTracker.Core.Extraction;

namespace MetaAiTracker.Core.Tests.Extraction;

public class NumberWordsTests
{
    private static ExtractionContext Ctx(string text) => new(text, null, Lexicon.Default);

    [Theory]
    [InlineData("سبعة", 7)]
    [InlineData("ثماني", 8)]
    [InlineData("عشرة", 10)]
    [InlineData("اثنا عشر", 12)]
    [InlineData("ثلاث عشرة", 13)]
    [InlineData("تسعة وثلاثين", 39)]
    [InlineData("أربعون", 40)]
    [InlineData("مئتان", 200)]
    [InlineData("خمسمائة", 500)]
    [InlineData("ستمئة وخمسة وعشرون", 625)]
    [InlineData("أربع مئة", 400)]
    [InlineData("بثلاثة", 3)]
    [InlineData("نصف", 0.5)]
    public void CardinalsAndTheirCompoundsReadAsOneNumber(string text, double expected)
    {
        var ctx = Ctx(text);
        var n = NumberWords.Cardinal(ctx, 0);
        Assert.NotNull(n);
        Assert.Equal(expected, n.Value.Value, 6);
        Assert.Equal(ctx.Tokens.Count - 1, n.Value.Last);
    }

    [Theory]
    [InlineData("السادس", 6)]
    [InlineData("ثالث", 3)]
    [InlineData("الحادي عشر", 11)]
    [InlineData("الثامن عشرة", 18)]
    [InlineData("العشرين", 20)]
    [InlineData("الرابع والعشرون", 24)]
    [InlineData("الحادي والثلاثين", 31)]
    public void OrdinalsReadAsOneNumber(string text, int expected)
    {
        var ctx = Ctx(text);
        Assert.Equal((expected, ctx.Tokens.Count - 1), NumberWords.Ordinal(ctx, 0));
    }

    [Theory]
    [InlineData("الحادي")]
    [InlineData("الخمسة")]
    public void WordsThatOnlyOpenANumberOrAreNotOrdinalsAreNotOrdinals(string text) => Assert.Null(NumberWords.Ordinal(Ctx(text), 0));

    [Fact]
    public void TheCompanyNameIsNotTwoHundred() => Assert.Null(NumberWords.Cardinal(Ctx("ميتا"), 0));

    [Fact]
    public void ACompoundDoesNotRunAcrossPunctuation()
    {
        var ctx = Ctx("خمسة، وستين");
        Assert.Equal((5d, 0), NumberWords.Cardinal(ctx, 0));
    }
}

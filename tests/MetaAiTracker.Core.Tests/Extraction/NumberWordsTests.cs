using MetaAiTracker.Core.Extraction;

namespace MetaAiTracker.Core.Tests.Extraction;

public class NumberWordsTests
{
    private static ParsedNumber? Read(string text) => NumberWords.Parse(new ExtractionContext(text, null, Lexicon.Default), 0);

    [Theory]
    [InlineData("سبعة", 7)]
    [InlineData("صفر", 0)]
    [InlineData("ثلاث عشرة", 13)]
    [InlineData("إحدى عشرة", 11)]
    [InlineData("أحد عشر", 11)]
    [InlineData("اثنتي عشرة", 12)]
    [InlineData("اثنا عشر", 12)]
    [InlineData("تسعة وتسعون", 99)]
    [InlineData("ثلاث و أربعون", 43)]
    [InlineData("مئة وعشرون", 120)]
    [InlineData("مائة وخمسة", 105)]
    [InlineData("أربعمائة وسبعة وثلاثون", 437)]
    [InlineData("ثمانمئة", 800)]
    [InlineData("تسع مئة", 900)]
    [InlineData("مئتان", 200)]
    [InlineData("مائتين واثنا عشر", 212)]
    public void SpelledOutNumbers(string text, double value) => Assert.Equal(value, Read(text)!.Value.Value, 6);

    [Theory]
    [InlineData("سبعة آلاف", 7e3)]
    [InlineData("ثلاثة وعشرون ألفًا", 23e3)]
    [InlineData("مئتي ألف", 2e5)]
    [InlineData("مئة ألف", 1e5)]
    [InlineData("مليون", 1e6)]
    [InlineData("مليونان", 2e6)]
    [InlineData("تريليونين", 2e12)]
    [InlineData("ألفين", 2e3)]
    [InlineData("ملياري", 2e9)]
    [InlineData("مليار ونصف", 1.5e9)]
    [InlineData("مليار ونصف المليار", 1.5e9)]
    [InlineData("مليون وربع", 1.25e6)]
    [InlineData("نصف مليون", 5e5)]
    [InlineData("ربع مليار", 2.5e8)]
    [InlineData("أربعة ملايين وثلاثمائة ألف", 4.3e6)]
    [InlineData("مليار و800 مليون", 1.8e9)]
    [InlineData("2.5 مليون", 2.5e6)]
    [InlineData("٣٫٢ مليار", 3.2e9)]
    [InlineData("45مليونا", 45e6)]
    [InlineData("بثلاثة مليارات", 3e9)]
    public void ScaleWords(string text, double value) => Assert.Equal(value, Read(text)!.Value.Value, 6);

    [Theory]
    [InlineData("7,250,000", 7250000)]
    [InlineData("٢٬٥٠٠٬٠٠٠", 2500000)]
    [InlineData("4.750.000", 4750000)]
    [InlineData("12 500 000", 12500000)]
    [InlineData("2,75", 2.75)]
    [InlineData("12,400", 12400)]
    [InlineData("3,500.25", 3500.25)]
    [InlineData("1.250,5", 1250.5)]
    [InlineData("٠٫٣٥", 0.35)]
    [InlineData(" .35", 0.35)]
    [InlineData("-450", -450)]
    [InlineData("3/4", 0.75)]
    [InlineData("36ر4", 4.36)]
    [InlineData("ثلاثة فاصلة خمسة", 3.5)]
    [InlineData("7 فاصلة 25", 7.25)]
    public void DigitForms(string text, double value)
    {
        var ctx = new ExtractionContext(text, null, Lexicon.Default);
        Assert.Equal(value, NumberWords.Parse(ctx, 0)!.Value.Value, 6);
    }

    [Theory]
    [InlineData("مليارات")]
    [InlineData("آلاف")]
    [InlineData("نصف")]
    // An amount never opens with the article: الاثنين is Monday, النماذج الثلاثة counts after its noun.
    [InlineData("الاثنين")]
    [InlineData("الثلاثة")]
    [InlineData("ميتا")]
    public void VagueOrNoNumber(string text) => Assert.Null(Read(text));

    [Theory]
    // Ten and twenty are two numbers, not thirty; 5 after a billion that is not smaller starts a new number.
    [InlineData("عشرة وعشرون", 10)]
    [InlineData("خمسة وعشرة", 5)]
    [InlineData("مليار و5 مليارات", 1e9)]
    [InlineData("12/10/2025", 12)]
    [InlineData("ثلاثة أيام", 3)]
    public void StopsWhereTheNumberEnds(string text, double value) => Assert.Equal(value, Read(text)!.Value.Value, 6);

    // Counts for the date rules: words only, no scale, the article allowed after a noun.
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
    [InlineData("الثلاثة", 3)]
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

    [Fact]
    public void ACountStopsBeforeAScale() => Assert.Equal((3d, 0), NumberWords.Cardinal(Ctx("ثلاثة ملايين"), 0));
}

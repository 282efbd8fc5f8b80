using MetaAiTracker.Core.Extraction;
using Xunit.Abstractions;

namespace MetaAiTracker.Core.Tests.Extraction;

public class StatementMatcherTests(ITestOutputHelper output)
{
    private readonly StatementMatcher matcher = new();

    [Fact]
    public void DiacriticsSpellingsPunctuationAndQuotationMarksDoNotCount()
    {
        const string plain = "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا";
        const string marked = "«نَعتقِدُ إنّ المصدرَ المفتوحَ سيجعلُ الذكاءَ الإصطناعيّ أكثرَ أماناً!»";
        Assert.Equal(1.0, StatementMatcher.Similarity(StatementMatcher.Key(plain), StatementMatcher.Key(marked)));
    }

    [Fact]
    public void AQuoteCutShortIsTheSameStatement()
    {
        const string whole = "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا";
        const string cut = "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا";
        Assert.True(matcher.Same("zuckerberg", whole, "zuckerberg", cut));
    }

    [Fact]
    public void AWordChangedInTranslationIsTheSameStatement() =>
        Assert.True(matcher.Same("lecun", "النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر",
            "lecun", "النماذج اللغوية الكبيرة وحدها لن تقودنا إلى ذكاء يضاهي ذكاء الإنسان"));

    [Fact]
    public void AnotherStatementOnTheSameTopicStaysApart() =>
        Assert.False(matcher.Same("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا",
            "zuckerberg", "المصدر المفتوح ليس عملا خيريا، بل هو طريقتنا في جعل نماذجنا المعيار"));

    [Fact]
    public void TheSameWordsByAnotherSpeakerAreAnotherStatement()
    {
        const string words = "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها";
        Assert.False(matcher.Same("zuckerberg", words, "lecun", words));
    }

    [Fact]
    public void UnattributedQuotesMatchNothingNotEvenThemselves()
    {
        const string words = "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها";
        Assert.False(matcher.Same(null, words, null, words));
        Assert.False(matcher.Same(null, words, "zuckerberg", words));
    }

    [Fact]
    public void AShortPhraseInsideALongQuoteOnItsTopicIsNotThatQuote()
    {
        // «المصدر المفتوح» is wholly inside the long quote, but two words are not a statement: Jaccard decides.
        Assert.False(matcher.Same("zuckerberg", "المصدر المفتوح", "zuckerberg",
            "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا"));
    }

    [Fact]
    public void AQuoteWithoutWordsMatchesNothing() =>
        Assert.Equal(0, StatementMatcher.Similarity(StatementMatcher.Key("«…»"), StatementMatcher.Key("«…»")));

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    public void AThresholdOutsideZeroToOneIsRefused(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatementMatcher(threshold));

    // The labelled pairs (written for these tests): the same statement as different outlets carry it (rephrased,
    // shortened, a word changed, diacritics, digits for number words) against different statements by the same
    // speaker on the same topic. docs/extraction.md gives the figures this prints.
    private static readonly (string Speaker, string A, string B, bool Same)[] Pairs =
    [
        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا", true),
        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", "نؤمن بأن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أماناً وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", true),
        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", "نَعتقِدُ أنّ المصدرَ المفتوح سيجعل الذكاء الإصطناعي أكثر أمانًا، وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", true),
        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", "المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيعطي المطورين في كل مكان فرصة البناء على نماذجنا", true),
        ("zuckerberg", "لن نطرح أقوى نماذجنا للعموم قبل أن نتأكد من أن مخاطرها تحت السيطرة", "لن نطرح أقوى نماذجنا للجمهور قبل أن نتأكد من أن مخاطرها تحت السيطرة", true),
        ("zuckerberg", "لن نطرح أقوى نماذجنا للعموم قبل أن نتأكد من أن مخاطرها تحت السيطرة", "لن نطرح أقوى نماذجنا قبل أن نتأكد أن مخاطرها تحت السيطرة", true),
        ("zuckerberg", "سنستثمر أكثر من ستين مليار دولار هذا العام في مراكز البيانات والرقائق", "سنستثمر ما يزيد على ستين مليار دولار هذا العام في مراكز البيانات والرقائق", true),
        ("zuckerberg", "سنستثمر أكثر من ستين مليار دولار هذا العام في مراكز البيانات والرقائق", "سنستثمر أكثر من 60 مليار دولار هذا العام في مراكز البيانات", true),
        ("lecun", "النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر", "النماذج اللغوية الكبيرة وحدها لن تقودنا إلى ذكاء يضاهي ذكاء الإنسان", true),
        ("lecun", "النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر", "إن النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر", true),
        ("zuckerberg", "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها", "لاما صار المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها", true),
        ("zuckerberg", "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها", "لاما أصبح المعيار الذي تبني عليه الشركات", true),
        ("zuckerberg", "قد لا نفتح كل شيء في المستقبل، وسنكون حذرين بشأن ما نختار نشره", "ربما لا نفتح كل شيء في المستقبل وسنكون حذرين بشأن ما نختار إطلاقه", true),
        ("meta", "ملتزمون بإتاحة نماذجنا للباحثين مجانا", "نحن ملتزمون بإتاحة نماذجنا للباحثين مجاناً", true),
        ("zuckerberg", "Open source is the path forward", "open source AI is the path forward", true),
        ("zuckerberg", "نريد أن نبني أفضل مساعد ذكي في العالم وأن نضعه في أيدي مليار شخص", "نريد أن نبني أفضل مساعد ذكي في العالم ونضعه بين أيدي مليار إنسان", true),
        ("lecun", "الخوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيه إلى حد كبير", "الخوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيه", true),
        ("lecun", "الخوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيه إلى حد كبير", "المخاوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيها كثيرا", true),
        ("zuckerberg", "سنواصل نشر أوزان نماذجنا لأن ذلك يسرع الابتكار في الصناعة كلها", "سنواصل نشر أوزان النماذج لأن ذلك يسرّع الابتكار في القطاع كله", true),
        ("zuckerberg", "الحكومات تحتاج إلى نماذج تستطيع تشغيلها على خوادمها دون أن ترسل بياناتها إلى أحد", "الحكومات بحاجة إلى نماذج تستطيع تشغيلها على خوادمها دون إرسال بياناتها إلى أحد", true),

        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا", "المصدر المفتوح ليس عملا خيريا، بل هو طريقتنا في جعل نماذجنا المعيار", false),
        ("zuckerberg", "نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا", "سيبقى الذكاء الاصطناعي أكثر أمانا إذا راجعه آلاف الباحثين بدلا من شركة واحدة", false),
        ("zuckerberg", "لن نطرح أقوى نماذجنا للعموم قبل أن نتأكد من أن مخاطرها تحت السيطرة", "سنطرح نماذجنا الصغيرة للعموم ونحتفظ بأقوى نسخة للاستخدام الداخلي", false),
        ("zuckerberg", "سنستثمر أكثر من ستين مليار دولار هذا العام في مراكز البيانات والرقائق", "أنفقنا العام الماضي نحو أربعين مليار دولار على مراكز البيانات", false),
        ("lecun", "النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر", "النماذج اللغوية الكبيرة مفيدة لكنها لا تفهم العالم المادي", false),
        ("zuckerberg", "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها", "لاما هو النموذج المفتوح الأكثر تنزيلا في العالم", false),
        ("zuckerberg", "قد لا نفتح كل شيء في المستقبل، وسنكون حذرين بشأن ما نختار نشره", "سنواصل فتح نماذجنا ما دام ذلك آمنا", false),
        ("zuckerberg", "نريد أن نبني أفضل مساعد ذكي في العالم وأن نضعه في أيدي مليار شخص", "مساعدنا الذكي يستخدمه اليوم مليار شخص كل شهر", false),
        ("lecun", "الخوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيه إلى حد كبير", "الذكاء الاصطناعي سيزيد ذكاء البشر بدلا من أن يحل محلهم", false),
        ("zuckerberg", "Open source is the path forward", "Open source is good for Meta", false),
        ("meta", "ملتزمون بإتاحة نماذجنا للباحثين مجانا", "ملتزمون بإتاحة نماذجنا للشركات الناشئة", false),
        ("zuckerberg", "سنواصل نشر أوزان نماذجنا لأن ذلك يسرع الابتكار في الصناعة كلها", "لن ننشر أوزان نموذجنا الجديد لأن مخاطره لم تدرس بعد", false),
        ("zuckerberg", "سنواصل نشر أوزان نماذجنا لأن ذلك يسرع الابتكار في الصناعة كلها", "نشر أوزان النماذج يسرع عمل منافسينا في الصين", false),
        ("zuckerberg", "الحكومات تحتاج إلى نماذج تستطيع تشغيلها على خوادمها دون أن ترسل بياناتها إلى أحد", "نعمل مع الحكومات على نماذج تخدم المواطنين بلغاتهم", false),
        ("zuckerberg", "سنستثمر أكثر من ستين مليار دولار هذا العام في مراكز البيانات والرقائق", "سنبني مركز بيانات بحجم مانهاتن هذا العام", false),
        ("lecun", "النماذج اللغوية الكبيرة وحدها لن توصلنا إلى ذكاء يضاهي ذكاء البشر", "نحتاج إلى نماذج تتعلم من الفيديو كما يتعلم الأطفال لكي نصل إلى ذكاء يضاهي ذكاء البشر", false),
        ("zuckerberg", "نريد أن نبني أفضل مساعد ذكي في العالم وأن نضعه في أيدي مليار شخص", "نريد أن نبني أفضل نظارات ذكية في العالم", false),
        ("meta", "ملتزمون بإتاحة نماذجنا للباحثين مجانا", "نماذجنا متاحة للجميع ما عدا الشركات الكبرى", false),
        ("zuckerberg", "لاما أصبح المعيار الذي تبني عليه الشركات والحكومات تطبيقاتها", "الشركات والحكومات تريد بديلا عن النماذج المغلقة", false),
        ("lecun", "الخوف من أن يقضي الذكاء الاصطناعي على البشرية مبالغ فيه إلى حد كبير", "الخوف من الذكاء الاصطناعي يخدم الشركات التي تريد احتكاره", false),
    ];

    private static (double Precision, double Recall) Score(double threshold)
    {
        var m = new StatementMatcher(threshold);
        var (tp, fp, fn) = (0, 0, 0);
        foreach (var (speaker, a, b, same) in Pairs)
        {
            var said = m.Same(speaker, a, speaker, b);
            if (said && same) tp++;
            else if (said) fp++;
            else if (same) fn++;
        }
        return (tp + fp == 0 ? 1 : (double)tp / (tp + fp), (double)tp / (tp + fn));
    }

    [Fact]
    public void TheChosenThresholdKeepsPrecisionAndRecallOnTheLabelledPairs()
    {
        Assert.Equal(20, Pairs.Count(p => p.Same));
        Assert.Equal(20, Pairs.Count(p => !p.Same));
        foreach (var t in new[] { 0.4, 0.5, 0.55, 0.6, 0.63, 0.65, 0.7, 0.8, 0.9 })
        {
            var (p, r) = Score(t);
            output.WriteLine(FormattableString.Invariant($"threshold {t:F2}: precision {p:F2}, recall {r:F2}"));
        }
        foreach (var (speaker, a, b, same) in Pairs)
            output.WriteLine(FormattableString.Invariant($"{StatementMatcher.Similarity(StatementMatcher.Key(a), StatementMatcher.Key(b)):F2} {(same ? "same" : "apart")} {speaker}: {b}"));
        var (precision, recall) = Score(StatementMatcher.DefaultThreshold);
        Assert.True(precision >= 0.95, $"precision {precision:F2} at {StatementMatcher.DefaultThreshold}");
        Assert.True(recall >= 0.9, $"recall {recall:F2} at {StatementMatcher.DefaultThreshold}");
    }
}

using MetaAiTracker.Core.Evaluation;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Evaluation;

public class ScorerTests
{
    private const string Text =
        "قال زوكربيرج إن النماذج المفتوحة ستبقى في صميم خطة الشركة. وتراجع سهم الشركة بعد ذلك. ويرى المستثمرون أن الكلفة كبيرة.\n" +
        "وقال الرئيس التنفيذي: «سنواصل البناء مع المطورين». وأضاف: «لن نغلق الباب أمام أحد».\n" +
        "أطلقت الشركة النموذج في 14 يوليو 2025 بكلفة 2.5 مليار دولار.";

    private static int At(string s) => Text.IndexOf(s, StringComparison.Ordinal);
    private static TextSpan SpanOf(string s) => new(At(s), At(s) + s.Length);

    private static ExtractedQuote Quote(TextSpan span, string? entity = "mark-zuckerberg", string name = "مارك زوكربيرج") => new()
    {
        Span = span, Text = span.Of(Text), Kind = QuoteKind.Indirect, Cue = "قال",
        Speaker = new Speaker(entity, name, SpeakerKind.Person),
    };

    private static ArticleExtraction Result(IReadOnlyList<ExtractedQuote>? quotes = null, IReadOnlyList<ExtractedEvent>? events = null) =>
        new(quotes ?? [], events ?? [], [], [], [], Stance.None, true, 1, [], "test", []);

    private static GoldArticle Gold(IReadOnlyList<GoldQuote>? quotes = null, IReadOnlyList<GoldEvent>? events = null, IReadOnlyList<GoldAmount>? amounts = null) =>
        new("a.txt", null, true, "open", ["openness"], quotes, events, amounts, null, null, null);

    private static EvalReport Score(GoldArticle gold, ArticleExtraction result) =>
        new Scorer(Lexicon.Default).Score([new Scorer.Scored("a", gold, Text, result)]);

    private static readonly GoldQuote OpenModels = new(["Mark Zuckerberg", "زوكربيرج"], "النماذج المفتوحة ستبقى في صميم خطة الشركة", "indirect", "قال");

    [Fact]
    public void A_quote_held_to_its_reported_clause_is_found()
    {
        var report = Score(Gold([OpenModels]), Result([Quote(SpanOf("إن النماذج المفتوحة ستبقى في صميم خطة الشركة"))]));
        Assert.Equal(1, report["quotes found (with the right speaker)"].Hit);
        Assert.Equal(1, report["extracted quotes that are real, right speaker"].Hit);
    }

    [Fact]
    public void A_quote_that_swallows_its_paragraph_is_a_miss_not_a_hit()
    {
        var paragraph = new TextSpan(0, Text.IndexOf('\n'));
        var report = Score(Gold([OpenModels]), Result([Quote(paragraph)]));
        Assert.Equal(0, report["quotes found (with the right speaker)"].Hit);
        Assert.Equal(0, report["extracted quotes that are real, right speaker"].Hit);
        Assert.Contains(report.Misses, m => m.Kind == "quote-missed");
    }

    [Fact]
    public void A_direct_quote_continued_over_two_quoted_sentences_still_counts()
    {
        var gold = new GoldQuote(["Mark Zuckerberg"], "سنواصل البناء مع المطورين", "direct", "وقال");
        var span = new TextSpan(At("سنواصل"), At("أمام أحد") + "أمام أحد".Length);
        Assert.Equal(1, Score(Gold([gold]), Result([Quote(span)]))["quotes found (with the right speaker)"].Hit);
    }

    [Fact]
    public void The_speaker_matches_through_any_spelling_of_the_entity_and_a_wrong_one_is_counted_apart()
    {
        var span = SpanOf("إن النماذج المفتوحة ستبقى في صميم خطة الشركة");
        var right = Score(Gold([OpenModels with { Speaker = ["زوكربيرغ"] }]), Result([Quote(span)]));
        Assert.Equal(1, right["speaker right when the quote is found"].Hit);

        var wrong = Score(Gold([OpenModels]), Result([Quote(span, entity: null, name: "المستثمرون")]));
        Assert.Equal(0, wrong["quotes found (with the right speaker)"].Hit);
        Assert.Equal(1, wrong["quotes found (any speaker)"].Hit);
        Assert.Equal(0, wrong["speaker right when the quote is found"].Hit);
    }

    [Fact]
    public void An_event_needs_the_exact_range_a_year_around_the_day_is_wrong()
    {
        var sentence = SpanOf("أطلقت الشركة النموذج في 14 يوليو 2025 بكلفة 2.5 مليار دولار.");
        ExtractedEvent Event(DateRange range) => new()
        {
            Span = sentence, Text = sentence.Of(Text), Summary = "", EventType = "launch",
            Date = new ResolvedDate(range, "14 يوليو 2025", sentence, 1),
        };
        var gold = Gold(events: [new GoldEvent("2025-07-14", "text", "أطلقت الشركة النموذج", null)]);
        Assert.Equal(1, Score(gold, Result(events: [Event(DateRange.Day(new DateOnly(2025, 7, 14)))]))["dated events found with the exact date range"].Hit);
        Assert.Equal(0, Score(gold, Result(events: [Event(DateRange.Year(2025))]))["dated events found with the exact date range"].Hit);
    }

    [Theory]
    [InlineData(2.5e9, true)]
    [InlineData(2.51e9, true)]
    [InlineData(2.6e9, false)]
    public void An_amount_matches_within_half_a_per_cent(double extracted, bool hit)
    {
        var sentence = SpanOf("بكلفة 2.5 مليار دولار");
        var ev = new ExtractedEvent
        {
            Span = sentence, Text = sentence.Of(Text), Summary = "", EventType = "launch",
            Amounts = [new Amount(extracted, "USD", "USD", "2.5 مليار دولار", sentence)],
        };
        var report = Score(Gold(amounts: [new GoldAmount(2.5e9, "USD", "2.5 مليار دولار")]), Result(events: [ev]));
        Assert.Equal(hit ? 1 : 0, report["explicit amounts kept with the right value"].Hit);
    }

    [Fact]
    public void An_empty_gold_list_scores_nothing_rather_than_everything()
    {
        var report = Score(Gold(quotes: []), Result([Quote(SpanOf("إن النماذج المفتوحة"))]));
        Assert.True(report["quotes found (with the right speaker)"].Empty);
        Assert.Contains("nothing to score", report["quotes found (with the right speaker)"].ToString());
    }

    [Theory]
    [InlineData("2025", "2025-01-01", "2025-12-31")]
    [InlineData("2025-Q3", "2025-07-01", "2025-09-30")]
    [InlineData("2025-H1", "2025-01-01", "2025-06-30")]
    [InlineData("2024-12..2025-02", "2024-12-01", "2025-02-28")]
    public void Gold_dates_read_every_precision_the_format_allows(string value, string start, string end)
    {
        var range = Scorer.GoldDate(value)!;
        Assert.Equal(DateOnly.Parse(start), range.Start);
        Assert.Equal(DateOnly.Parse(end), range.End);
    }

    [Theory]
    [InlineData("{ \"articles\": {} }", "has no articles")]
    [InlineData("{ \"articles\": ", "is not a gold file")]
    [InlineData("{ \"articles\": { \"01\": { \"file\": \"\" } } }", "names no file")]
    public void A_broken_gold_file_is_refused_by_name(string json, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gold-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => GoldCorpus.Load(path));
            Assert.Contains(reason, ex.Message);
            Assert.Contains(Path.GetFileName(path), ex.Message);
        }
        finally { File.Delete(path); }
    }
}

using System.Globalization;
using System.Text;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Evaluation;

/// <summary>One figure: <see cref="Hit"/> of <see cref="Total"/>. A figure over nothing is an error, not a perfect score.</summary>
public sealed record Measure(string Name, int Hit, int Total)
{
    public bool Empty => Total == 0;
    public double Ratio => Total == 0 ? double.NaN : (double)Hit / Total;
    public override string ToString() => Empty ? $"{Name}: nothing to score (the gold has none)" : $"{Name}: {Hit}/{Total} = {Ratio:P0}";
}

/// <summary>Something the gold has that the extraction missed, or something the extraction found that the gold lacks.</summary>
public sealed record Miss(string Article, string Kind, string Detail);

public sealed record EvalReport(IReadOnlyList<Measure> Measures, IReadOnlyList<Miss> Misses, double ThemeF1)
{
    public Measure this[string name] => Measures.First(m => m.Name == name);

    public string ToText(int maxMisses = int.MaxValue)
    {
        var sb = new StringBuilder();
        foreach (var m in Measures) sb.AppendLine(m.ToString());
        sb.AppendLine(CultureInfo.InvariantCulture, $"article themes F1 (micro): {ThemeF1:0.00}");
        if (maxMisses > 0 && Misses.Count > 0)
        {
            sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"misses ({Misses.Count}):");
            foreach (var m in Misses.Take(maxMisses)) sb.AppendLine(CultureInfo.InvariantCulture, $"  {m.Article}  {m.Kind,-16} {m.Detail}");
            if (Misses.Count > maxMisses) sb.AppendLine(CultureInfo.InvariantCulture, $"  … {Misses.Count - maxMisses} more");
        }
        return sb.ToString();
    }
}

/// <summary>
/// Scores an extraction against gold annotations by the rules of docs/extraction.md ("How a figure is computed").
/// Text is compared folded (hamza forms, ى/ي, ة/ه, tashkeel, quote marks, runs of white space). A predicted quote or
/// event matches a gold one when its span overlaps the gold key and, outside the sentence that holds the key, holds at
/// most <see cref="SlackWords"/> words that are not themselves in quotation marks: a span that swallows its paragraph
/// is a miss, while a direct quote continued over several quoted sentences («…». وأضاف: «…») still counts.
/// </summary>
public sealed class Scorer(Lexicon lexicon)
{
    public const int SlackWords = 3;
    /// <summary>Amounts match within half a per cent of the gold value.</summary>
    public const double AmountTolerance = 0.005;

    public sealed record Scored(string Id, GoldArticle Gold, string Text, ArticleExtraction Result);

    /// <summary>Reads every gold article's file from <paramref name="folder"/> and extracts it as ingestion would.</summary>
    public static IReadOnlyList<Scored> Run(GoldCorpus gold, string folder, ExtractionPipeline pipeline, Lexicon lexicon)
    {
        var runs = new List<Scored>();
        foreach (var (id, article) in gold.Articles.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, article.File);
            if (!File.Exists(path)) throw new FileNotFoundException($"gold article {id}: {article.File} is not in {folder}", path);
            var source = ArticleReader.ReadFile(path);
            runs.Add(new Scored(id, article, source.Text, pipeline.Extract(source.Text, source.Published, lexicon)));
        }
        return runs;
    }

    public EvalReport Score(IReadOnlyList<Scored> runs)
    {
        var misses = new List<Miss>();
        int quoteGold = 0, quoteFound = 0, quoteSpanFound = 0, quoteSpeakerRight = 0, quotePred = 0, quotePredRight = 0;
        int eventGold = 0, eventFound = 0, eventPred = 0, eventPredRight = 0;
        int amountGold = 0, amountFound = 0, otherGold = 0, otherFound = 0, amountPred = 0, amountPredRight = 0;
        int themeTp = 0, themePred = 0, themeGold = 0, stanceTotal = 0, stanceRight = 0;
        int offTopic = 0, offTopicFlagged = 0, onTopic = 0, onTopicKept = 0;

        foreach (var run in runs)
        {
            var text = new Folded(run.Text);
            var sentences = SentenceSplitter.Sentences(run.Text);
            var quoted = QuotedSpans.Find(run.Text, SentenceSplitter.Paragraphs(run.Text)).Select(q => q.Outer).ToList();
            bool Holds(TextSpan predicted, TextSpan key) => Scorer.Holds(predicted, key, sentences, quoted, run.Text);
            var g = run.Gold;
            var x = run.Result;

            // Quotes
            var goldQuotes = (g.Quotes ?? []).Select(q => (Gold: q, Spans: text.Find(q.Key))).ToList();
            foreach (var (q, spans) in goldQuotes)
            {
                quoteGold++;
                if (spans.Count == 0) { misses.Add(new(run.Id, "gold-error", $"quote key not in text: {q.Key}")); continue; }
                var candidates = x.Quotes.Where(p => spans.Any(s => Holds(p.Span, s))).ToList();
                if (candidates.Count > 0) quoteSpanFound++;
                if (candidates.Any(p => SpeakerMatches(p.Speaker, q.Speaker))) { quoteFound++; quoteSpeakerRight++; continue; }
                misses.Add(candidates.Count > 0
                    ? new(run.Id, "quote-speaker", $"{q.Key} → said by «{candidates[0].Speaker?.Name ?? "nobody"}», gold {string.Join(" / ", q.Speaker)}")
                    : new(run.Id, "quote-missed", $"{q.Key} ({string.Join(" / ", q.Speaker)}, {q.Cue})"));
            }
            foreach (var p in x.Quotes)
            {
                quotePred++;
                if (goldQuotes.Any(gq => gq.Spans.Any(s => Holds(p.Span, s)) && SpeakerMatches(p.Speaker, gq.Gold.Speaker))) quotePredRight++;
                else misses.Add(new(run.Id, "quote-extra", $"«{Clip(p.Text)}» ({p.Speaker?.Name ?? "nobody"}, {p.Cue})"));
            }

            // Events with their exact date range
            var goldEvents = (g.Events ?? []).Select(e => (Gold: e, Spans: text.Find(e.Key), Range: GoldDate(e.Date))).ToList();
            foreach (var (e, spans, range) in goldEvents)
            {
                eventGold++;
                if (spans.Count == 0) { misses.Add(new(run.Id, "gold-error", $"event key not in text: {e.Key}")); continue; }
                if (range is null) { misses.Add(new(run.Id, "gold-error", $"event date unreadable: {e.Date}")); continue; }
                var candidates = x.Events.Where(p => spans.Any(s => Holds(p.Span, s))).ToList();
                if (candidates.Any(p => SameRange(p.Date?.Range, range))) { eventFound++; continue; }
                misses.Add(candidates.Count > 0
                    ? new(run.Id, "event-date", $"{e.Key} → {Show(candidates[0].Date?.Range)} «{candidates[0].Date?.Text}», gold {e.Date}")
                    : new(run.Id, "event-missed", $"{e.Key} ({e.Date})"));
            }
            foreach (var p in x.Events.Where(p => p.Date is not null))
            {
                eventPred++;
                if (goldEvents.Any(ge => ge.Spans.Any(s => Holds(p.Span, s)) && SameRange(p.Date!.Range, ge.Range))) eventPredRight++;
                else misses.Add(new(run.Id, "event-extra", $"«{Clip(p.Text)}» {Show(p.Date!.Range)}"));
            }

            // Amounts, whatever item carries them
            var found = x.Events.SelectMany(e => e.Amounts).Concat(x.Figures.Select(f => f.Amount)).ToList();
            foreach (var a in g.Amounts ?? [])
            {
                var hit = found.Any(f => Close(f.Value, a.Value));
                if (a.Unit == "other") { otherGold++; if (hit) otherFound++; }
                else { amountGold++; if (hit) amountFound++; }
                if (!hit) misses.Add(new(run.Id, "amount-missed", $"{a.Key} = {a.Value:G} {a.Unit}"));
            }
            foreach (var f in found.DistinctBy(f => (f.Value, f.Unit)))
            {
                amountPred++;
                if ((g.Amounts ?? []).Any(a => Close(f.Value, a.Value))) amountPredRight++;
                else misses.Add(new(run.Id, "amount-extra", $"{f.Text} = {f.Value:G} {f.Unit}"));
            }

            // The article as a whole
            var goldThemes = (g.Themes ?? []).ToHashSet();
            themeGold += goldThemes.Count;
            themePred += x.Themes.Count;
            themeTp += x.Themes.Count(goldThemes.Contains);
            if (g.Stance is { } stance)
            {
                stanceTotal++;
                if (string.Equals(stance, x.Stance.ToString(), StringComparison.OrdinalIgnoreCase)) stanceRight++;
                else misses.Add(new(run.Id, "stance", $"{x.Stance.ToString().ToLowerInvariant()}, gold {stance}"));
            }
            if (g.AboutMetaAi == false)
            {
                offTopic++;
                if (!x.IsRelevant) offTopicFlagged++; else misses.Add(new(run.Id, "relevance", $"kept as on-topic (score {x.RelevanceScore:0.00})"));
            }
            else if (g.AboutMetaAi == true)
            {
                onTopic++;
                if (x.IsRelevant) onTopicKept++; else misses.Add(new(run.Id, "relevance", $"flagged off-topic (score {x.RelevanceScore:0.00})"));
            }
        }

        var themeP = themePred == 0 ? 0 : (double)themeTp / themePred;
        var themeR = themeGold == 0 ? 0 : (double)themeTp / themeGold;
        return new EvalReport(
        [
            new("quotes found (with the right speaker)", quoteFound, quoteGold),
            new("quotes found (any speaker)", quoteSpanFound, quoteGold),
            new("extracted quotes that are real, right speaker", quotePredRight, quotePred),
            new("speaker right when the quote is found", quoteSpeakerRight, quoteSpanFound),
            new("dated events found with the exact date range", eventFound, eventGold),
            new("extracted dated events that are real, exact date", eventPredRight, eventPred),
            new("explicit amounts kept with the right value", amountFound, amountGold),
            new("other counts kept with the right value", otherFound, otherGold),
            new("extracted amounts that are real", amountPredRight, amountPred),
            new("article theme precision", themeTp, themePred),
            new("article theme recall", themeTp, themeGold),
            new("article stance on openness", stanceRight, stanceTotal),
            new("off-topic articles flagged", offTopicFlagged, offTopic),
            new("on-topic articles kept", onTopicKept, onTopic),
        ], misses, themeP + themeR == 0 ? 0 : 2 * themeP * themeR / (themeP + themeR));
    }

    /// <summary>
    /// Whether a predicted span counts for a gold key: it overlaps the key, and outside the key's sentence it
    /// holds at most <see cref="SlackWords"/> words that are not in quotation marks.
    /// </summary>
    private static bool Holds(TextSpan predicted, TextSpan key, List<TextSpan> sentences, List<TextSpan> quoted, string text)
    {
        if (!predicted.Overlaps(key)) return false;
        var sentence = sentences.FirstOrDefault(s => s.Contains(key.Start), key);
        var outside = Words(text, predicted.Start, Math.Min(predicted.End, sentence.Start), quoted)
                    + Words(text, Math.Max(predicted.Start, sentence.End), predicted.End, quoted);
        return outside <= SlackWords;
    }

    private static int Words(string text, int start, int end, List<TextSpan> quoted)
    {
        var n = 0;
        for (var i = start; i < end; i++)
            if (ArabicNormalizer.IsWordChar(text[i]) && (i == start || !ArabicNormalizer.IsWordChar(text[i - 1])) && !quoted.Any(q => q.Contains(i))) n++;
        return n;
    }

    private bool SpeakerMatches(Speaker? speaker, IReadOnlyList<string> gold)
    {
        if (speaker is null || gold.Count == 0) return false;
        var names = new List<string> { speaker.Name };
        if (speaker.EntityId is { } id && lexicon.EntityById.TryGetValue(id, out var e)) names.AddRange([e.NameEn, e.NameAr, .. e.Aliases]);
        var folded = names.Select(Folded.Key).Where(n => n.Length > 0).ToList();
        return gold.Select(Folded.Key).Where(f => f.Length > 0).Any(f => folded.Any(n => n == f || ContainsWords(n, f) || ContainsWords(f, n)));
    }

    private static bool ContainsWords(string outer, string inner) =>
        inner.Length >= 3 && $" {outer} ".Contains($" {inner} ", StringComparison.Ordinal);

    private static bool SameRange(DateRange? predicted, DateRange? gold) =>
        predicted is not null && gold is not null && predicted.Start == gold.Start && predicted.End == gold.End;

    private static bool Close(double value, double gold) => Math.Abs(value - gold) <= Math.Abs(gold) * AmountTolerance;

    /// <summary>A gold date: one of the publication-date forms, or two of them joined by "..".</summary>
    public static DateRange? GoldDate(string value)
    {
        var parts = value.Split("..");
        if (parts.Length == 1) return ArticleMetadata.ParseDate(value);
        if (parts.Length != 2 || ArticleMetadata.ParseDate(parts[0]) is not { } a || ArticleMetadata.ParseDate(parts[1]) is not { } b || b.End < a.Start) return null;
        return new DateRange(a.Start, b.End, DateGranularity.Range);
    }

    private static string Show(DateRange? d) => d is null ? "undated" : d.Start == d.End ? $"{d.Start:yyyy-MM-dd}" : $"{d.Start:yyyy-MM-dd}..{d.End:yyyy-MM-dd}";

    private static string Clip(string s) => s.Length <= 70 ? s : s[..70] + "…";

    /// <summary>Text folded for comparison, with a map back to source offsets.</summary>
    private sealed class Folded
    {
        private readonly string _key;
        private readonly List<int> _map = [];

        public Folded(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = FoldChar(text[i]);
                if (c == '\0' || c == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
                sb.Append(c);
                _map.Add(i);
            }
            _key = sb.ToString();
        }

        public static string Key(string s) => new Folded(s)._key.Trim();

        private static char FoldChar(char c)
        {
            if (char.IsWhiteSpace(c)) return ' ';
            if (c is '«' or '»' or '"' or '“' or '”' or '„' or '‹' or '›' or '″' or '\'' or '‘' or '’') return '\0';
            return ArabicNormalizer.Fold(c);
        }

        /// <summary>Every source span whose folded text is the folded <paramref name="needle"/>.</summary>
        public List<TextSpan> Find(string needle)
        {
            var key = Key(needle);
            var spans = new List<TextSpan>();
            if (key.Length == 0) return spans;
            for (var at = _key.IndexOf(key, StringComparison.Ordinal); at >= 0; at = _key.IndexOf(key, at + 1, StringComparison.Ordinal))
                spans.Add(new TextSpan(_map[at], _map[at + key.Length - 1] + 1));
            return spans;
        }
    }
}

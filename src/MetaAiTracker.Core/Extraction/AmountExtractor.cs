using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Explicit quantities: a number (<see cref="NumberWords"/>) with a unit after it (65 مليار دولار، 405 مليار معلمة،
/// 600 موظف، 20%، 10$) or a symbol before it ($14، €5), in base units and with their qualifier (نحو → approx,
/// أكثر من → min, ما يصل إلى → max). A range (بين 60 و65 مليار دولار، 64–72، من عشره لعشرين) is two amounts,
/// min and max, and its second end lends its scale and unit to the first. A number without a unit or a scale
/// (a year, a version such as Llama 3.1), a model name (gpt-oss-120b) and a vague plural (مليارات الدولارات) are
/// not amounts. Units are ISO currency codes, percent, parameters, tokens, people or other.
/// </summary>
public sealed class AmountExtractor : IExtractor
{
    private sealed record RangeRules(List<string> Joiners, Dictionary<string, List<string>> AfterOpener);

    private sealed record Rules(
        Dictionary<string, List<string>> Units, Dictionary<string, List<string>> Subunits, Dictionary<string, string> Symbols, Dictionary<string, string> SubunitSymbols,
        Dictionary<string, string> Qualifiers, Dictionary<string, string> QualifiersAfter, List<string> NotCounted, RangeRules Ranges);

    private readonly record struct UnitHit(string Unit, double Factor, int Last, int Start, int End);

    private static readonly Rules R = LexiconData.Load<Rules>("amounts.json");
    private static readonly List<(string Phrase, (string Unit, double Factor) Value)> UnitPhrases = BuildUnitPhrases();
    private static readonly PhraseMatcher<(string Unit, double Factor)> Units = new(UnitPhrases, PhraseMatch.Surface);
    // Latin unit codes glued to digits (10gw, 16gb); one letter glued is a model name (Ascend 910C).
    private static readonly Dictionary<string, (string Unit, double Factor)> Glued =
        UnitPhrases.Where(p => p.Phrase.Length > 1 && p.Phrase.All(char.IsAsciiLetter)).GroupBy(p => p.Phrase).ToDictionary(g => g.Key, g => g.First().Value);
    private static readonly PhraseMatcher<string> Qualifiers = new(R.Qualifiers.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<string> QualifiersAfter = new(R.QualifiersAfter.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly HashSet<string> Joiners = [.. R.Ranges.Joiners];
    private static readonly HashSet<string> NotCounted = [.. R.NotCounted];
    private static readonly Dictionary<char, string> Symbols = R.Symbols.ToDictionary(kv => kv.Key[0], kv => kv.Value);
    private static readonly Dictionary<char, string> SubunitSymbols = R.SubunitSymbols.ToDictionary(kv => kv.Key[0], kv => kv.Value);
    private static readonly string SymbolsAndSpaces = " \n" + string.Concat(R.Symbols.Keys);

    private static List<(string, (string, double))> BuildUnitPhrases()
    {
        var list = new List<(string, (string, double))>();
        void Add(string unit, double factor, string phrase)
        {
            list.Add((phrase, (unit, factor)));
            // The accusative after 11–99 (15 دولارا، 30 موظفا) adds an alef to the singular.
            if (!phrase.Contains(' ') && !phrase.All(char.IsAsciiLetter) && phrase[^1] is not ('ا' or 'ه' or 'ي' or 'و')) list.Add((phrase + "ا", (unit, factor)));
        }
        foreach (var (unit, phrases) in R.Units) foreach (var p in phrases) Add(unit, 1, p);
        foreach (var (unit, phrases) in R.Subunits) foreach (var p in phrases) Add(unit, 0.01, p);
        return list;
    }


    /// <summary>
    /// The amounts a short text states (an editor's "14.3 مليار دولار" or "14.3 billion USD"), read by the article
    /// rules: the one reading of an amount, so an editor's figure and an extracted one are stored alike.
    /// </summary>
    public static IReadOnlyList<Amount> Read(string text)
    {
        var ctx = new ExtractionContext(text, null, Lexicon.Default);
        new AmountExtractor().Extract(ctx);
        return ctx.Amounts;
    }

    public void Extract(ExtractionContext ctx)
    {
        var tokens = ctx.Tokens;
        for (var i = 0; i < tokens.Count; i++)
            if (NumberWords.MayStartNumber(tokens[i].Norm)) i = Read(ctx, i);
    }

    /// <summary>Reads the amount or range at token i into the context; returns the last token it used.</summary>
    private static int Read(ExtractionContext ctx, int i)
    {
        // في عام 2019 مليار دولار: a number the date extractor read as a year or a day is no amount.
        if (InDate(ctx, ctx.Tokens[i].Start) || NumberWords.Parse(ctx, i) is not { } n) return i;
        if (IsModelName(ctx, n)) return n.Last;
        if (n.Suffix is not null && !n.Scaled && !Glued.ContainsKey(n.Suffix)) return n.Last;
        var u = UnitAfter(ctx, n);
        if (Range(ctx, i, n, u) is { } rangeEnd) return rangeEnd;
        // بين خمسه وعشرين دولارا: a range needs two ends, so the compound splits at its last و.
        if (n.Last > i && Opener(ctx, i) is "بين")
            for (var k = n.Last - 1; k >= i; k--)
                if (NumberWords.Parse(ctx, i, k) is { } shorter && Range(ctx, i, shorter, UnitAfter(ctx, shorter)) is { } splitEnd) return splitEnd;

        if (u is null && !StandsAlone(n)) return n.Last;
        var unit = u?.Unit ?? DefaultUnit(ctx, n);
        var value = n.Value * (u?.Factor ?? 1);
        var end = u?.End ?? ctx.Tokens[n.Last].End;
        var last = u?.Last ?? n.Last;
        if (u is { Factor: 1 } money && IsMoney(money.Unit) && Cents(ctx, last, money.Unit) is { } cents) { value += cents.Value; last = cents.Last; end = ctx.Tokens[last].End; }
        Add(ctx, value, unit, Qualifier(ctx, i, last), u?.Start ?? n.Start, end);
        return last;
    }

    /// <summary>A range whose first end is <paramref name="n"/>: both ends are added and the last token is returned.</summary>
    private static int? Range(ExtractionContext ctx, int i, ParsedNumber n, UnitHit? u)
    {
        var tokens = ctx.Tokens;
        var text = ctx.Text;
        var after = u?.Last ?? n.Last;
        var j = after + 1;
        if (j >= tokens.Count) return null;
        var gapStart = u?.End ?? tokens[n.Last].End;
        var gap = text.AsSpan(gapStart, Math.Max(0, tokens[j].Start - gapStart)).Trim(SymbolsAndSpaces);
        var allowed = Opener(ctx, i) is { } opener ? R.Ranges.AfterOpener[opener] : null;
        ParsedNumber? second = null;
        if (gap.Length == 1 && IsDash(gap[0])) second = NumberWords.Parse(ctx, j, signed: false);
        else if (gap.IsEmpty && (Joiners.Contains(tokens[j].Norm) || allowed?.Contains(tokens[j].Norm) == true) && j + 1 < tokens.Count && !NumberWords.Broken(ctx, j, j + 1))
            second = NumberWords.Parse(ctx, j + 1, signed: false);
        else if (!NumberWords.Broken(ctx, after, j) && allowed is not null && NumberWords.Parse(ctx, j, signed: false) is { Clitic: not '\0' } glued && allowed.Contains(glued.Clitic.ToString()))
            second = glued;
        if (second is not { } m || IsModelName(ctx, m)) return null;
        var u2 = UnitAfter(ctx, m);
        if (u is null && u2 is null && !(m.Scaled && !m.ScaleOnly)) return null;
        // بين 60 و65 مليار دولار: the first end takes the scale and unit of the second.
        var first = n.Value * (u is null && !n.Scaled ? m.Scale : 1) * ((u ?? u2)?.Factor ?? 1);
        var firstUnit = (u ?? u2)?.Unit ?? DefaultUnit(ctx, m);
        var secondUnit = (u2 ?? u)?.Unit ?? firstUnit;
        var last = u2?.Last ?? m.Last;
        var start = u?.Start ?? n.Start;
        var end = u2?.End ?? tokens[m.Last].End;
        Add(ctx, first, firstUnit, "min", start, end);
        Add(ctx, m.Value * ((u2 ?? u)?.Factor ?? 1), secondUnit, "max", start, end);
        return last;
    }

    private static void Add(ExtractionContext ctx, double value, string unit, string? qualifier, int start, int end)
    {
        var span = new TextSpan(start, end);
        ctx.Amounts.Add(new Amount(value, unit, IsMoney(unit) ? unit : null, span.Of(ctx.Text), span, qualifier));
    }

    private static bool InDate(ExtractionContext ctx, int offset)
    {
        foreach (var d in ctx.Dates) if (d.Span.Start <= offset && offset < d.Span.End) return true;
        return false;
    }

    private static bool IsMoney(string unit) => unit.Length == 3 && char.IsAsciiLetterUpper(unit[0]);

    private static bool IsDash(char c) => c is '-' or '‐' or '‑' or '‒' or '–' or '—' or '−';

    /// <summary>The unit right after the number (a word, a glued Latin code, a symbol), or a currency symbol before it.</summary>
    private static UnitHit? UnitAfter(ExtractionContext ctx, ParsedNumber n)
    {
        var tokens = ctx.Tokens;
        var text = ctx.Text;
        var end = tokens[n.Last].End;
        if (n.Suffix is not null && Glued.TryGetValue(n.Suffix, out var g)) return new UnitHit(g.Unit, g.Factor, n.Last, n.Start, end);
        var next = SkipSpaces(text, end);
        if (next < text.Length && Symbols.TryGetValue(text[next], out var symbol)) return new UnitHit(symbol, 1, n.Last, n.Start, next + 1);
        if (next < text.Length && SubunitSymbols.TryGetValue(text[next], out var cent)) return new UnitHit(cent, 0.01, n.Last, n.Start, next + 1);
        var j = n.Last + 1;
        if (j < tokens.Count && !NumberWords.Broken(ctx, n.Last, j))
        {
            // 3 ملايين من المستخدمين: the unit may follow من with the article; واحده من الشركات is "one of", no count.
            var partitive = tokens[j].Norm == "من" && n.Value > 2 && j + 1 < tokens.Count && tokens[j + 1].Norm.StartsWith("ال", StringComparison.Ordinal) && !NumberWords.Broken(ctx, j, j + 1);
            if (partitive) j++;
            // A clitic on the word makes it no unit (405B للمطورين، احدي الشركات), the article after من does.
            if (Units.MatchAt(tokens, j) is { } hit && tokens[j].Norm.Length - FirstWordLength(hit.Phrase) == (partitive ? 2 : 0))
                return new UnitHit(hit.Value.Unit, hit.Value.Factor, hit.Last, n.Start, tokens[hit.Last].End);
            if (!partitive && IsCountedNoun(ctx, n, j)) return new UnitHit("other", 1, j, n.Start, tokens[j].End);
        }
        var before = n.Start - 1;
        while (before >= 0 && text[before] == ' ') before--;
        if (before >= 0 && Symbols.TryGetValue(text[before], out var sb)) return new UnitHit(sb, 1, n.Last, before, end);
        return null;
    }

    /// <summary>
    /// اربعه مكاتب، سبع مناطق: a spelled-out count of three or more takes the indefinite noun after it, unless that is time
    /// or a small word, or the number closes an ordinal (الثالثه عشره).
    /// </summary>
    private static bool IsCountedNoun(ExtractionContext ctx, ParsedNumber n, int j)
    {
        var i = ctx.TokenIndexAt(n.Start);
        var norm = ctx.Tokens[j].Norm;
        if (n.Value < 3 || n.Scaled || char.IsAsciiDigit(ctx.Tokens[i].Norm[0]) || i > 0 && NumberWords.MayStartOrdinal(ctx.Tokens[i - 1].Norm)) return false;
        // The counted noun is indefinite: الالاف، بالمؤتمر، للمؤتمر follow no count.
        var article = norm.StartsWith("ال", StringComparison.Ordinal) || norm.StartsWith("لل", StringComparison.Ordinal)
            || norm.Length > 3 && norm[0] is 'ب' or 'ل' or 'و' or 'ف' or 'ك' && norm.AsSpan(1).StartsWith("ال", StringComparison.Ordinal);
        return norm.Length >= 3 && !article && ArabicNormalizer.IsArabicLetter(norm[0]) && !NotCounted.Contains(norm) && !NumberWords.MayStartNumber(norm);
    }

    /// <summary>20 دولارا و43 سنتا، 20$ 43c: the cents of a sum, in the same currency.</summary>
    private static (double Value, int Last)? Cents(ExtractionContext ctx, int last, string currency)
    {
        var j = last + 1;
        var tokens = ctx.Tokens;
        if (j < tokens.Count && tokens[j].Norm == "و") j++;
        if (j >= tokens.Count || NumberWords.Broken(ctx, last, j) || NumberWords.Parse(ctx, j, signed: false) is not { Value: < 100 } c) return null;
        return UnitAfter(ctx, c) is { Factor: 0.01 } u && u.Unit == currency && u.Start >= ctx.Tokens[j].Start ? (c.Value * 0.01, u.Last) : null;
    }

    /// <summary>A number with neither unit nor symbol is an amount only when a real scale makes it one (30 مليارا).</summary>
    private static bool StandsAlone(ParsedNumber n) =>
        n.Scaled && !n.ScaleOnly && n.Suffix is null or "b";

    /// <summary>The unit of a number without one: a model size (405B, next to a model), else the unit of the amount before it in the sentence.</summary>
    private static string DefaultUnit(ExtractionContext ctx, ParsedNumber n)
    {
        if (n.Suffix is "b" || ModelBefore(ctx, n)) return "parameters";
        if (ctx.Amounts.Count > 0 && ctx.Amounts[^1] is var previous && previous.Span.End <= n.Start
            && ctx.Text.AsSpan(previous.Span.End, n.Start - previous.Span.End).IndexOfAny(".!?؟\n") < 0)
            return previous.Unit;
        return "other";
    }

    /// <summary>gpt-oss-120b, Llama-3, Qwen2.5-72B: a number glued by a dash to a name; GPT 5 and Llama 4: a version after a Latin name.</summary>
    private static bool IsModelName(ExtractionContext ctx, ParsedNumber n)
    {
        var text = ctx.Text;
        var i = ctx.TokenIndexAt(n.Start);
        var s = ctx.Tokens[i].Start;
        if (s >= 2 && IsDash(text[s - 1]) && (char.IsAsciiLetter(text[s - 2]) || char.IsAsciiDigit(text[s - 2]) && n.Suffix is not null)) return true;
        // After a Latin name, or a name and its version (Qwen 2.5 72B): a version, or a size that is part of the name.
        var name = i - 1;
        if (name > 0 && char.IsAsciiDigit(ctx.Tokens[name].Norm[0]) && !NumberWords.Broken(ctx, name - 1, name)) name--;
        if (i == 0 || NumberWords.Broken(ctx, i - 1, i) || !IsLatinWord(ctx.Tokens[name].Norm) || Glued.ContainsKey(ctx.Tokens[name].Norm)) return false;
        if (n.Suffix is not null) return true;
        // A version is small or has a point (Llama 4، Claude 3.5); سرحت Meta 600 موظف counts.
        var version = n.Value < 10 || ctx.Tokens[i].Norm.Contains('.');
        return version && !n.Scaled && (UnitAfter(ctx, n) is not { } u || !(IsMoney(u.Unit) || u.Unit == "percent"));
    }

    private static bool IsLatinWord(string norm)
    {
        foreach (var c in norm) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static bool ModelBefore(ExtractionContext ctx, ParsedNumber n)
    {
        var i = ctx.TokenIndexAt(n.Start);
        var from = i >= 3 ? ctx.Tokens[i - 3].Start : 0;
        return ctx.MentionsIn(new TextSpan(from, n.Start)).Any(m => ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)?.Kind == EntityKind.Model);
    }

    /// <summary>بين or من right before the first number (ما بين، يتراوح بين، وبين).</summary>
    private static string? Opener(ExtractionContext ctx, int i)
    {
        if (i == 0 || NumberWords.Broken(ctx, i - 1, i)) return null;
        var w = ctx.Tokens[i - 1].Norm;
        if (w.Length > 2 && w[0] == 'و') w = w[1..];
        return R.Ranges.AfterOpener.ContainsKey(w) ? w : null;
    }

    /// <summary>The qualifier before the number (نحو، أكثر من), else the one after the amount (على الأقل، تقريبا).</summary>
    private static string? Qualifier(ExtractionContext ctx, int i, int last)
    {
        if (i > 0 && !NumberWords.Broken(ctx, i - 1, i))
            for (var len = 1; len <= 4 && i - len >= 0; len++)
                if (Qualifiers.MatchAt(ctx.Tokens, i - len, i) is { } q && q.Last == i - 1) return q.Value;
        return last + 1 < ctx.Tokens.Count && !NumberWords.Broken(ctx, last, last + 1) ? QualifiersAfter.MatchAt(ctx.Tokens, last + 1)?.Value : null;
    }

    private static int FirstWordLength(string phrase) => phrase.IndexOf(' ') is var k and >= 0 ? k : phrase.Length;

    private static int SkipSpaces(string text, int at)
    {
        while (at < text.Length && text[at] == ' ') at++;
        return at;
    }
}

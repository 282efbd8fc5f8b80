using System.Globalization;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Quantities with a unit (arabic-notes §6): 65 مليار دولار → 65e9 USD, 405 مليار معلمة → 405e9 parameters,
/// ثلاثة مليارات دولار, مليار ونصف, 1,5 مليار, 405B next to a model, percentages, with their qualifier
/// (نحو → approx, أكثر من → min, ما يصل إلى → max). A bare number (a year, a version such as Llama 3.1)
/// is not an amount; nor is a vague plural (مليارات الدولارات), which has no value.
/// </summary>
public sealed partial class AmountExtractor : IExtractor
{
    private sealed record Rules(
        Dictionary<string, double> Scales, Dictionary<string, double> LatinScales,
        Dictionary<string, double> FractionsAfter, Dictionary<string, string> Units, Dictionary<string, string> Symbols, List<string> Currencies, Dictionary<string, string> Qualifiers);

    private static readonly Rules R = LexiconData.Load<Rules>("amounts.json");
    private static readonly PhraseMatcher<string> Units = new(R.Units.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<string> Qualifiers = new(R.Qualifiers.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly HashSet<string> Currencies = [.. R.Currencies];

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(k|m|b|bn|t)$")]
    private static partial Regex LatinScaled();

    public string Name => "amounts";

    public void Extract(ExtractionContext ctx)
    {
        var tokens = ctx.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var norm = tokens[i].Norm;
            // An amount starts with a digit or a number word: skip every other token with one check.
            if (!char.IsAsciiDigit(norm[0]) && !NumberWords.MayStartCardinal(norm)) continue;
            if (Parse(ctx, i) is not { } a) continue;
            ctx.Amounts.Add(a.Amount);
            i = a.Last;
        }
    }

    private static (Amount Amount, int Last)? Parse(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var text = ctx.Text;
        var norm = tokens[i].Norm;
        double value;
        var last = i;
        var scaled = false;
        var isWord = false;
        if (LatinScaled().Match(norm) is { Success: true } latin)
        {
            value = double.Parse(latin.Groups[1].Value, CultureInfo.InvariantCulture) * R.LatinScales[latin.Groups[2].Value];
            scaled = true;
        }
        else if (Digits(norm) is { } v) value = v;
        else if (NumberWords.Cardinal(ctx, i) is { } w) { (value, last) = w; isWord = true; }
        else return null;

        if (last + 1 < tokens.Count && !ctx.HasBreak(last, last + 1) && R.Scales.TryGetValue(StripWa(tokens[last + 1].Norm), out var scale))
        {
            // ملياري دولار is "two billion dollars" only without a number before it.
            value *= tokens[last + 1].Norm is "ملياري" or "مليارين" or "مليونين" && !isWord ? scale / 2 : scale;
            scaled = true;
            last++;
            if (last + 1 < tokens.Count && R.FractionsAfter.TryGetValue(tokens[last + 1].Norm, out var fraction)) { value += fraction * scale; last++; }
        }
        if (isWord && !scaled) return null;

        string? unit = null;
        if (last + 1 < tokens.Count && !ctx.HasBreak(last, last + 1) && Units.MatchAt(tokens, last + 1) is { } u) { unit = u.Value; last = u.Last; }
        // $14 مليار and 20%: a symbol before the number (currencies) or after it (percent).
        var before = PreviousNonSpace(text, tokens[i].Start);
        var after = NextNonSpace(text, tokens[last].End);
        var symbolBefore = R.Symbols.GetValueOrDefault(before.ToString());
        var symbolAfter = R.Symbols.GetValueOrDefault(after.ToString()) is "percent" ? "percent" : null;
        unit ??= symbolAfter ?? symbolBefore;
        if (unit is null && scaled && ModelBefore(ctx, i)) unit = "parameters";
        if (unit is null && !scaled) return null;
        unit ??= "count";

        var start = unit == symbolBefore && symbolBefore is not null ? text.LastIndexOf(before, tokens[i].Start) : tokens[i].Start;
        var end = unit == symbolAfter && symbolAfter is not null ? text.IndexOf(after, tokens[last].End) + 1 : tokens[last].End;
        var qualifier = QualifierBefore(ctx, i);
        var span = new TextSpan(start, end);
        return (new Amount(value, unit, Currencies.Contains(unit) ? unit : null, span.Of(text), span, qualifier), last);
    }

    /// <summary>3.1، 1,5 (decimal comma), 1,000 and 1٬000 (thousands).</summary>
    private static double? Digits(string norm)
    {
        if (norm.Length == 0 || !char.IsAsciiDigit(norm[0]) || !norm.All(c => char.IsAsciiDigit(c) || c is '.' or ',')) return null;
        var comma = norm.IndexOf(',');
        if (comma >= 0) norm = norm.Length - comma - 1 == 3 ? norm.Replace(",", "") : norm.Replace(',', '.');
        return double.TryParse(norm, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string? QualifierBefore(ExtractionContext ctx, int i)
    {
        for (var len = 1; len <= 4 && i - len >= 0; len++)
            if (Qualifiers.MatchAt(ctx.Tokens, i - len, i) is { } q && q.Last == i - 1) return q.Value;
        return null;
    }

    private static bool ModelBefore(ExtractionContext ctx, int i)
    {
        var from = i >= 3 ? ctx.Tokens[i - 3].Start : 0;
        return ctx.MentionsIn(new TextSpan(from, ctx.Tokens[i].Start)).Any(m => ctx.Lexicon.EntityById.GetValueOrDefault(m.EntityId)?.Kind == EntityKind.Model);
    }

    private static string StripWa(string w) => w.Length > 3 && w[0] == 'و' ? w[1..] : w;

    private static char NextNonSpace(string text, int at)
    {
        while (at < text.Length && text[at] == ' ') at++;
        return at < text.Length ? text[at] : '\0';
    }

    private static char PreviousNonSpace(string text, int at)
    {
        at--;
        while (at >= 0 && text[at] == ' ') at--;
        return at >= 0 ? text[at] : '\0';
    }
}

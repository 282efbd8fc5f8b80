using System.Globalization;
using System.Text.RegularExpressions;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// Scores the date and amount rules against a peer test suite that the user supplies: a Duckling Arabic corpus
/// file (Haskell, <c>examples (datetime (2013, 2, 12, 0, 0, 0) Day) ["…", …]</c>). The phrases stay in that file;
/// the repository holds only this reader. Time examples resolve against Duckling's reference day, Tuesday
/// 2013-02-12; clock times (hour, minute, second grains) are set aside because the extractor keeps days.
/// </summary>
public static partial class DucklingCheck
{
    private static readonly DateOnly Reference = new(2013, 2, 12);

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("time" or "money" or "numeral") || !File.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: duckling time|money|numeral PATH/Corpus.hs");
            return 2;
        }
        var examples = Examples(File.ReadAllText(args[1])).ToList();
        var results = args[0] switch
        {
            "time" => examples.Select(Time).OfType<Result>().ToList(),
            "money" => examples.Select(Money).OfType<Result>().ToList(),
            _ => examples.Select(Numeral).OfType<Result>().ToList(),
        };
        var exact = results.Count(r => r.Exact);
        foreach (var r in results.Where(r => !r.Exact)) Console.WriteLine($"miss  {r.Phrase}  expected {r.Expected}  got {r.Got}");
        var setAside = examples.Count - results.Count;
        Console.WriteLine($"{args[0]}: {exact}/{results.Count} exact ({100.0 * exact / Math.Max(1, results.Count):F0} %)" + (setAside > 0 ? $", {setAside} clock-time examples set aside" : ""));
        return 0;
    }

    private sealed record Example(string Spec, string Phrase);

    private sealed record Result(string Phrase, bool Exact, string Expected, string Got);

    // `examples (SPEC) [ "…", "…" ]`: the spec up to its balanced closing parenthesis, then the list of literals.
    private static IEnumerable<Example> Examples(string source)
    {
        for (var at = source.IndexOf("examples (", StringComparison.Ordinal); at >= 0; at = source.IndexOf("examples (", at + 1, StringComparison.Ordinal))
        {
            var open = at + "examples ".Length;
            var close = Balanced(source, open);
            var listStart = source.IndexOf('[', close);
            var listEnd = ListEnd(source, listStart);
            if (close < 0 || listStart < 0 || listEnd < 0) continue;
            var spec = source[(open + 1)..close];
            foreach (Match m in Literal().Matches(source[listStart..listEnd]))
                yield return new Example(spec, Regex.Unescape(m.Groups[1].Value));
        }
    }

    private static int Balanced(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '"') i = s.IndexOf('"', i + 1);
            else if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i;
            if (i < 0) return -1;
        }
        return -1;
    }

    private static int ListEnd(string s, int start)
    {
        if (start < 0) return -1;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '"') { i++; while (i < s.Length && s[i] != '"') i += s[i] == '\\' ? 2 : 1; }
            else if (s[i] == ']') return i;
        }
        return -1;
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\((-?\d+),\s*(-?\d+),\s*(-?\d+)(?:,\s*-?\d+){3}\)")]
    private static partial Regex Tuple();

    private static Result? Time(Example e)
    {
        var head = e.Spec.Split(' ', 2)[0];
        var grain = Regex.Match(e.Spec, @"\)\s*(\w+)").Groups[1].Value;
        if (grain is "Hour" or "Minute" or "Second") return null;
        var days = Tuple().Matches(e.Spec).Select(m => new DateOnly(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))).ToList();
        if (days.Count == 0) return null;
        // An interval's end is exclusive at its grain; a single value spans its grain.
        var (start, end) = head.StartsWith("datetimeInterval", StringComparison.Ordinal)
            ? (days[0], days[1].AddDays(-1))
            : (days[0], grain switch
            {
                "Week" => days[0].AddDays(6),
                "Month" => days[0].AddMonths(1).AddDays(-1),
                "Quarter" => days[0].AddMonths(3).AddDays(-1),
                "Year" => days[0].AddYears(1).AddDays(-1),
                _ => days[0],
            });
        var ctx = Context<DateExtractor>(e.Phrase);
        // The widest date found is the reading of the whole phrase.
        var got = ctx.Dates.OrderByDescending(d => d.Span.Length).FirstOrDefault();
        return new Result(e.Phrase, got is not null && got.Range.Start == start && got.Range.End == end,
            $"{start:yyyy-MM-dd}..{end:yyyy-MM-dd}",
            got is null ? "nothing" : $"{got.Range.Start:yyyy-MM-dd}..{got.Range.End:yyyy-MM-dd} {got.Range.Granularity} «{got.Text}»");
    }

    private static Result? Money(Example e)
    {
        var parts = e.Spec.Split(' ', 3);
        if (parts.Length < 3) return null;
        var (kind, currency) = (parts[0], parts[1]);
        var values = Regex.Matches(parts[2], @"-?\d+(?:\.\d+)?(?:e\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        if (kind is not ("simple" or "between" or "under" or "above") || values.Count == 0) return null;
        // Duckling counts cents apart; the extractor keeps money in its currency's main unit.
        if (currency == "Cent") { values = [.. values.Select(v => v / 100)]; currency = "Dollar"; }
        return Compare(e.Phrase, values, currency);
    }

    private static Result? Numeral(Example e)
    {
        var m = Regex.Match(e.Spec, @"NumeralValue\s*\(?\s*(-?\d+(?:\.\d+)?(?:e\d+)?)");
        if (!m.Success) return null;
        return Compare(e.Phrase + " دولار", [double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)], "Dollar");
    }

    // Duckling's currency names → the extractor's codes; a bare Pound may be any of the pounds.
    private static readonly Dictionary<string, string[]> Currencies = new()
    {
        ["Dollar"] = ["USD"], ["EUR"] = ["EUR"], ["GBP"] = ["GBP"], ["Pound"] = ["GBP", "EGP", "LBP", "SYP", "SDG"],
    };

    private static Result Compare(string phrase, List<double> expected, string currency)
    {
        var ctx = Context<AmountExtractor>(phrase);
        var codes = Currencies.GetValueOrDefault(currency, [currency]);
        var exact = expected.All(v => ctx.Amounts.Any(a => Close(a.Value, v) && codes.Contains(a.Currency ?? a.Unit)));
        return new Result(phrase, exact, string.Join(" & ", expected.Select(v => $"{v.ToString(CultureInfo.InvariantCulture)} {codes[0]}")),
            ctx.Amounts.Count == 0 ? "nothing" : string.Join(" & ", ctx.Amounts.Select(a => $"{a.Value.ToString(CultureInfo.InvariantCulture)} {a.Unit} «{a.Text}»")));
    }

    private static bool Close(double got, double expected) => Math.Abs(got - expected) <= Math.Abs(expected) * 0.005 + 1e-9;

    /// <summary>The default extractors up to and including <typeparamref name="T"/>, on Duckling's reference day.</summary>
    private static ExtractionContext Context<T>(string phrase) where T : IExtractor
    {
        var ctx = new ExtractionContext(phrase, DateRange.Day(Reference), Lexicon.Default);
        foreach (var x in ExtractionPipeline.DefaultExtractors())
        {
            x.Extract(ctx);
            if (x is T) break;
        }
        return ctx;
    }
}

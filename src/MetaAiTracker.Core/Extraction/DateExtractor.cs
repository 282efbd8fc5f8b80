using System.Globalization;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Dates as news text gives them (arabic-notes §5), resolved to a range with its granularity: explicit dates in
/// every regional month series (15 يوليو 2024، تموز 2024، 3 آب 2024), paired names (أبريل/نيسان), Hijri dates,
/// years (عام 2023، منذ 2023 as a range up to publication), quarters and halves (الربع الأول من عام 2026),
/// seasons (الصيف الماضي) and relative expressions (العام الماضي، الأسبوع المقبل، يوم الأربعاء) against the
/// publication date. Without a publication date a relative expression stays unresolved: no made-up dates.
/// Dates from an estimated publication date are marked estimated.
/// </summary>
public sealed class DateExtractor : IExtractor
{
    private sealed record RelativeRule(string Phrase, string Unit, int Offset);

    private sealed record Rules(
        Dictionary<string, int> Months, List<string> AmbiguousMonths, Dictionary<string, int> HijriMonths, List<string> HijriMarkers,
        List<string> YearWords, List<string> YearPrepositions, List<string> SinceWords, List<RelativeRule> Relative,
        Dictionary<string, int> Seasons, List<string> PastQualifiers, List<string> FutureQualifiers, List<string> CurrentQualifiers,
        Dictionary<string, int> Ordinals, Dictionary<string, int> Days, List<string> FutureMarkers);

    private static readonly Rules R = LexiconData.Load<Rules>("dates.json");
    private static readonly PhraseMatcher<int> Months = new(R.Months.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> HijriMonths = new(R.HijriMonths.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<RelativeRule> Relative = new(R.Relative.Select(r => (r.Phrase, r)), PhraseMatch.Surface);
    private static readonly HashSet<string> Ambiguous = [.. R.AmbiguousMonths];
    private static readonly HashSet<string> YearWords = [.. R.YearWords];
    private static readonly HashSet<string> YearPrepositions = [.. R.YearPrepositions];
    private static readonly HashSet<string> Since = [.. R.SinceWords];
    private static readonly HashSet<string> Past = [.. R.PastQualifiers];
    private static readonly HashSet<string> Future = [.. R.FutureQualifiers];
    private static readonly HashSet<string> Current = [.. R.CurrentQualifiers];
    private static readonly HashSet<string> FutureMarkers = [.. R.FutureMarkers];
    private static readonly HashSet<string> HijriMarkers = [.. R.HijriMarkers];
    private static readonly UmAlQuraCalendar UmmAlQura = new();
    private static readonly Dictionary<string, int> Days = WithClitics(R.Days);
    private static readonly HashSet<string> YearWordsWithClitics = [.. WithClitics(R.YearWords.ToDictionary(w => w, _ => 0)).Keys];
    // الصيف، والصيف، بالصيف → (6, definite); صيف، وصيف → (6, bare: needs a year).
    private static readonly Dictionary<string, (int StartMonth, bool Bare)> SeasonWords =
        WithClitics(R.Seasons.ToDictionary(kv => kv.Key, kv => (kv.Value, false)))
            .Concat(WithClitics(R.Seasons.ToDictionary(kv => kv.Key[2..], kv => (kv.Value, true))))
            .ToDictionary();

    // Every word a date can start with (a digit aside), with its clitics: one lookup per token instead of seven rules.
    private static readonly HashSet<string> StartWords = [.. WithClitics(
        R.Months.Keys.Concat(R.HijriMonths.Keys).Concat(R.Relative.Select(r => r.Phrase)).Select(p => p.Split(' ')[0])
            .Concat(R.YearWords).Concat(R.YearPrepositions).Concat(R.SinceWords).Concat(R.Days.Keys).Concat(SeasonWords.Keys)
            .Concat(["الربع", "النصف", "يوم", "شهر"])
            .Distinct().ToDictionary(w => w, _ => 0)).Keys];

    private static bool MayStartDate(string norm) => char.IsAsciiDigit(norm[0]) || StartWords.Contains(norm);

    /// <summary>Each word with و ف ب ل glued in front (ل + ال → لل), so a token is one dictionary lookup.</summary>
    private static Dictionary<string, TValue> WithClitics<TValue>(Dictionary<string, TValue> words)
    {
        var result = new Dictionary<string, TValue>(words);
        foreach (var (w, v) in words)
            foreach (var c in new[] { "و", "ف", "ب", "ل" })
                result.TryAdd(c == "ل" && w.StartsWith("ال") ? "ل" + w[1..] : c + w, v);
        return result;
    }

    public string Name => "dates";

    public void Extract(ExtractionContext ctx)
    {
        var tokens = ctx.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!MayStartDate(tokens[i].Norm)) continue;
            var found = Explicit(ctx, i) ?? Hijri(ctx, i) ?? Quarter(ctx, i) ?? Season(ctx, i) ?? RelativePhrase(ctx, i) ?? Weekday(ctx, i) ?? Year(ctx, i);
            if (found is not { } f) continue;
            var span = new TextSpan(tokens[i].Start, tokens[f.Last].End);
            var estimated = f.Range.Estimated || (f.Relative && ctx.Published?.Estimated == true);
            ctx.Dates.Add(new ResolvedDate(f.Range with { Estimated = estimated }, span.Of(ctx.Text), span, f.Confidence));
            i = f.Last;
        }
    }

    private readonly record struct Found(DateRange Range, int Last, double Confidence, bool Relative = false);

    /// <summary>[day] month [/ or (other series)] [year]: 15 يوليو 2024، تموز 2024، كانون الثاني (يناير) 2024.</summary>
    private static Found? Explicit(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        int? day = null;
        var m = i;
        if (Number(tokens[i]) is { } d and >= 1 and <= 31 && i + 1 < tokens.Count && !ctx.HasBreak(i, i + 1)) { day = d; m = i + 1; }
        if (m >= tokens.Count || Months.MatchAt(tokens, m) is not { } month) return null;
        var last = month.Last;
        // أبريل/نيسان and كانون الثاني (يناير): a second name for the same month.
        if (last + 1 < tokens.Count && Months.MatchAt(tokens, last + 1) is { } twin && twin.Value == month.Value && ctx.Gap(last, last + 1).IndexOfAny("/(") >= 0)
            last = twin.Last;
        int? year = null;
        if (last + 1 < tokens.Count && !ctx.HasBreak(last, last + 1) && YearOf(tokens[last + 1]) is { } y) { year = y; last++; SkipEra(tokens, ref last); }
        var ambiguous = Ambiguous.Contains(month.Phrase);
        var afterShahr = m > 0 && tokens[m - 1].Norm is "شهر" or "بشهر" or "لشهر";
        if (ambiguous && day is null && year is null && !afterShahr) return null;
        if (day is null && year is null && m > i) return null;

        if (year is { } yy)
        {
            if (day is { } dd) return Safe(() => DateRange.Day(new DateOnly(yy, month.Value, dd)), last, 0.95);
            return Safe(() => DateRange.Month(yy, month.Value), last, 0.9);
        }
        // No year: the nearest such month around publication, looking forward in future context.
        if (ctx.Published is not { } p) return null;
        var after = last + 1 < tokens.Count ? tokens[last + 1].Norm : "";
        var direction = Past.Contains(after) ? -1 : Future.Contains(after) ? 1 : FutureContext(ctx, i) ? 1 : 0;
        if (direction != 0 && (Past.Contains(after) || Future.Contains(after))) last++;
        var year0 = p.Start.Year;
        var candidate = new DateOnly(year0, month.Value, 1);
        var pMonth = new DateOnly(p.Start.Year, p.Start.Month, 1);
        if (direction == -1 && candidate >= pMonth) candidate = candidate.AddYears(-1);
        else if (direction == 1 && candidate <= pMonth) candidate = candidate.AddYears(1);
        else if (direction == 0 && candidate > pMonth) candidate = candidate.AddYears(-1);
        var range = day is { } dday
            ? Safe(() => DateRange.Day(new DateOnly(candidate.Year, candidate.Month, dday)), last, 0.7, relative: true)
            : new Found(DateRange.Month(candidate.Year, candidate.Month), last, 0.7, true);
        return range;
    }

    /// <summary>[day] Hijri month year هـ: 1 رمضان 1446 هـ, converted with the Umm al-Qura calendar.</summary>
    private static Found? Hijri(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        int? day = null;
        var m = i;
        if (Number(tokens[i]) is { } d and >= 1 and <= 30 && i + 1 < tokens.Count) { day = d; m = i + 1; }
        if (m >= tokens.Count || HijriMonths.MatchAt(tokens, m) is not { } month) return null;
        var last = month.Last;
        if (last + 1 >= tokens.Count || !int.TryParse(tokens[last + 1].Norm, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1300 or > 1500) return null;
        last++;
        // A Hijri year needs its marker (هـ): رجب and صفر are also names.
        if (last + 1 >= tokens.Count || !HijriMarkers.Contains(tokens[last + 1].Norm)) return null;
        last++;
        try
        {
            if (day is { } dd)
            {
                var g = DateOnly.FromDateTime(UmmAlQura.ToDateTime(year, month.Value, dd, 0, 0, 0, 0));
                // Umm al-Qura and sighting can differ by a day: keep a one-day tolerance as a range.
                return new Found(new DateRange(g.AddDays(-1), g.AddDays(1), DateGranularity.Day), last, 0.85);
            }
            var start = DateOnly.FromDateTime(UmmAlQura.ToDateTime(year, month.Value, 1, 0, 0, 0, 0));
            var end = start.AddDays(UmmAlQura.GetDaysInMonth(year, month.Value) - 1);
            return new Found(new DateRange(start, end, DateGranularity.Month), last, 0.85);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>الربع الأول من عام 2026، النصف الثاني من العام الماضي، الربع الأخير.</summary>
    private static Found? Quarter(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var word = tokens[i].Norm;
        var isQuarter = word is "الربع" or "للربع" or "بالربع" or "والربع" or "خلال";
        var isHalf = word is "النصف" or "للنصف" or "بالنصف" or "والنصف";
        if (!isQuarter && !isHalf || word == "خلال" || i + 1 >= tokens.Count) return null;
        if (!R.Ordinals.TryGetValue(tokens[i + 1].Norm, out var n) || isHalf && n > 2) return null;
        var last = i + 1;
        var year = YearAfter(ctx, last, out var yearLast, out var relative);
        if (year is null) return null;
        last = yearLast;
        var range = isQuarter
            ? DateRange.Quarter(year.Value, n)
            : new DateRange(new DateOnly(year.Value, n == 1 ? 1 : 7, 1), n == 1 ? new DateOnly(year.Value, 6, 30) : new DateOnly(year.Value, 12, 31), DateGranularity.Half);
        return new Found(range, last, relative ? 0.7 : 0.9, relative);
    }

    /// <summary>The year a quarter, half or season belongs to: من عام 2026، من العام الماضي، 2026; else the publication year.</summary>
    private static int? YearAfter(ExtractionContext ctx, int last, out int newLast, out bool relative)
    {
        var tokens = ctx.Tokens;
        newLast = last;
        relative = false;
        var k = last + 1;
        if (k < tokens.Count && tokens[k].Norm is "من" or "في") k++;
        if (k < tokens.Count && YearWords.Contains(tokens[k].Norm) && k + 1 < tokens.Count && YearOf(tokens[k + 1]) is { } y1) { newLast = k + 1; return y1; }
        if (k < tokens.Count && YearOf(tokens[k]) is { } y2) { newLast = k; return y2; }
        if (k < tokens.Count && Relative.MatchAt(tokens, k) is { Value.Unit: "year" } rel && ctx.Published is { } p0)
        {
            newLast = rel.Last;
            relative = true;
            return p0.Start.Year + rel.Value.Offset;
        }
        if (ctx.Published is not { } p) return null;
        relative = true;
        return p.Start.Year;
    }

    /// <summary>الصيف الماضي، الشتاء المقبل، صيف 2024: meteorological seasons; a bare season is not a date.</summary>
    private static Found? Season(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        if (!SeasonWords.TryGetValue(tokens[i].Norm, out var season) || i + 1 >= tokens.Count) return null;
        var (startMonth, bare) = season;
        var next = tokens[i + 1].Norm;
        if (bare)
        {
            // صيف 2024 / صيف عام 2024
            var y = YearOf(tokens[i + 1]) ?? (YearWords.Contains(next) && i + 2 < tokens.Count ? YearOf(tokens[i + 2]) : null);
            if (y is null) return null;
            var lastY = YearOf(tokens[i + 1]) is not null ? i + 1 : i + 2;
            return new Found(SeasonRange(y.Value, startMonth), lastY, 0.85);
        }
        if (ctx.Published is not { } p) return null;
        var pMonth = new DateOnly(p.Start.Year, p.Start.Month, 1);
        if (Past.Contains(next))
        {
            // The most recent such season that ended before the publication month.
            var start = new DateOnly(p.Start.Year, startMonth, 1);
            while (start.AddMonths(3) > pMonth) start = start.AddYears(-1);
            return new Found(SeasonRange(start.Year, startMonth), i + 1, 0.6, true);
        }
        if (Future.Contains(next))
        {
            var start = new DateOnly(p.Start.Year, startMonth, 1);
            while (start <= pMonth) start = start.AddYears(1);
            return new Found(SeasonRange(start.Year, startMonth), i + 1, 0.6, true);
        }
        if (Current.Contains(next) || i > 0 && tokens[i - 1].Norm is "هذا")
        {
            var start = new DateOnly(p.Start.Year, startMonth, 1);
            if (start > pMonth) start = start.AddYears(-1);
            return new Found(SeasonRange(start.Year, startMonth), Current.Contains(next) ? i + 1 : i, 0.6, true);
        }
        return null;
    }

    private static DateRange SeasonRange(int year, int startMonth)
    {
        var start = new DateOnly(year, startMonth, 1);
        return new DateRange(start, start.AddMonths(3).AddDays(-1), DateGranularity.Season);
    }

    /// <summary>اليوم، أمس، الأسبوع الماضي، الشهر المقبل، العام الماضي, against the publication date.</summary>
    private static Found? RelativePhrase(ExtractionContext ctx, int i)
    {
        if (Relative.MatchAt(ctx.Tokens, i) is not { } hit || ctx.Published is not { } p) return null;
        var rule = hit.Value;
        // A day-precise expression needs a day-precise publication date.
        if (rule.Unit is "day" or "week" && p.Granularity != DateGranularity.Day) return null;
        // "اليوم" is often "today's world" (عالم اليوم، حتى اليوم): only as a date after في or at a clause start.
        if (rule.Phrase == "اليوم" && !(i > 0 && ctx.Tokens[i - 1].Norm is "في" or "صباح" or "مساء")) return null;
        var d = p.Start;
        DateRange range = rule.Unit switch
        {
            "day" => DateRange.Day(d.AddDays(rule.Offset)),
            "week" => Week(d.AddDays(7 * rule.Offset)),
            "month" => DateRange.Month(d.AddMonths(rule.Offset).Year, d.AddMonths(rule.Offset).Month),
            _ => DateRange.Year(d.Year + rule.Offset),
        };
        // "خلال العام المقبل" may mean "within twelve months": lower confidence.
        var confidence = i > 0 && ctx.Tokens[i - 1].Norm == "خلال" ? 0.5 : 0.75;
        return new Found(range, hit.Last, confidence, true);
    }

    private static DateRange Week(DateOnly d)
    {
        var monday = d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        return new DateRange(monday, monday.AddDays(6), DateGranularity.Week);
    }

    /// <summary>يوم الأربعاء (الماضي/المقبل): the previous or next such weekday; bare, the most recent one.</summary>
    private static Found? Weekday(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        if (!Days.TryGetValue(tokens[i].Norm, out var dow) || ctx.Published is not { Granularity: DateGranularity.Day } p) return null;
        // الأحد and الجمعة are also "Sunday (the first)" and "the congregation": require يوم before or a qualifier after.
        var qualified = i + 1 < tokens.Count && (Past.Contains(tokens[i + 1].Norm) || Future.Contains(tokens[i + 1].Norm));
        if (!(i > 0 && tokens[i - 1].Norm is "يوم" or "ويوم") && !qualified) return null;
        var future = qualified && Future.Contains(tokens[i + 1].Norm) || FutureContext(ctx, i);
        var d = p.Start;
        var delta = ((dow - (int)d.DayOfWeek) + 7) % 7;
        var date = future ? d.AddDays(delta == 0 ? 7 : delta) : d.AddDays(-(((int)d.DayOfWeek - dow + 7) % 7));
        return new Found(DateRange.Day(date), qualified ? i + 1 : i, 0.6, true);
    }

    /// <summary>عام 2023، في 2023، منذ عام 2023 (a range up to publication), 2023م.</summary>
    private static Found? Year(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var k = i;
        var since = Since.Contains(tokens[i].Norm) || tokens[i].Norm == "ومنذ";
        if (since || YearPrepositions.Contains(tokens[i].Norm)) k++;
        if (k < tokens.Count && YearWordsWithClitics.Contains(tokens[k].Norm)) k++;
        if (k >= tokens.Count || YearOf(tokens[k]) is not { } year) return null;
        // A bare number is a year only after a year word or a preposition, or with its era mark: Llama 2 and 2048 tokens are not years.
        var last = k;
        var hasEra = SkipEra(tokens, ref last);
        if (k == i && !hasEra) return null;
        if (since && ctx.Published is { } p && p.Start.Year >= year)
            return new Found(new DateRange(new DateOnly(year, 1, 1), p.End, DateGranularity.Range), last, 0.8, true);
        return new Found(DateRange.Year(year), last, 0.85);
    }

    private static bool FutureContext(ExtractionContext ctx, int i)
    {
        var sentence = ctx.SentenceAt(ctx.Tokens[i].Start);
        var (first, _) = ctx.TokenRange(sentence);
        for (var k = first; k < i; k++)
        {
            var w = ctx.Tokens[k].Norm;
            if (FutureMarkers.Contains(w) || w.Length > 3 && w[0] == 'س' && w[1] is 'ي' or 'ت' or 'ن') return true;
        }
        return false;
    }

    private static bool SkipEra(List<Token> tokens, ref int last)
    {
        if (last + 1 < tokens.Count && tokens[last + 1].Norm is "م" or "ميلادي" or "ميلاديه" && tokens[last + 1].Start - tokens[last].End <= 1) { last++; return true; }
        return false;
    }

    private static int? Number(Token t) => t.Norm.Length <= 2 && int.TryParse(t.Norm, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? YearOf(Token t) =>
        t.Norm.Length == 4 && int.TryParse(t.Norm, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100 ? y : null;


    private static Found? Safe(Func<DateRange> make, int last, double confidence, bool relative = false)
    {
        try { return new Found(make(), last, confidence, relative); }
        catch (ArgumentOutOfRangeException) { return null; } // 31 فبراير: not a date.
    }
}

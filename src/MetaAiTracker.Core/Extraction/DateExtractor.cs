using System.Globalization;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Dates as news text gives them, resolved to a range with its granularity: explicit dates in every regional month
/// series (15 يوليو 2024، تموز 2024، الخامس من أبريل), paired names (أبريل/نيسان), numeric and Hijri dates, feasts,
/// years (عام 2023، منذ 2023، مؤتمر Connect 2024), quarters, halves, seasons and parts of them (منتصف 2025),
/// relative expressions against the publication date (أمس الأربعاء، قبل ثلاثة أشهر، الثلاثاء الماضي) and
/// pointers to the last explicit date (آنذاك، العام التالي، a month without a year). Without a publication date a
/// relative expression stays unresolved: no made-up dates. Dates from an estimated publication date are marked estimated.
/// </summary>
public sealed class DateExtractor : IExtractor
{
    private sealed record RelativeRule(string Phrase, string Unit, int Offset, bool Anchored = false);

    private sealed record Duration(string Unit, int Count);

    private sealed record Holiday(string Phrase, int Month = 0, int Day = 0, int HijriMonth = 0, int HijriDay = 0, bool Easter = false);

    private sealed record Rules(
        Dictionary<string, int> Months, List<string> AmbiguousMonths, Dictionary<string, int> HijriMonths, List<string> HijriMarkers,
        List<string> YearWords, List<string> YearPrepositions, List<RelativeRule> Relative,
        Dictionary<string, int> Seasons, List<string> PastQualifiers, List<string> FutureQualifiers, List<string> CurrentQualifiers,
        Dictionary<string, int> Ordinals, Dictionary<string, int> Days, List<string> DayParts, List<string> PartWords, List<string> LastWords,
        List<string> NameYearWords, Dictionary<string, Duration> Durations, Dictionary<string, Duration> Periods,
        List<string> PastMarkers, List<string> NotFutureVerbs, List<string> FutureMarkers, List<Holiday> Holidays,
        List<string> AmbiguousDays, List<string> FromWords, List<string> ApproxWords);

    private static readonly Rules R = LexiconData.Load<Rules>("dates.json");
    private static readonly PhraseMatcher<int> Months = new(R.Months.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<int> HijriMonths = new(R.HijriMonths.Select(kv => (kv.Key, kv.Value)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<RelativeRule> Relative = new(R.Relative.Select(r => (r.Phrase, r)), PhraseMatch.Surface);
    private static readonly PhraseMatcher<Holiday> Holidays = new(R.Holidays.Select(h => (h.Phrase, h)), PhraseMatch.Surface);
    private static readonly HashSet<string> Ambiguous = [.. R.AmbiguousMonths];
    private static readonly HashSet<string> YearWords = [.. R.YearWords];
    private static readonly HashSet<string> YearPrepositions = [.. R.YearPrepositions];
    private static readonly HashSet<string> Past = [.. R.PastQualifiers];
    private static readonly HashSet<string> Future = [.. R.FutureQualifiers];
    private static readonly HashSet<string> Current = [.. R.CurrentQualifiers];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotFutureVerbsBySpan = new HashSet<string>(R.NotFutureVerbs).GetAlternateLookup<ReadOnlySpan<char>>();
    // Past markers → -1, future markers → 1, in one table.
    private static readonly Dictionary<string, int> TenseMarkers = R.PastMarkers.Select(w => (w, -1)).Concat(R.FutureMarkers.Select(w => (w, 1))).DistinctBy(x => x.w).ToDictionary(x => x.w, x => x.Item2);
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TenseMarkersBySpan = TenseMarkers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string> HijriMarkers = [.. R.HijriMarkers];
    private static readonly HashSet<string> NameYearWords = [.. WithClitics(R.NameYearWords.ToDictionary(w => w, _ => 0)).Keys];
    private static readonly HashSet<string> LastWords = [.. R.LastWords];
    private static readonly HashSet<string> AmbiguousDays = [.. WithClitics(R.AmbiguousDays.ToDictionary(w => w, _ => 0)).Keys];
    private static readonly HashSet<string> FromWords = [.. R.FromWords];
    private static readonly HashSet<string> ApproxWords = [.. R.ApproxWords];
    private static readonly UmAlQuraCalendar UmmAlQura = new();
    private static readonly Dictionary<string, int> Days = WithClitics(R.Days);
    // احد الاسبوع الماضي، ثلاثاء الاسبوع المقبل: a weekday without ال only before a week.
    private static readonly Dictionary<string, int> BareDays = R.Days.ToDictionary(kv => kv.Key[2..], kv => kv.Value);
    private static readonly HashSet<string> DayParts = [.. WithClitics(R.DayParts.ToDictionary(w => w, _ => 0)).Keys];
    private static readonly HashSet<string> PartWords = [.. WithClitics(R.PartWords.ToDictionary(w => w, _ => 0)).Keys];
    private static readonly Dictionary<string, Duration> Durations = R.Durations;
    private static readonly Dictionary<string, Duration> Periods = WithClitics(R.Periods);
    private static readonly HashSet<string> YearWordsWithClitics = [.. WithClitics(R.YearWords.ToDictionary(w => w, _ => 0)).Keys];
    // الصيف، والصيف، بالصيف → (6, definite); صيف، وصيف → (6, bare: needs a year).
    private static readonly Dictionary<string, (int StartMonth, bool Bare)> SeasonWords =
        WithClitics(R.Seasons.ToDictionary(kv => kv.Key, kv => (kv.Value, false)))
            .Concat(WithClitics(R.Seasons.ToDictionary(kv => kv.Key[2..], kv => (kv.Value, true))))
            .ToDictionary();

    [Flags]
    private enum Opens
    {
        None = 0, Weekday = 1, Part = 2, Ordinal = 4, Month = 8, Hijri = 16, Feast = 32, Quarter = 64, Season = 128,
        Ago = 256, Period = 512, Relative = 1024, Year = 2048,
        Digit = Month | Hijri | Year | 4096,
    }

    // What each word can open (with its clitics): a token tries only the rules it can start, most tokens none.
    private static readonly Dictionary<string, Opens> Openers = BuildOpeners();

    private static Dictionary<string, Opens> BuildOpeners()
    {
        var result = new Dictionary<string, Opens>();
        void Add(IEnumerable<string> words, Opens what)
        {
            foreach (var w in WithClitics(words.Distinct().ToDictionary(x => x, _ => 0)).Keys)
                result[w] = result.GetValueOrDefault(w) | what;
        }
        static string First(string phrase) => phrase.Split(' ')[0];
        Add(R.Days.Keys.Concat(BareDays.Keys).Concat(R.DayParts), Opens.Weekday);
        Add(R.PartWords, Opens.Part);
        Add(R.Ordinals.Keys.Concat(R.LastWords).Concat(["اليوم", "يوم"]), Opens.Ordinal);
        Add(R.Months.Keys.Select(First).Concat(["شهر", "الشهر"]), Opens.Month);
        Add(R.HijriMonths.Keys.Select(First), Opens.Hijri);
        Add(R.Holidays.Select(h => First(h.Phrase)), Opens.Feast);
        Add(["الربع", "النصف"], Opens.Quarter);
        Add(SeasonWords.Keys, Opens.Season);
        Add(["قبل", "منذ", "بعد"], Opens.Ago);
        Add(R.Periods.Keys, Opens.Period);
        Add(R.Relative.Select(r => First(r.Phrase)), Opens.Relative);
        Add(R.YearWords.Concat(R.YearPrepositions).Concat(R.FromWords).Concat(["بين", "من"]), Opens.Year);
        return result;
    }

    private static Opens OpensAt(string norm) =>
        char.IsAsciiDigit(norm[0]) ? Opens.Digit : Openers.GetValueOrDefault(norm) | (NumberWords.MayStartOrdinal(norm) ? Opens.Ordinal : Opens.None);

    /// <summary>Each word with و ف ب ل glued in front (ل + ال → لل), so a token is one dictionary lookup.</summary>
    private static Dictionary<string, TValue> WithClitics<TValue>(Dictionary<string, TValue> words)
    {
        var result = new Dictionary<string, TValue>(words);
        foreach (var (w, v) in words)
            foreach (var c in new[] { "و", "ف", "ب", "ل" })
                result.TryAdd(c == "ل" && w.StartsWith("ال") ? "ل" + w[1..] : c + w, v);
        return result;
    }


    /// <summary>
    /// The dates a short text names, read by the same rules as an article (a date field, a date line): relative
    /// dates resolve against <paramref name="published"/>, and without it only those that need no anchor are read.
    /// </summary>
    public static IReadOnlyList<ResolvedDate> Read(string text, DateRange? published = null)
    {
        var ctx = new ExtractionContext(text, published, Lexicon.Default);
        new DateExtractor().Extract(ctx);
        return ctx.Dates;
    }

    public void Extract(ExtractionContext ctx)
    {
        // Without a publication date, a month named before the text's first explicit year takes that year: the story's time.
        var first = ctx.Published is null ? Scan(ctx, null, null) : null;
        Scan(ctx, first, ctx.Dates);
    }

    /// <summary>
    /// Finds the dates from left to right. <paramref name="anchor"/> is the last date whose year the text wrote: a
    /// month without a year, آنذاك and العام التالي are read from it. Without <paramref name="into"/> nothing is kept
    /// and the first such date is returned.
    /// </summary>
    private static DateRange? Scan(ExtractionContext ctx, DateRange? anchor, List<ResolvedDate>? into)
    {
        var tokens = ctx.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var opens = OpensAt(tokens[i].Norm);
            if (opens == Opens.None) continue;
            bool Can(Opens what) => (opens & what) != 0;
            var found = (Can(Opens.Weekday) ? WeekdayLed(ctx, i, anchor) : null)
                ?? (Can(Opens.Part) ? Part(ctx, i, anchor) : null)
                ?? (opens == Opens.Digit ? Numeric(ctx, i) : null)
                ?? (Can(Opens.Ordinal) ? OrdinalDay(ctx, i, anchor, null, guard: true) : null)
                ?? (Can(Opens.Month) ? Explicit(ctx, i, anchor, null) : null)
                ?? (Can(Opens.Hijri) ? Hijri(ctx, i) : null)
                ?? (Can(Opens.Feast) ? Feast(ctx, i) : null)
                ?? (Can(Opens.Quarter) ? Quarter(ctx, i) : null)
                ?? (Can(Opens.Season) ? Season(ctx, i) : null)
                ?? (Can(Opens.Ago) ? Ago(ctx, i) : null)
                ?? (Can(Opens.Period) ? LastOrNext(ctx, i) : null)
                ?? (Can(Opens.Relative) ? RelativePhrase(ctx, i, anchor) : null)
                ?? (Can(Opens.Weekday) ? Weekday(ctx, i) : null)
                ?? (Can(Opens.Year) ? Year(ctx, i) : null);
            if (found is not { } f) continue;
            f = Through(ctx, f, anchor);
            if (into is null)
            {
                if (f.Anchors) return f.Range;
                i = f.Last;
                continue;
            }
            var span = new TextSpan(tokens[i].Start, tokens[f.Last].End);
            var estimated = f.Range.Estimated || (f.Relative && ctx.Published?.Estimated == true);
            into.Add(new ResolvedDate(f.Range with { Estimated = estimated }, span.Of(ctx.Text), span, f.Confidence));
            if (f.Anchors) anchor = f.Range;
            i = f.Last;
        }
        return null;
    }

    /// <param name="Anchors">The year was written in the text (or taken from a date that was): later dates may lean on it.</param>
    private readonly record struct Found(DateRange Range, int Last, double Confidence, bool Relative = false, bool Anchors = false);

    /// <summary>من 13 تموز إلى 15 تموز، من يوليو إلى سبتمبر: two days or two months joined by إلى or حتى are one range.</summary>
    private static Found Through(ExtractionContext ctx, Found f, DateRange? anchor)
    {
        var tokens = ctx.Tokens;
        var k = f.Last + 1;
        var g = f.Range.Granularity;
        if (g is not (DateGranularity.Day or DateGranularity.Month) || k + 1 >= tokens.Count || tokens[k].Norm is not ("الي" or "حتي" or "وحتي") || ctx.HasBreak(f.Last, k)) return f;
        // The second end takes the first one's year when it has none.
        if ((Explicit(ctx, k + 1, f.Range, null) ?? OrdinalDay(ctx, k + 1, f.Range, null, guard: false)) is not { } to || to.Range.Granularity != g || to.Range.Start <= f.Range.Start) return f;
        return f with { Range = new DateRange(f.Range.Start, to.Range.End, DateGranularity.Range), Last = to.Last };
    }

    // إلى الربع الأول، حتى يونيو: a bare period after إلى or حتى is where something is moved or runs to, ahead.
    private static bool Target(ExtractionContext ctx, int i) => i > 0 && ctx.Tokens[i - 1].Norm is "الي" or "حتي" or "وحتي";

    /// <summary>
    /// [day [– day]] [من] [شهر] month [/ or (other series)] [year]: 15 يوليو 2024، تموز 2024، كانون الثاني (يناير) 2024،
    /// 9 من يونيو، من 13 إلى 15 يوليو، 15 شهر 3. A weekday before it (<paramref name="dow"/>) helps choose the year.
    /// </summary>
    private static Found? Explicit(ExtractionContext ctx, int i, DateRange? anchor, int? dow, bool afterPart = false)
    {
        var tokens = ctx.Tokens;
        int? day = null, dayTo = null;
        var m = i;
        if (Number(tokens[i]) is { } d and >= 1 and <= 31 && i + 1 < tokens.Count && !ctx.HasBreak(i, i + 1))
        {
            day = d;
            m = i + 1;
            // 13-15 يوليو، 13 إلى 15 يوليو
            if (ctx.Gap(i, i + 1).IndexOfAny("-–—\u2011") >= 0 && Number(tokens[i + 1]) is { } d2 and >= 1 and <= 31 && d2 > d) { dayTo = d2; m = i + 2; }
            else if (tokens[i + 1].Norm is "الي" or "حتي" or "وحتي" && i + 2 < tokens.Count && Number(tokens[i + 2]) is { } d3 and >= 1 and <= 31 && d3 > d) { dayTo = d3; m = i + 3; }
            if (m < tokens.Count && tokens[m].Norm == "من") m++;
        }
        if (m >= tokens.Count || MonthAt(ctx, m, numeric: day is not null || afterPart) is not { } month) return null;
        var last = month.Last;
        // يوليو 13-15: the days after the month, only as a range.
        if (day is null && last + 2 < tokens.Count && Number(tokens[last + 1]) is { } a and >= 1 and <= 31 && !ctx.HasBreak(last, last + 1))
        {
            var b = ctx.Gap(last + 1, last + 2).IndexOfAny("-–—\u2011") >= 0 ? Number(tokens[last + 2])
                : tokens[last + 2].Norm is "الي" or "حتي" && last + 3 < tokens.Count ? Number(tokens[last + 3]) : null;
            if (b is { } bb and <= 31 && bb > a) { day = a; dayTo = bb; last = ctx.Gap(last + 1, last + 2).IndexOfAny("-–—\u2011") >= 0 ? last + 2 : last + 3; }
        }
        // ديسمبر 9, 2025: English order in datelines, the comma belonging to the date.
        if (day is null && last + 2 < tokens.Count && Number(tokens[last + 1]) is { } md and >= 1 and <= 31 && !ctx.HasBreak(last, last + 1)
            && ctx.Gap(last + 1, last + 2).Trim() is [',' or '،'] && YearOf(tokens[last + 2]) is { } my)
            return Safe(() => DateRange.Day(new DateOnly(my, month.Value, md)), last + 2, 0.9, anchors: true);
        var year = YearAt(ctx, last, out var yearLast, out var relativeYear);
        if (year is not null) last = yearLast;
        var ambiguous = Ambiguous.Contains(month.Phrase);
        var afterShahr = month.Shahr || m > 0 && tokens[m - 1].Norm is "شهر" or "بشهر" or "لشهر";
        var qualified = last + 1 < tokens.Count && (Past.Contains(tokens[last + 1].Norm) || Future.Contains(tokens[last + 1].Norm));
        if (ambiguous && day is null && year is null && !afterShahr && !qualified && !afterPart) return null;
        if (day is null && year is null && m > i) return null;

        DateRange Range(int y) => day is { } dd
            ? dayTo is { } to ? new DateRange(new DateOnly(y, month.Value, dd), new DateOnly(y, month.Value, to), DateGranularity.Range) : DateRange.Day(new DateOnly(y, month.Value, dd))
            : DateRange.Month(y, month.Value);

        if (year is { } yy) return Safe(() => Range(yy), last, day is null ? 0.9 : 0.95, relativeYear, anchors: !relativeYear);
        // No year: a qualifier after it, a weekday, the last explicit date, then the tense of the sentence.
        if (ctx.Published is null && anchor is null) return null;
        var after = last + 1 < tokens.Count ? tokens[last + 1].Norm : "";
        var direction = Past.Contains(after) ? -1 : Future.Contains(after) ? 1 : 0;
        if (direction != 0) last++;
        var resolved = ResolveYear(ctx, i, month.Value, day, dow, direction, anchor);
        if (resolved is not { } r) return null;
        return Safe(() => Range(r.Year), last, 0.7, relative: !r.FromText, anchors: r.FromText);
    }

    private readonly record struct MonthHit(int Value, int Last, string Phrase, bool Shahr);

    /// <summary>A month name (شهر before it allowed), or with <paramref name="numeric"/> a month number: شهر 3، شهر عشره، الشهر التاسع.</summary>
    private static MonthHit? MonthAt(ExtractionContext ctx, int m, bool numeric)
    {
        var tokens = ctx.Tokens;
        var shahr = tokens[m].Norm is "شهر" or "بشهر" or "لشهر" or "الشهر" or "بالشهر";
        if (shahr && m + 1 < tokens.Count)
        {
            if (tokens[m].Norm is "شهر" or "بشهر" or "لشهر" && Months.MatchAt(tokens, m + 1) is { } named) return new MonthHit(named.Value, named.Last, named.Phrase, true);
            if (numeric && tokens[m].Norm is "شهر" or "بشهر" or "لشهر" && Number(tokens[m + 1]) is { } n and >= 1 and <= 12) return new MonthHit(n, m + 1, "", true);
            if (numeric && tokens[m].Norm is "شهر" or "بشهر" or "لشهر" && NumberWords.Cardinal(ctx, m + 1) is { Value: >= 1 and <= 12 } w) return new MonthHit((int)w.Value, w.Last, "", true);
            if (numeric && tokens[m].Norm is "الشهر" or "بالشهر" && NumberWords.Ordinal(ctx, m + 1) is { Value: >= 1 and <= 12 } o) return new MonthHit(o.Value, o.Last, "", true);
            return null;
        }
        if (Months.MatchAt(tokens, m) is not { } month) return null;
        var last = month.Last;
        // أبريل/نيسان and كانون الثاني (يناير): a second name for the same month.
        if (last + 1 < tokens.Count && Months.MatchAt(tokens, last + 1) is { } twin && twin.Value == month.Value && ctx.Gap(last, last + 1).IndexOfAny("/(") >= 0)
            last = twin.Last;
        return new MonthHit(month.Value, last, month.Phrase, false);
    }

    /// <summary>The year after a month: 2024، عام 2024، من عام 2024، لعام 2014، سنة 2015، العام المقبل.</summary>
    private static int? YearAt(ExtractionContext ctx, int last, out int newLast, out bool relative)
    {
        var tokens = ctx.Tokens;
        newLast = last;
        relative = false;
        var k = last + 1;
        if (k >= tokens.Count || ctx.HasBreak(last, k)) return null;
        if (tokens[k].Norm is "من" or "في" && k + 1 < tokens.Count) k++;
        if (YearWordsWithClitics.Contains(tokens[k].Norm) && k + 1 < tokens.Count && YearOf(tokens[k + 1]) is { } y1) { newLast = k + 1; SkipEra(tokens, ref newLast); return y1; }
        if (YearOf(tokens[k]) is { } y2) { newLast = k; SkipEra(tokens, ref newLast); return y2; }
        if (Relative.MatchAt(tokens, k) is { Value: { Unit: "year", Anchored: false } rel } hit && ctx.Published is { } p)
        {
            newLast = hit.Last;
            relative = true;
            return p.Start.Year + rel.Offset;
        }
        return null;
    }

    private readonly record struct YearChoice(int Year, bool FromText);

    /// <summary>
    /// The year of a month named without one. الماضي / المقبل: the last or next such month. A weekday with the day:
    /// the year where they agree. Else the last explicit date's year. Else the sentence's tense: past, the last one;
    /// future, the next one (a later day of this month stays in it); neither, the publication year.
    /// </summary>
    private static YearChoice? ResolveYear(ExtractionContext ctx, int i, int month, int? day, int? dow, int direction, DateRange? anchor)
    {
        if (ctx.Published is not { } p) return anchor is { } a0 && direction == 0 ? new YearChoice(a0.Start.Year, true) : null;
        var py = p.Start.Year;
        var pMonth = new DateOnly(py, p.Start.Month, 1);
        var candidate = new DateOnly(py, month, 1);
        if (direction == -1) return new YearChoice(candidate >= pMonth ? py - 1 : py, false);
        if (direction == 1) return new YearChoice(candidate <= pMonth ? py + 1 : py, false);
        if (dow is { } w && day is { } d0)
        {
            foreach (var y in new[] { py, py + 1, py - 1 })
                if (d0 <= DateTime.DaysInMonth(y, month) && (int)new DateOnly(y, month, d0).DayOfWeek == w) return new YearChoice(y, false);
        }
        if (anchor is { } a) return new YearChoice(a.Start.Year, true);
        var day0 = day ?? 1;
        var pastDay = candidate < pMonth || candidate == pMonth && day0 <= p.Start.Day;
        return (Target(ctx, i) ? 1 : Tense(ctx, i)) switch
        {
            -1 => new YearChoice(pastDay ? py : py - 1, false),
            1 => new YearChoice(candidate < pMonth || candidate == pMonth && day0 < p.Start.Day && day is not null ? py + 1 : py, false),
            _ => new YearChoice(py, false),
        };
    }

    /// <summary>
    /// The tense of the sentence at token i: -1 past, 1 future, 0 none. The verb that governs a date comes before it
    /// (قال في بيان الأربعاء إنه سيغادر is past), so the nearest marker before counts, else the nearest after (في
    /// أبريل، قدمت ميتا).
    /// </summary>
    private static int Tense(ExtractionContext ctx, int i)
    {
        var sentence = ctx.SentenceAt(ctx.Tokens[i].Start);
        var (first, end) = ctx.TokenRange(sentence);
        for (var k = i - 1; k >= first; k--)
            if (TenseOf(ctx.Tokens[k].Norm) is var before and not 0) return before;
        for (var k = i + 1; k < end; k++)
            if (TenseOf(ctx.Tokens[k].Norm) is var after and not 0) return after;
        return 0;
    }

    private static int TenseOf(string w)
    {
        if (TenseMarkers.TryGetValue(w, out var t)) return t;
        // A leading و or ف, looked up as a span: this runs on every word of a sentence.
        if (w.Length > 3 && w[0] is 'و' or 'ف' && TenseMarkersBySpan.TryGetValue(w.AsSpan(1), out t)) return t;
        return IsFutureVerb(w.AsSpan()) ? 1 : 0;
    }

    // سيطلق، ستعقد، وسنعمل: سـ on an imperfect; plural nouns (ساعات) and a few look-alike nouns are not.
    private static bool IsFutureVerb(ReadOnlySpan<char> w)
    {
        if (w.Length > 4 && w[0] is 'و' or 'ف' && w[1] == 'س') w = w[1..];
        return w.Length > 3 && w[0] == 'س' && w[1] is 'ي' or 'ت' or 'ن' && !w.EndsWith("ات") && !NotFutureVerbsBySpan.Contains(w);
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
                return new Found(new DateRange(g.AddDays(-1), g.AddDays(1), DateGranularity.Day), last, 0.85, Anchors: true);
            }
            var start = DateOnly.FromDateTime(UmmAlQura.ToDateTime(year, month.Value, 1, 0, 0, 0, 0));
            var end = start.AddDays(UmmAlQura.GetDaysInMonth(year, month.Value) - 1);
            return new Found(new DateRange(start, end, DateGranularity.Month), last, 0.85, Anchors: true);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// عيد الفطر 2025، عيد الميلاد، عيد الفصح، رمضان 2019: the feast's day (or Hijri month) in the year written, else
    /// in the publication year, moved back or on by the sentence's tense like a month without a year.
    /// </summary>
    private static Found? Feast(ExtractionContext ctx, int i)
    {
        if (Holidays.MatchAt(ctx.Tokens, i) is not { } hit) return null;
        var h = hit.Value;
        var last = hit.Last;
        var written = YearAt(ctx, last, out var yearLast, out var relativeYear);
        // رمضان alone is also a name: without شهر it needs its year.
        if (h.Phrase == "رمضان" && written is null) return null;
        if (written is { } y0)
        {
            last = yearLast;
            return FeastIn(h, y0) is { } r0 ? new Found(r0, last, 0.85, relativeYear, Anchors: !relativeYear) : null;
        }
        if (ctx.Published is not { } p || FeastIn(h, p.Start.Year) is not { } r) return null;
        var tense = Tense(ctx, i);
        if (tense == -1 && r.Start > p.Start) r = FeastIn(h, p.Start.Year - 1) ?? r;
        else if (tense == 1 && r.End < p.Start) r = FeastIn(h, p.Start.Year + 1) ?? r;
        return new Found(r, last, 0.7, true);
    }

    private static DateRange? FeastIn(Holiday h, int year)
    {
        if (h.Easter) return DateRange.Day(Easter(year));
        if (h.Month > 0) return DateRange.Day(new DateOnly(year, h.Month, h.Day));
        try
        {
            // The Hijri year that begins in this Gregorian year, or the one before: whichever puts the feast in it.
            var hy = UmmAlQura.GetYear(new DateTime(year, 1, 1));
            foreach (var y in new[] { hy, hy + 1 })
            {
                var start = DateOnly.FromDateTime(UmmAlQura.ToDateTime(y, h.HijriMonth, Math.Max(1, h.HijriDay), 0, 0, 0, 0));
                if (start.Year != year) continue;
                return h.HijriDay > 0 ? DateRange.Day(start) : new DateRange(start, start.AddDays(UmmAlQura.GetDaysInMonth(y, h.HijriMonth) - 1), DateGranularity.Month);
            }
        }
        catch (ArgumentOutOfRangeException) { }
        return null;
    }

    // Western Easter Sunday (the anonymous Gregorian computus).
    private static DateOnly Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        return new DateOnly(y, month, (h + l - 7 * m + 114) % 31 + 1);
    }

    /// <summary>الربع الأول من عام 2026، النصف الثاني من العام الماضي، الربع الأخير (of the year its tense points to).</summary>
    private static Found? Quarter(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var word = tokens[i].Norm;
        var isQuarter = word is "الربع" or "للربع" or "بالربع" or "والربع";
        var isHalf = word is "النصف" or "للنصف" or "بالنصف" or "والنصف";
        if (!isQuarter && !isHalf || i + 1 >= tokens.Count) return null;
        if (!R.Ordinals.TryGetValue(tokens[i + 1].Norm, out var n) || isHalf && n > 2) return null;
        var last = i + 1;
        int year;
        var relative = false;
        if (YearAt(ctx, last, out var yearLast, out relative) is { } y) { year = y; last = yearLast; }
        else if (ctx.Published is { } p)
        {
            // Bare: this year's, unless the sentence reports results of one not begun yet (the last one) or plans one already over.
            relative = true;
            year = p.Start.Year;
            var (qs, qe) = isQuarter ? ((n - 1) * 3 + 1, n * 3) : (n == 1 ? 1 : 7, n == 1 ? 6 : 12);
            var tense = Target(ctx, i) ? 1 : Tense(ctx, i);
            if (tense == -1 && new DateOnly(year, qs, 1) > p.Start) year--;
            else if (tense == 1 && new DateOnly(year, qe, 1).AddMonths(1) <= p.Start) year++;
        }
        else return null;
        var range = isQuarter
            ? DateRange.Quarter(year, n)
            : new DateRange(new DateOnly(year, n == 1 ? 1 : 7, 1), n == 1 ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31), DateGranularity.Half);
        return new Found(range, last, relative ? 0.7 : 0.9, relative, Anchors: !relative);
    }

    /// <summary>الصيف الماضي، الشتاء المقبل، صيف 2024، ربيع العام المقبل: meteorological seasons; a bare season is not a date.</summary>
    private static Found? Season(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        if (!SeasonWords.TryGetValue(tokens[i].Norm, out var season) || i + 1 >= tokens.Count) return null;
        var (startMonth, bare) = season;
        var next = tokens[i + 1].Norm;
        if (bare)
        {
            // صيف 2024، صيف عام 2024، ربيع العام المقبل
            if (YearAt(ctx, i, out var lastY, out var relative) is not { } y) return null;
            return new Found(SeasonRange(y, startMonth), lastY, relative ? 0.6 : 0.85, relative, Anchors: !relative);
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

    /// <summary>
    /// اليوم، أمس، الأسبوع الماضي، الشهر المقبل، العام الماضي against the publication date; العام التالي and اليوم
    /// السابق against the last explicit date; آنذاك and في ذلك الوقت are that date itself.
    /// </summary>
    private static Found? RelativePhrase(ExtractionContext ctx, int i, DateRange? anchor)
    {
        var tokens = ctx.Tokens;
        if (Relative.MatchAt(tokens, i) is not { } hit) return null;
        var rule = hit.Value;
        var last = hit.Last;
        if (rule.Unit == "same" || rule.Unit == "same-or-today" && anchor is not null)
            return anchor is { } a ? new Found(a, last, 0.7, Anchors: true) : null;
        if (ctx.Published is not { } p) return null;
        var relativeTo = p;
        if (rule.Anchored && anchor is { } an && Fine(an, rule.Unit)) relativeTo = an;
        else if (rule.Unit is "day" or "week" or "same-or-today" && p.Granularity != DateGranularity.Day) return null; // a day needs a day-precise publication date
        // "اليوم" is often "today's world" (عالم اليوم، حتى اليوم): a date after في, with its weekday, or standing alone
        // between punctuation, or right after the one who acted (أعلنت ميتا اليوم).
        if (rule.Phrase == "اليوم")
        {
            var dated = i > 0 && tokens[i - 1].Norm is "في" or "صباح" or "مساء"
                || i > 1 && tokens[i - 1].Norm == "من" && FromWords.Contains(tokens[i - 2].Norm)
                || last + 1 < tokens.Count && !ctx.HasBreak(last, last + 1) && Days.ContainsKey(tokens[last + 1].Norm)
                || (i == 0 || ctx.HasBreak(i - 1, i)) && (last + 1 == tokens.Count || ctx.HasBreak(last, last + 1))
                || i > 0 && AfterMention(ctx, i);
            if (!dated) return null;
        }
        var d = relativeTo.Start;
        DateRange range = rule.Unit switch
        {
            "day" or "same-or-today" => DateRange.Day(d.AddDays(rule.Offset)),
            "week" => Week(d.AddDays(7 * rule.Offset)),
            "month" => DateRange.Month(d.AddMonths(rule.Offset).Year, d.AddMonths(rule.Offset).Month),
            _ => DateRange.Year(d.Year + rule.Offset),
        };
        // أمس الأربعاء، اليوم الثلاثاء: the weekday names the same day.
        if (rule.Unit == "day" && last + 1 < tokens.Count && !ctx.HasBreak(last, last + 1) && Days.ContainsKey(tokens[last + 1].Norm)) last++;
        // "خلال العام المقبل" may mean "within twelve months": lower confidence.
        var confidence = i > 0 && tokens[i - 1].Norm == "خلال" ? 0.5 : 0.75;
        var fromAnchor = !ReferenceEquals(relativeTo, p);
        return new Found(range, last, confidence, !fromAnchor, fromAnchor);
    }

    // An anchor can carry a relative step only when it is at least as fine as the step: اليوم التالي needs a day.
    private static bool Fine(DateRange anchor, string unit) => unit switch
    {
        "day" or "week" => anchor.Granularity == DateGranularity.Day,
        "month" => anchor.Granularity is DateGranularity.Day or DateGranularity.Month,
        _ => true,
    };

    private static bool AfterMention(ExtractionContext ctx, int i)
    {
        var before = ctx.Tokens[i - 1].End;
        foreach (var m in ctx.Mentions) if (m.Span.End == before) return true;
        return false;
    }

    private static DateRange Week(DateOnly d)
    {
        var monday = d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        return new DateRange(monday, monday.AddDays(6), DateGranularity.Week);
    }

    /// <summary>
    /// A weekday that opens a longer date: الاثنين 18 شباط، الأربعاء، 13 شباط 2013، الخميس الموافق 14 أغسطس (the
    /// weekday picks the year), السبت السادس عشر (a day of the publication month), الاثنين من الأسبوع المقبل and
    /// أربعاء الأسبوع الماضي (a day of that week).
    /// </summary>
    private static Found? WeekdayLed(ExtractionContext ctx, int i, DateRange? anchor)
    {
        var tokens = ctx.Tokens;
        var k = i;
        if (DayParts.Contains(tokens[k].Norm) && k + 1 < tokens.Count && !ctx.HasBreak(k, k + 1)) k++;
        var definite = Days.TryGetValue(tokens[k].Norm, out var dow);
        if (!definite && !(k == i && BareDays.TryGetValue(tokens[k].Norm, out dow))) return null;
        if (k + 1 >= tokens.Count) return null;
        var j = k + 1;
        if (j + 1 < tokens.Count && tokens[j].Norm is "من" or "في" && Relative.MatchAt(tokens, j + 1) is { Value.Unit: "week" }) j++;
        if (Relative.MatchAt(tokens, j) is { Value: { Unit: "week", Anchored: false } week } wh && !ctx.HasBreak(j - 1, j) && ctx.Published is { Granularity: DateGranularity.Day } p)
        {
            var monday = Week(p.Start.AddDays(7 * week.Offset)).Start;
            return new Found(DateRange.Day(monday.AddDays((dow + 6) % 7)), wh.Last, 0.7, true);
        }
        if (!definite) return null;
        j = k + 1;
        if (tokens[j].Norm is "الموافق" or "في" && j + 1 < tokens.Count && !ctx.HasBreak(k, j)) j++;
        // A comma may stand between the weekday and its date, but nothing stronger.
        if (ctx.Gap(j - 1, j).IndexOfAny(".;:!?؟\n") >= 0) return null;
        if ((Numeric(ctx, j) ?? OrdinalDay(ctx, j, anchor, dow, guard: false) ?? Explicit(ctx, j, anchor, dow)) is { Range.Granularity: DateGranularity.Day or DateGranularity.Range } dated)
            return dated;
        // السبت السادس عشر: the day of the publication month (or the next or last one) that falls on that weekday.
        if (!ctx.HasBreak(k, k + 1) && NumberWords.Ordinal(ctx, k + 1) is { Value: >= 1 and <= 31 } o && ctx.Published is { } pd)
        {
            foreach (var shift in new[] { 0, 1, -1 })
            {
                var month = new DateOnly(pd.Start.Year, pd.Start.Month, 1).AddMonths(shift);
                if (o.Value <= DateTime.DaysInMonth(month.Year, month.Month) && (int)month.AddDays(o.Value - 1).DayOfWeek == dow)
                    return new Found(DateRange.Day(month.AddDays(o.Value - 1)), o.Last, 0.6, true);
            }
        }
        return null;
    }

    /// <summary>
    /// يوم الأربعاء، مساء الأحد، الخميس between commas or right after the one who acted, الثلاثاء الماضي / المقبل:
    /// the last (or next) such weekday. الماضي always looks back, whatever verb came before.
    /// </summary>
    private static Found? Weekday(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var k = DayParts.Contains(tokens[i].Norm) && i + 1 < tokens.Count && !ctx.HasBreak(i, i + 1) ? i + 1 : i;
        if (!Days.TryGetValue(tokens[k].Norm, out var dow) || ctx.Published is not { Granularity: DateGranularity.Day } p) return null;
        var next = k + 1 < tokens.Count && !ctx.HasBreak(k, k + 1) ? tokens[k + 1].Norm : "";
        var past = Past.Contains(next);
        var future = Future.Contains(next);
        var qualified = past || future;
        // الاثنين، الأحد and الجمعة are also "both", "the One" and "the congregation": bare, they need to stand
        // alone, or to follow the one who acted or a tensed verb.
        var alone = k > 0 && (AfterMention(ctx, k) || TenseOf(tokens[k - 1].Norm) != 0) || (k == 0 || ctx.HasBreak(k - 1, k)) && (k + 1 == tokens.Count || ctx.HasBreak(k, k + 1));
        if (k == i && !qualified && !alone && AmbiguousDays.Contains(tokens[k].Norm)) return null;
        var d = p.Start;
        var back = ((int)d.DayOfWeek - dow + 7) % 7;
        var ahead = (dow - (int)d.DayOfWeek + 7) % 7;
        DateOnly date;
        if (past) date = d.AddDays(back == 0 ? -7 : -back);
        else if (future || Tense(ctx, k) == 1) date = d.AddDays(ahead == 0 ? 7 : ahead);
        else date = d.AddDays(-back);
        return new Found(DateRange.Day(date), qualified ? k + 1 : k, 0.6, true);
    }

    /// <summary>منتصف 2025، أواخر الشهر، مطلع العام المقبل، أوائل مارس 2024: dated at the month or year they are part of.</summary>
    private static Found? Part(ExtractionContext ctx, int i, DateRange? anchor)
    {
        var tokens = ctx.Tokens;
        if (!PartWords.Contains(tokens[i].Norm) || i + 1 >= tokens.Count || ctx.HasBreak(i, i + 1)) return null;
        var k = i + 1;
        var half = tokens[i].Norm is "نص" or "نصف";
        if (Explicit(ctx, k, anchor, null, afterPart: true) is { Range.Granularity: DateGranularity.Month } month) return month;
        if (half) return null; // نصف 2025 is not a date; نصف مارس is.
        if (Relative.MatchAt(tokens, k) is { Value: { Unit: "month" or "year", Anchored: false } } rel) return RelativePhrase(ctx, k, anchor);
        if (YearAt(ctx, i, out var last, out _) is { } y) return new Found(DateRange.Year(y), last, 0.8, Anchors: true);
        if (ctx.Published is not { } p) return null;
        return tokens[k].Norm switch
        {
            "الشهر" => new Found(DateRange.Month(p.Start.Year, p.Start.Month), k, 0.6, true),
            "العام" or "السنه" => new Found(DateRange.Year(p.Start.Year), k, 0.6, true),
            _ => null,
        };
    }

    /// <summary>12/3/2024، 12-3-2024، 12.3.2024 (day first), 2024-03-12 (year first), 3/2024 (a month).</summary>
    private static Found? Numeric(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var norm = tokens[i].Norm;
        if (!char.IsAsciiDigit(norm[0])) return null;
        Span<int> parts = stackalloc int[3];
        int count = 0, last = i;
        if (norm.Contains('.'))
        {
            foreach (var piece in norm.Split('.'))
            {
                if (count == 3 || !int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return null;
                parts[count++] = v;
            }
            if (count != 3) return null;
        }
        else
        {
            while (count < 3 && last < tokens.Count && int.TryParse(tokens[last].Norm, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && tokens[last].Norm.Length <= 4)
            {
                parts[count++] = v;
                if (count == 3 || last + 1 >= tokens.Count || ctx.Gap(last, last + 1) is not ("/" or "-")) break;
                last++;
            }
            if (count == 2 && tokens[i].Norm.Length <= 2 && YearOf(tokens[last]) is { } my && parts[0] is >= 1 and <= 12)
                return new Found(DateRange.Month(my, parts[0]), last, 0.8, Anchors: true);
            if (count != 3) return null;
        }
        var (day, month, year) = parts[0] > 31 ? (parts[2], parts[1], parts[0]) : (parts[0], parts[1], parts[2]);
        if (year is < 1900 or > 2100 || month is < 1 or > 12) return null;
        return Safe(() => DateRange.Day(new DateOnly(year, month, day)), last, 0.9, anchors: true);
    }

    /// <summary>
    /// الخامس من أبريل 2025، الأول من شباط، أول أيار، الثامن من الشهر الجاري، اليوم الثالث من مارس، آخر يوم من
    /// سبتمبر, ranges (من الثالث والعشرين حتى السادس والعشرين من أكتوبر), and the nth weekday of a month (أول ثلاثاء
    /// من نوفمبر، آخر خميس من الشهر المقبل; الخميس الثالث من مايو when the 3rd is not a Thursday). With
    /// <paramref name="guard"/> a definite ordinal right after a definite noun (الأسبوع الأول من) describes that noun.
    /// </summary>
    private static Found? OrdinalDay(ExtractionContext ctx, int i, DateRange? anchor, int? dow, bool guard)
    {
        var tokens = ctx.Tokens;
        var k = i;
        if (tokens[k].Norm is "اليوم" or "باليوم" or "يوم" && k + 1 < tokens.Count) k++;
        else if (guard && i > 0 && tokens[i].Norm.StartsWith("ال", StringComparison.Ordinal) && tokens[i - 1].Norm.StartsWith("ال", StringComparison.Ordinal)) return null;
        int day, dayLast;
        var lastDay = false;
        if (NumberWords.Ordinal(ctx, k) is { Value: >= 1 and <= 31 } o) (day, dayLast) = o;
        else if (LastWords.Contains(tokens[k].Norm) && k + 1 < tokens.Count) { lastDay = true; day = 31; dayLast = k; }
        else return null;
        var m = dayLast + 1;
        if (m < tokens.Count && tokens[m].Norm == "يوم") m++; // ثالث يوم من
        // ثالث ثلاثاء، آخر اثنين: the nth such weekday.
        int? weekday = m < tokens.Count && BareDays.TryGetValue(tokens[m].Norm, out var bd) ? bd : null;
        if (weekday is not null) m++;
        // الأخير alone is "the last" of anything: only with يوم, a weekday, or after one (الاثنين الأخير).
        if (lastDay && weekday is null && dow is null && tokens[m - 1].Norm != "يوم" && k == i) return null;
        int? dayTo = null;
        if (m + 1 < tokens.Count && tokens[m].Norm is "الي" or "حتي" or "وحتي" && NumberWords.Ordinal(ctx, m + 1) is { Value: >= 1 and <= 31 } to && to.Value > day)
        {
            dayTo = to.Value;
            m = to.Last + 1;
        }
        if (m >= tokens.Count || ctx.HasBreak(m - 1, m)) return null;
        var of = tokens[m].Norm is "من" or "في";
        if (of) m++;
        if (m >= tokens.Count) return null;
        DateRange? monthRange = null;
        var last = m;
        var relative = false;
        var anchors = false;
        if (MonthAt(ctx, m, numeric: true) is { } month)
        {
            last = month.Last;
            var year = YearAt(ctx, last, out var yearLast, out var relativeYear);
            if (year is { } y) { last = yearLast; relative = relativeYear; anchors = !relativeYear; }
            else
            {
                var resolved = ResolveYear(ctx, i, month.Value, lastDay || weekday is not null ? null : day, dow, 0, anchor);
                if (resolved is not { } r) return null;
                y = r.Year;
                relative = !r.FromText;
                anchors = r.FromText;
            }
            monthRange = DateRange.Month(y, month.Value);
        }
        else if (of && Relative.MatchAt(tokens, m) is { Value: { Unit: "month", Anchored: false } } rel && RelativePhrase(ctx, m, anchor) is { } rm)
        {
            (monthRange, last, relative) = (rm.Range, rel.Last, true);
        }
        else if (of && tokens[m].Norm == "الشهر" && ctx.Published is { } p)
        {
            monthRange = DateRange.Month(p.Start.Year, p.Start.Month);
            relative = true;
        }
        if (monthRange is not { } mr) return null;
        var first = mr.Start;
        var length = mr.End.Day;
        // The nth weekday: asked for (ثالث ثلاثاء), or a weekday whose day number does not fall on it.
        var nth = weekday ?? (dow is { } w && dayTo is null && (lastDay || day <= 5 && (int)first.AddDays(day - 1).DayOfWeek != w) ? w : null);
        if (nth is { } target)
        {
            var date = lastDay
                ? mr.End.AddDays(-(((int)mr.End.DayOfWeek - target + 7) % 7))
                : first.AddDays((target - (int)first.DayOfWeek + 7) % 7 + 7 * (day - 1));
            if (date > mr.End) return null;
            return new Found(DateRange.Day(date), last, 0.8, relative, anchors);
        }
        if (lastDay) day = length;
        if (day > length || dayTo > length) return null;
        var range = dayTo is { } dt
            ? new DateRange(first.AddDays(day - 1), first.AddDays(dt - 1), DateGranularity.Range)
            : DateRange.Day(first.AddDays(day - 1));
        return new Found(range, last, 0.85, relative, anchors);
    }

    /// <summary>قبل أسبوع، قبل ثلاثة أشهر، منذ عامين، بعد يومين: the point that far from publication, at the unit's precision.</summary>
    private static Found? Ago(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var w = tokens[i].Norm;
        if (w.Length > 3 && w[0] is 'و' or 'ف') w = w[1..];
        var sign = w switch { "قبل" or "منذ" => -1, "بعد" => 1, _ => 0 };
        if (sign == 0 || i + 1 >= tokens.Count || ctx.HasBreak(i, i + 1) || ctx.Published is not { } p) return null;
        var k = i + 1;
        if (ApproxWords.Contains(tokens[k].Norm) && k + 1 < tokens.Count) k++;
        var count = 0;
        if (Number(tokens[k]) is { } n) { count = n; k++; }
        else if (NumberWords.Cardinal(ctx, k) is { Value: >= 1 } c && c.Value == Math.Floor(c.Value)) { count = (int)c.Value; k = c.Last + 1; }
        if (k >= tokens.Count || ctx.HasBreak(k - 1, k) || !Durations.TryGetValue(tokens[k].Norm, out var unit)) return null;
        if (count == 0) count = unit.Count;
        if (count == 0) return null;
        // قبل عام 2023 is a year; قبل أسبوع من الموعد counts from another date, not from publication.
        if (k + 1 < tokens.Count && !ctx.HasBreak(k, k + 1) && (YearOf(tokens[k + 1]) is not null || tokens[k + 1].Norm is "من" || HijriMonths.MatchAt(tokens, k + 1) is not null || Months.MatchAt(tokens, k + 1) is not null)) return null;
        if (unit.Unit is "day" or "week" && p.Granularity != DateGranularity.Day) return null;
        var d = p.Start;
        var step = sign * count;
        DateRange point = unit.Unit switch
        {
            "day" => DateRange.Day(d.AddDays(step)),
            "week" => DateRange.Day(d.AddDays(7 * step)),
            "month" => DateRange.Month(d.AddMonths(step).Year, d.AddMonths(step).Month),
            _ => DateRange.Year(d.Year + step),
        };
        return new Found(point, k, 0.6, true);
    }

    /// <summary>الأشهر الثلاثة الماضية، الأسابيع الثلاثة المقبلة، العامين الماضيين: whole units before or after the current one.</summary>
    private static Found? LastOrNext(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        if (!Periods.TryGetValue(tokens[i].Norm, out var unit) || ctx.Published is not { } p) return null;
        var k = i + 1;
        var count = unit.Count;
        if (count == 0 && k < tokens.Count && !ctx.HasBreak(i, k))
        {
            if (Number(tokens[k]) is { } n) { count = n; k++; }
            else if (NumberWords.Cardinal(ctx, k) is { Value: >= 1 } c) { count = (int)c.Value; k = c.Last + 1; }
        }
        if (count == 0 || k >= tokens.Count || ctx.HasBreak(k - 1, k)) return null;
        var sign = Past.Contains(tokens[k].Norm) ? -1 : Future.Contains(tokens[k].Norm) ? 1 : 0;
        if (sign == 0 || unit.Unit is "day" or "week" && p.Granularity != DateGranularity.Day) return null;
        var d = p.Start;
        var current = unit.Unit switch
        {
            "day" => DateRange.Day(d),
            "week" => Week(d),
            "month" => DateRange.Month(d.Year, d.Month),
            _ => DateRange.Year(d.Year),
        };
        DateOnly Shift(DateOnly x, int by) => unit.Unit switch
        {
            "day" => x.AddDays(by),
            "week" => x.AddDays(7 * by),
            "month" => x.AddMonths(by),
            _ => x.AddYears(by),
        };
        var range = sign < 0
            ? new DateRange(Shift(current.Start, -count), current.Start.AddDays(-1), DateGranularity.Range)
            : new DateRange(current.End.AddDays(1), Shift(current.End.AddDays(1), count).AddDays(-1), DateGranularity.Range);
        return new Found(range, k, 0.6, true);
    }

    /// <summary>
    /// عام 2023، في 2023، منذ عام 2023 (dated at its start, as the annotators date it), 2023م، مؤتمر Connect 2024، اعتبارا من 2026,
    /// and spans of years (بين عامي 2023 و2029، من 2024 إلى 2026).
    /// </summary>
    private static Found? Year(ExtractionContext ctx, int i)
    {
        var tokens = ctx.Tokens;
        var k = i;
        var span = tokens[i].Norm is "بين" or "من";
        if (FromWords.Contains(tokens[i].Norm) && k + 1 < tokens.Count && tokens[k + 1].Norm == "من") k += 2;
        else if (span || YearPrepositions.Contains(tokens[i].Norm) || tokens[i].Norm == "ومنذ") k++;
        if (k < tokens.Count && (YearWordsWithClitics.Contains(tokens[k].Norm) || span && tokens[k].Norm is "عامي" or "سنتي" or "العامين")) k++;
        if (k >= tokens.Count || YearOf(tokens[k]) is not { } year) return null;
        // A bare number is a year only after a year word or a preposition, with its era mark, or after the name of
        // an event or document: Llama 2 and 2048 tokens are not years.
        var last = k;
        var hasEra = SkipEra(tokens, ref last);
        if (k == i && !hasEra && !AfterName(ctx, k)) return null;
        // بين عامي 2023 و2029، من 2024 إلى 2026: both ends must be years; من alone before a number is no year (أكثر من 2000).
        if (span || YearPrepositions.Contains(tokens[i].Norm))
        {
            var joined = last + 1 >= tokens.Count ? -1 : tokens[last + 1].Norm is "الي" or "حتي" ? last + 2 : ctx.Gap(last, last + 1).Trim().SequenceEqual("و") ? last + 1 : -1;
            if (joined is > 0 && joined < tokens.Count && YearOf(tokens[joined]) is { } to && to > year)
                return new Found(new DateRange(new DateOnly(year, 1, 1), new DateOnly(to, 12, 31), DateGranularity.Range), joined, 0.85, Anchors: true);
        }
        if (span) return null;
        return new Found(DateRange.Year(year), last, 0.85, Anchors: true);
    }

    // مؤتمر Connect 2024، قمة NeurIPS 2023، تقرير 2025: a name word at most three words back, nothing in between breaking.
    private static bool AfterName(ExtractionContext ctx, int k)
    {
        for (var b = k - 1; b >= 0 && b >= k - 3 && !ctx.HasBreak(b, b + 1); b--)
            if (NameYearWords.Contains(ctx.Tokens[b].Norm)) return true;
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

    private static Found? Safe(Func<DateRange> make, int last, double confidence, bool relative = false, bool anchors = false)
    {
        try { return new Found(make(), last, confidence, relative, anchors); }
        catch (ArgumentOutOfRangeException) { return null; } // 31 فبراير: not a date.
    }
}

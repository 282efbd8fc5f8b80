using System.Globalization;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// A date as a reader should see it, with its precision, in the interface's language: "يوليو 2024", "الربع الأول 2026",
/// "~2025"; "July 2024", "Q1 2026". Gregorian months with Latin digits in both, as the Arabic press writes them.
/// </summary>
public static class DateLabels
{
    private static readonly string[] MonthsAr = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
    private static readonly string[] MonthsEn = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] QuartersAr = ["الربع الأول", "الربع الثاني", "الربع الثالث", "الربع الرابع"];

    private static string[] Months(string? language) => Ui.Lang(language) == "en" ? MonthsEn : MonthsAr;

    /// <summary>A period of the timeline at its zoom: "يوليو 2024", "الربع الثالث 2024", "2024".</summary>
    public static string Period(DateOnly start, Timeline.Zoom zoom, string? language = null) => Label(start, start, zoom switch
    {
        Timeline.Zoom.Year => DateGranularity.Year,
        Timeline.Zoom.Quarter => DateGranularity.Quarter,
        _ => DateGranularity.Month,
    }, false, language);

    public static string Published(DateOnly? start, DateGranularity? granularity, bool estimated, string? language = null) =>
        start is { } s && granularity is { } g ? Label(s, s, g, estimated, language) : Ui.In(Ui.Lang(language), "unknown");

    /// <summary>The label in <paramref name="language"/> ("ar" or "en"), the reader's when not given.</summary>
    public static string Label(DateOnly start, DateOnly end, DateGranularity g, bool estimated, string? language = null)
    {
        var m = Months(language);
        var en = Ui.Lang(language) == "en";
        var text = g switch
        {
            DateGranularity.Day => $"{start.Day} {m[start.Month - 1]} {start.Year}",
            DateGranularity.Month => $"{m[start.Month - 1]} {start.Year}",
            DateGranularity.Quarter => en ? $"Q{(start.Month - 1) / 3 + 1} {start.Year}" : $"{QuartersAr[(start.Month - 1) / 3]} {start.Year}",
            DateGranularity.Half => en ? $"H{(start.Month <= 6 ? 1 : 2)} {start.Year}" : $"{(start.Month <= 6 ? "النصف الأول" : "النصف الثاني")} {start.Year}",
            DateGranularity.Season => $"{m[start.Month - 1]}–{m[end.Month - 1]} {end.Year}",
            DateGranularity.Year => start.Year.ToString(CultureInfo.InvariantCulture),
            DateGranularity.Week => en ? $"week of {start.Day} {m[start.Month - 1]} {start.Year}" : $"أسبوع {start.Day} {m[start.Month - 1]} {start.Year}",
            _ => Range(start, end, m),
        };
        return estimated ? "~" + text : text;
    }

    /// <summary>A span as a reader says it: "يونيو–يوليو 2024", "3–9 مارس 2025", "ديسمبر 2024 – فبراير 2025".</summary>
    private static string Range(DateOnly start, DateOnly end, string[] m)
    {
        var wholeMonths = start.Day == 1 && end.AddDays(1).Day == 1;
        if (start.Year != end.Year)
            return wholeMonths ? $"{m[start.Month - 1]} {start.Year} – {m[end.Month - 1]} {end.Year}"
                : $"{start.Day} {m[start.Month - 1]} {start.Year} – {end.Day} {m[end.Month - 1]} {end.Year}";
        if (wholeMonths)
            return start.Month == end.Month ? $"{m[start.Month - 1]} {start.Year}" : $"{m[start.Month - 1]}–{m[end.Month - 1]} {end.Year}";
        return start.Month == end.Month ? $"{start.Day}–{end.Day} {m[start.Month - 1]} {start.Year}"
            : $"{start.Day} {m[start.Month - 1]} – {end.Day} {m[end.Month - 1]} {end.Year}";
    }
}

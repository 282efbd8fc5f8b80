using System.Globalization;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>A date as a reader should see it, with its precision: "يوليو 2024", "الربع الأول 2026", "~2025".</summary>
public static class DateLabels
{
    private static readonly string[] MonthsAr = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
    private static readonly string[] QuartersAr = ["الربع الأول", "الربع الثاني", "الربع الثالث", "الربع الرابع"];

    public static string Published(DateOnly? start, DateGranularity? granularity, bool estimated) =>
        start is { } s && granularity is { } g ? Label(s, s, g, estimated) : "غير معروف";

    public static string Label(DateOnly start, DateOnly end, DateGranularity g, bool estimated)
    {
        var text = g switch
        {
            DateGranularity.Day => $"{start.Day} {MonthsAr[start.Month - 1]} {start.Year}",
            DateGranularity.Month => $"{MonthsAr[start.Month - 1]} {start.Year}",
            DateGranularity.Quarter => $"{QuartersAr[(start.Month - 1) / 3]} {start.Year}",
            DateGranularity.Half => $"{(start.Month <= 6 ? "النصف الأول" : "النصف الثاني")} {start.Year}",
            DateGranularity.Season => $"{MonthsAr[start.Month - 1]}–{MonthsAr[end.Month - 1]} {end.Year}",
            DateGranularity.Year => start.Year.ToString(CultureInfo.InvariantCulture),
            DateGranularity.Week => $"أسبوع {start.Day} {MonthsAr[start.Month - 1]} {start.Year}",
            _ => Range(start, end),
        };
        return estimated ? "~" + text : text;
    }

    /// <summary>A span as a reader says it: "يونيو–يوليو 2024", "3–9 مارس 2025", "ديسمبر 2024 – فبراير 2025".</summary>
    private static string Range(DateOnly start, DateOnly end)
    {
        var wholeMonths = start.Day == 1 && end.AddDays(1).Day == 1;
        if (start.Year != end.Year)
            return wholeMonths ? $"{MonthsAr[start.Month - 1]} {start.Year} – {MonthsAr[end.Month - 1]} {end.Year}"
                : $"{start.Day} {MonthsAr[start.Month - 1]} {start.Year} – {end.Day} {MonthsAr[end.Month - 1]} {end.Year}";
        if (wholeMonths)
            return start.Month == end.Month ? $"{MonthsAr[start.Month - 1]} {start.Year}" : $"{MonthsAr[start.Month - 1]}–{MonthsAr[end.Month - 1]} {end.Year}";
        return start.Month == end.Month ? $"{start.Day}–{end.Day} {MonthsAr[start.Month - 1]} {start.Year}"
            : $"{start.Day} {MonthsAr[start.Month - 1]} – {end.Day} {MonthsAr[end.Month - 1]} {end.Year}";
    }
}

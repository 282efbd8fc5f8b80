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
            _ => $"{start:yyyy-MM-dd} – {end:yyyy-MM-dd}",
        };
        return estimated ? "~" + text : text;
    }
}

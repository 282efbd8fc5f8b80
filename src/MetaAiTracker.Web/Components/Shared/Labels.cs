using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using MudBlazor;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>The interface's words for the store's enums, in one place for every page.</summary>
public static class Labels
{
    public static string Kind(ItemKind k) => k switch { ItemKind.Quote => "اقتباس", ItemKind.Event => "حدث", _ => "ادعاء" };
    public static string Kinds(ItemKind k) => k switch { ItemKind.Quote => "اقتباسات", ItemKind.Event => "أحداث", _ => "ادعاءات" };
    public static Color KindColor(ItemKind k) => k switch { ItemKind.Quote => Color.Info, ItemKind.Event => Color.Success, _ => Color.Warning };

    public static string Stance(Stance s) => s switch
    {
        Core.Model.Stance.Open => "منفتح", Core.Model.Stance.Closed => "مغلق", Core.Model.Stance.Mixed => "مختلط", _ => "بلا موقف",
    };

    public static Color StanceColor(Stance s) => s switch
    {
        Core.Model.Stance.Open => Color.Success, Core.Model.Stance.Closed => Color.Error, Core.Model.Stance.Mixed => Color.Warning, _ => Color.Default,
    };

    public static string Status(ReviewStatus s) => s switch
    {
        ReviewStatus.Machine => "آلي (لم يُراجع)", ReviewStatus.Confirmed => "مؤكَّد", ReviewStatus.Edited => "معدَّل",
        ReviewStatus.Added => "أضافه محرر", _ => "مرفوض",
    };

    public static string Zoom(Pages.Timeline.Zoom z) => z switch { Pages.Timeline.Zoom.Year => "سنة", Pages.Timeline.Zoom.Quarter => "ربع", _ => "شهر" };

    public static string Lane(Pages.Timeline.Lane l) => l switch
    {
        Pages.Timeline.Lane.Dated => "تاريخ من النص", Pages.Timeline.Lane.Estimated => "تاريخ تقديري", _ => "بلا تاريخ",
    };

    public static string Shorten(string s, int max = 220) => s.Length <= max ? s : s[..max] + "…";
}

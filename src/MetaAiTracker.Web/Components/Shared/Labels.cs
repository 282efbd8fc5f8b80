using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using MudBlazor;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>The interface's words for the store's enums, in one place for every page, in the reader's language.</summary>
public static class Labels
{
    public static string Kind(ItemKind k) => Ui.T("kind." + Key(k));
    public static string Kinds(ItemKind k, string? language = null) => Ui.In(Ui.Lang(language), "kinds." + Key(k));
    public static Color KindColor(ItemKind k) => k switch { ItemKind.Quote => Color.Info, ItemKind.Event => Color.Success, _ => Color.Warning };
    public static string Stance(Stance s, string? language = null) => Ui.In(Ui.Lang(language), "stance." + Key(s));
    public static Color StanceColor(Stance s) => s switch
    {
        Core.Model.Stance.Open => Color.Success, Core.Model.Stance.Closed => Color.Error, Core.Model.Stance.Mixed => Color.Warning, _ => Color.Default,
    };
    public static string Status(ReviewStatus s) => Ui.T("status." + Key(s));
    public static string Zoom(Zoom z) => Ui.T("zoom." + Key(z));
    public static string Lane(Lane l) => Ui.T("lane." + Key(l));
    public static string EntityKind(EntityKind k) => Ui.T("entityKind." + Key(k));

    /// <summary>A role in the reader's language («محلل، محرر، مدير»); the stored name for anything that is not one of the three.</summary>
    public static string Role(string role) => Accounts.TrackerRoles.Parse(role) is { } r ? Ui.T("role." + r.ToLowerInvariant()) : role;

    /// <summary>A theme's or entity's name in the reader's language.</summary>
    public static string Name(string arabic, string english) => Ui.IsEnglish && english.Length > 0 ? english : arabic;

    /// <summary>A list in the reader's language: "أ، ب" or "a, b".</summary>
    public static string List(IEnumerable<string> items, string? language = null) => string.Join(Ui.Lang(language) == "en" ? ", " : "، ", items);

    public static string Shorten(string s, int max = 220) => s.Length <= max ? s : s[..max] + "…";

    private static string Key<T>(T value) where T : struct, Enum => TimelineFilter.Key(value);
}

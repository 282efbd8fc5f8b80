using System.Globalization;
using System.Resources;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// The interface's words in the reader's language, from Resources/Ui.resx (Arabic, the default) and Ui.en.resx.
/// Static rather than an injected localizer so labels and date formatting outside components share it.
/// </summary>
public static class Ui
{
    private static readonly ResourceManager Resources = new("MetaAiTracker.Web.Resources.Ui", typeof(Ui).Assembly);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text for <paramref name="key"/>; the key itself when it is missing, so a gap shows instead of hiding.</summary>
    public static string T(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text for <paramref name="key"/> in a given language, whatever the current one.</summary>
    public static string In(string language, string key) => Resources.GetString(key, new CultureInfo(language)) ?? key;

    public static string T(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);
}

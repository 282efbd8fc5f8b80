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

    private static readonly CultureInfo Arabic = new("ar"), English = new("en");

    /// <summary>The reader's language, "ar" or "en": the request's UI culture, set once per request or circuit.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ar";

    public static bool IsEnglish => Current == "en";

    /// <summary>"ar" or "en": the language given, or the reader's when none is (a briefing passes its own).</summary>
    public static string Lang(string? language) => language ?? Current;

    /// <summary>The text for <paramref name="key"/>; the key itself when it is missing, so a gap shows instead of hiding.</summary>
    public static string T(string key) => In(Current, key);

    public static string T(string key, params object?[] args) => In(Current, key, args);

    /// <summary>The text for <paramref name="key"/> in a given language, whatever the current one.</summary>
    public static string In(string language, string key) => Resources.GetString(key, language == "en" ? English : Arabic) ?? key;

    public static string In(string language, string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, In(language, key), args);
}

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

    /// <summary>The text for <paramref name="key"/> in the reader's language, or null when no resx has the key.</summary>
    public static string? Find(string key) => Resources.GetString(key, IsEnglish ? English : Arabic);

    /// <summary>The text for <paramref name="key"/> in a given language, whatever the current one.</summary>
    public static string In(string language, string key) => Resources.GetString(key, language == "en" ? English : Arabic) ?? key;

    public static string In(string language, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, In(language, key), [.. args.Select(a => a switch
        {
            Phrase p => p.In(language),
            PhraseList l => string.Join(language == "en" ? "; " : "؛ ", l.Items.Select(p => p.In(language))),
            _ => a,
        })]);

    // CLDR's cardinal rules, read by ICU4N: Arabic has six categories (0, 1, 2, 3–10, 11–99, and 100–102 and the like),
    // English two. Immutable once built, so one instance per language serves every circuit.
    private static readonly ICU4N.Text.PluralRules ArabicPlurals = ICU4N.Text.PluralRules.GetInstance(Arabic),
        EnglishPlurals = ICU4N.Text.PluralRules.GetInstance(English);

    /// <summary>The CLDR plural category of <paramref name="n"/>: "zero", "one", "two", "few", "many" or "other".</summary>
    public static string PluralCategory(long n, string? language = null) => (Lang(language) == "en" ? EnglishPlurals : ArabicPlurals).Select(n);

    /// <summary>
    /// "عنصر واحد", "عنصران", "3 عناصر", "11 عنصرًا", "100 عنصر"; "1 item", "5 items": the form of <paramref name="key"/>
    /// for <paramref name="n"/>'s plural category (key.one, key.few…), or key.other when the language has no form of its own for it.
    /// </summary>
    public static string Count(string key, long n, string? language = null)
    {
        var lang = Lang(language);
        var form = Resources.GetString($"{key}.{PluralCategory(n, lang)}", lang == "en" ? English : Arabic) ?? In(lang, key + ".other");
        return string.Format(CultureInfo.InvariantCulture, form, n);
    }
}

/// <summary>
/// Words to say later in whichever language the reader has: what a service's refusal carries to a page, which shows
/// it in the reader's language, while its English form (<see cref="ToString"/>) goes to logs and the API.
/// </summary>
public sealed record Phrase(string Key, params object?[] Args)
{
    public string In(string language) => Ui.In(language, Key, Args);
    public override string ToString() => In("en");
}

/// <summary>Several phrases said as one list ("a; b" / "أ؛ ب"), e.g. every rule a password breaks.</summary>
public sealed record PhraseList(IReadOnlyList<Phrase> Items);

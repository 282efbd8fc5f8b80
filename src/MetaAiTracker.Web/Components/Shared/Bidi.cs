using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// The direction of text the page shows but did not write: article titles, outlets, names. A title that opens with a
/// Latin word («Meta تدرس…») is still Arabic, yet the browser's own guess (dir="auto": the first strong letter) makes it
/// left to right and moves its words and full stop about; so any Arabic letter makes text Arabic and right to left.
/// </summary>
public static class Bidi
{
    private static readonly KeyValuePair<string, object>[] Arabic = [new("dir", "rtl"), new("lang", "ar")];
    private static readonly KeyValuePair<string, object>[] Latin = [new("dir", "ltr")];

    public static bool IsArabic(string? text) => text is not null && ArabicNormalizer.ContainsArabic(text);

    /// <summary>Attributes for the element holding <paramref name="text"/> (splat with @attributes): dir="rtl" lang="ar", or dir="ltr".</summary>
    public static IEnumerable<KeyValuePair<string, object>> Of(string? text) => IsArabic(text) ? Arabic : Latin;

    /// <summary>"rtl" or "ltr", for a parameter that takes the direction alone.</summary>
    public static string Dir(string? text) => IsArabic(text) ? "rtl" : "ltr";

    /// <summary>The direction of a field for article text (a title, an outlet, a summary): right to left while empty, since the store is Arabic news.</summary>
    public static string Field(string? value) => string.IsNullOrWhiteSpace(value) ? "rtl" : Dir(value);

    /// <summary>
    /// A value that reads left to right (an ISO date, a timestamp, an id) inside a sentence of either direction, as a
    /// left-to-right isolate (U+2066 … U+2069): after an Arabic word, "2025-01" would otherwise show as "01-2025".
    /// In markup, prefer <c>&lt;bdi dir="ltr"&gt;</c>; this is for values formatted into a sentence.
    /// </summary>
    public static string Ltr(string value) => "\u2066" + value + "\u2069";
}

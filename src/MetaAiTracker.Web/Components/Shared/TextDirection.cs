using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// The direction of a text from the store, set explicitly: an Arabic title often opens with a Latin name («Meta تدرس…»),
/// which the browser's first-strong-letter rule (<c>dir="auto"</c>) would lay out left to right.
/// </summary>
public static class TextDirection
{
    /// <summary>"rtl" for a text with any Arabic letter in it, "ltr" otherwise.</summary>
    public static string Of(string? text) => text is not null && ArabicNormalizer.ContainsArabic(text) ? "rtl" : "ltr";
}

using System.Globalization;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Editing;

/// <summary>
/// What an editor or admin types, read one way everywhere: text cleaned as stored article text is (control
/// characters and bidi overrides out, which could reorder what a reader sees), dates in the front-matter forms, web
/// addresses http or https only. A value that cannot be read is refused with a message that names it.
/// </summary>
public static class EditorInput
{
    public const string DateForms = "YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM, YYYY-MM-DD, or as Arabic writes it (12 سبتمبر 2025, أيلول 2025)";

    /// <summary>The one limit of an article's title and outlet, on intake and on correction (they were 300 and 500).</summary>
    public const int MaxTitleLength = 300;

    public static string Earliest => DateRange.Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string Latest => DateRange.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One line of cleaned text, or null when nothing is left; longer than <paramref name="max"/> is refused.</summary>
    public static string? Text(string? value, string field, int max)
    {
        if (value is null) return null;
        var clean = TextCleaner.Clean(value).Replace('\n', ' ').Trim();
        if (clean.Length > max) throw new InputException(new Phrase("error.tooLong", field, clean.Length, max));
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>
    /// A date at its own precision; null when blank. The refusal is in the reader's language (an editor's page, or
    /// the API caller's language cookie), since an editor is the one who retypes it.
    /// </summary>
    public static DateRange? Date(string? value, bool estimated) =>
        string.IsNullOrWhiteSpace(value) ? null
        : ArticleMetadata.ParseDate(value, estimated) ?? throw new InputException(new Phrase("input.badDate", value.Trim(), DateForms, Earliest, Latest), Ui.Current);

    /// <summary>An absolute http or https address; null when blank.</summary>
    public static string? WebAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var url = value.Trim();
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsWeb(uri) ? url : throw new InputException(new Phrase("error.notWeb", url));
    }

    public static bool IsWeb(Uri uri) => uri.Scheme is "http" or "https";
}

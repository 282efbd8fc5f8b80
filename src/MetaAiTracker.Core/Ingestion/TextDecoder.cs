using System.Text;
using UtfUnknown;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>
/// Bytes to text for Arabic pages: BOM, then the declared charset (HTTP header, then &lt;meta&gt;), then strict UTF-8,
/// then a detected legacy Arabic code page (windows-1256, ISO-8859-6). A result that still holds U+FFFD or the
/// mojibake of a wrong code page is refused rather than stored (arabic-notes §8).
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static (string Text, string Encoding) Decode(string fileName, byte[] bytes, string? declaredCharset)
    {
        if (BomEncoding(bytes) is { } bom)
            return (Check(fileName, bom.Encoding.GetString(bytes, bom.Length, bytes.Length - bom.Length)), bom.Encoding.WebName);

        if (declaredCharset is not null && GetEncoding(declaredCharset) is { } declared && declared is not UTF8Encoding)
            return (Check(fileName, declared.GetString(bytes)), declared.WebName);

        try
        {
            return (Check(fileName, StrictUtf8.GetString(bytes)), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8 whatever the page says: legacy Arabic pages are windows-1256 or ISO-8859-6.
        }
        var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
        var legacy = detected?.Encoding is { } e && (e.CodePage is 1256 or 28596) ? e : GetEncoding("windows-1256")!;
        return (Check(fileName, legacy.GetString(bytes)), legacy.WebName);
    }

    private static (Encoding Encoding, int Length)? BomEncoding(byte[] b) => b switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => null,
    };

    public static Encoding? GetEncoding(string name)
    {
        try { return Encoding.GetEncoding(name.Trim().Trim('"', '\'')); }
        catch (ArgumentException) { return null; }
    }

    private static string Check(string fileName, string text)
    {
        if (text.Contains('\uFFFD'))
            throw new ArticleRejectedException(RejectReason.Undecodable, fileName, "cannot be decoded: it holds invalid characters (U+FFFD) in every encoding tried");
        if (LooksLikeMojibake(text))
            throw new ArticleRejectedException(RejectReason.Undecodable, fileName, "cannot be decoded: it looks like Arabic read with a Western code page (mojibake such as ÇáÐßÇÁ)");
        return text;
    }

    // Arabic read as windows-1252/latin-1 gives runs of Ç á Ú Ê Ã; real Latin text rarely has many of them.
    private static bool LooksLikeMojibake(string text)
    {
        int suspicious = 0, letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c is >= '\u00C0' and <= '\u00FF') suspicious++;
        }
        return letters > 20 && suspicious * 3 > letters;
    }
}

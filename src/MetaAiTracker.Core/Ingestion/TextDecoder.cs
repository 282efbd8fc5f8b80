using System.Buffers;
using System.Text;
using UtfUnknown;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>
/// Bytes to text for Arabic pages: BOM, then the declared charset (HTTP header, then &lt;meta&gt;), then UTF-8, then a
/// detected legacy Arabic code page (windows-1256, ISO-8859-6). Bytes that are not quite UTF-8 are read as UTF-8 when
/// they are UTF-8 but for a few bytes (a stray byte, a cut last letter), and as a code page only when that reading is
/// Arabic; what is neither, or still holds U+FFFD or mojibake, is refused rather than stored (arabic-notes §8).
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static (string Text, string Encoding) Decode(string fileName, byte[] bytes, string? declaredCharset)
    {
        var bom = BomEncoding(bytes);
        if (bom is { Encoding: not UTF8Encoding })
            return (Check(fileName, bom.Value.Encoding.GetString(bytes, bom.Value.Length, bytes.Length - bom.Value.Length)), bom.Value.Encoding.WebName);

        if (bom is null && declaredCharset is not null && GetEncoding(declaredCharset) is { } declared && declared is not UTF8Encoding)
            return (Check(fileName, declared.GetString(bytes)), declared.WebName);

        var start = bom?.Length ?? 0;
        try
        {
            return (Check(fileName, StrictUtf8.GetString(bytes, start, bytes.Length - start)), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // Not clean UTF-8, whatever the page says: UTF-8 with a few bad bytes, or a legacy Arabic code page.
        }
        var utf8 = LenientUtf8(bytes, start);
        // A real UTF-8 file with a stray byte still has its letters as valid multi-byte sequences; a code-page file
        // has almost none, and a bad byte at nearly every Arabic letter.
        if (utf8.Invalid <= Math.Max(3, utf8.Text.Length / 1000) && utf8.MultiByte >= 4 * utf8.Invalid)
            return (Check(fileName, utf8.Text, lostBytes: true), "utf-8");
        if (bom is null)
        {
            var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
            var legacy = detected?.Encoding is { } e && (e.CodePage is 1256 or 28596) ? e : GetEncoding("windows-1256")!;
            var text = legacy.GetString(bytes);
            if (!text.Contains('\uFFFD') && IsPlausibleArabic(text)) return (Check(fileName, text), legacy.WebName);
        }
        throw new ArticleRejectedException(RejectReason.Undecodable, fileName,
            $"cannot be decoded: it is not UTF-8 ({utf8.Invalid} invalid byte sequence(s), the first at byte offset {utf8.FirstInvalid})"
            + (bom is null ? ", and read as windows-1256 or ISO-8859-6 it is not Arabic" : " although it starts with a UTF-8 byte-order mark"));
    }

    /// <summary>UTF-8 with each invalid sequence as U+FFFD, counted, and the valid multi-byte characters counted.</summary>
    private static (string Text, int Invalid, long FirstInvalid, int MultiByte) LenientUtf8(byte[] bytes, int start)
    {
        var sb = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[2];
        int invalid = 0, multiByte = 0;
        long first = -1;
        for (var i = start; i < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done)
            {
                if (consumed > 1) multiByte++;
                sb.Append(chars[..rune.EncodeToUtf16(chars)]);
            }
            else
            {
                if (invalid++ == 0) first = i;
                sb.Append('\uFFFD');
            }
            i += consumed;
        }
        return (sb.ToString(), invalid, first, multiByte);
    }

    // Arabic from a code page: mostly Arabic letters, and not UTF-8 misread, whose lead bytes 0xD8 and 0xD9 (every
    // other byte of Arabic in UTF-8) are ط and ظ in windows-1256, letters that are about 2% of real Arabic.
    private static bool IsPlausibleArabic(string text)
    {
        int letters = 0, arabic = 0, leadBytes = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (c is >= '\u0600' and <= '\u06FF') arabic++;
            if (c is 'ط' or 'ظ') leadBytes++;
        }
        return arabic * 2 > letters && !(leadBytes >= 3 && leadBytes * 4 >= arabic);
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

    /// <param name="lostBytes">The text is UTF-8 with a few bytes lost: their U+FFFD stay where they were.</param>
    private static string Check(string fileName, string text, bool lostBytes = false)
    {
        if (!lostBytes && text.Contains('\uFFFD'))
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

using System.Text.RegularExpressions;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>
/// Reads a file into a <see cref="SourceArticle"/>, or refuses it with a reason that names the file:
/// empty, not text, too large, undecodable, nested too deep, parse time-out, unsupported.
/// </summary>
public static partial class ArticleReader
{
    private static readonly Dictionary<string, string> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "txt", [".text"] = "txt", [".md"] = "md", [".markdown"] = "md", [".html"] = "html", [".htm"] = "html",
    };

    public static bool IsSupported(string path) => Formats.ContainsKey(Path.GetExtension(path));

    public static SourceArticle ReadFile(string path, ArticleReaderOptions? options = null)
    {
        options ??= new ArticleReaderOptions();
        var name = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        if (length > options.MaxBytes) throw TooLarge(name, length, options);
        var article = Read(name, File.ReadAllBytes(path), options);
        var sidecar = ArticleMetadata.FromSidecar(path);
        return article with
        {
            Title = sidecar.Title ?? article.Title,
            Url = sidecar.Url ?? article.Url,
            Source = sidecar.Source ?? article.Source,
            Published = sidecar.Published ?? article.Published,
            PublishedFrom = sidecar.Published is null ? article.PublishedFrom : DateOrigin.Sidecar,
        };
    }

    /// <param name="contentType">The HTTP Content-Type header when the bytes came from the web; its charset wins.</param>
    public static SourceArticle Read(string fileName, byte[] bytes, ArticleReaderOptions? options = null, string? contentType = null)
    {
        options ??= new ArticleReaderOptions();
        if (!Formats.TryGetValue(Path.GetExtension(fileName), out var format))
        {
            format = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ? "html"
                : contentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) == true ? "txt"
                : throw new ArticleRejectedException(RejectReason.Unsupported, fileName, "unsupported file type (use .txt, .md, .html or .htm)");
        }
        if (bytes.Length == 0) throw new ArticleRejectedException(RejectReason.Empty, fileName, "the file is empty");
        if (bytes.Length > options.MaxBytes) throw TooLarge(fileName, bytes.Length, options);
        if (LooksBinary(bytes)) throw new ArticleRejectedException(RejectReason.NotText, fileName, "not a text file (binary content)");

        var headerCharset = contentType is null ? null : CharsetParameter().Match(contentType) is { Success: true } m ? m.Groups[1].Value : null;
        var declared = headerCharset ?? (format == "html" ? HtmlArticleParser.DeclaredCharset(bytes) : null);
        var (raw, encoding) = TextDecoder.Decode(fileName, bytes, declared);

        string text;
        ArticleMetadata metadata;
        if (format == "html")
        {
            var parsed = HtmlArticleParser.Parse(fileName, raw, options);
            (text, metadata) = (parsed.Text, parsed.Metadata);
        }
        else
        {
            (metadata, text) = ArticleMetadata.SplitFrontMatter(raw);
            if (format == "md") text = Markdown.ToText(text);
        }
        text = Boilerplate.Remove(TextCleaner.Clean(text));
        if (!text.Any(char.IsLetter)) throw new ArticleRejectedException(RejectReason.Empty, fileName, "no text in it (empty once cleaned)");
        var title = metadata.Title ?? AutomaticTitle(text);
        var (published, from) = metadata.Published is { } given ? (given, DateOrigin.Metadata)
            : ArticleMetadata.DateLine(text) is { } line ? (line.Range, line.From) : (null, DateOrigin.None);
        return new SourceArticle(fileName, text, title, metadata.Url, metadata.Source, published, format, encoding) { PublishedFrom = from };
    }

    public const int TitleLength = 120;

    /// <summary>
    /// A title for an article that brings none: its first sentence, cut at a word boundary to at most
    /// <see cref="TitleLength"/> characters (a whole first paragraph made a title no list could show).
    /// </summary>
    public static string AutomaticTitle(string text)
    {
        // A date line at the top is the article's date, not its title.
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var first = lines.FirstOrDefault(l => ArticleMetadata.LineDate(l) is null) ?? lines[0];
        if (SentenceSplitter.Sentences(first) is [var sentence, ..]) first = sentence.Of(first).Trim();
        if (first.Length <= TitleLength) return first;
        var cut = first.LastIndexOf(' ', TitleLength - 1);
        return first[..(cut > TitleLength / 2 ? cut : TitleLength - 1)].TrimEnd(' ', '،', ',', '؛', ':') + "…";
    }

    private static ArticleRejectedException TooLarge(string fileName, long length, ArticleReaderOptions options) =>
        new(RejectReason.TooLarge, fileName, $"too large ({length / 1024} KiB; the limit is {options.MaxBytes / 1024} KiB)");

    private static readonly byte[][] Magic =
    [
        [0x89, 0x50, 0x4E, 0x47], // PNG
        [0x25, 0x50, 0x44, 0x46], // %PDF
        [0x50, 0x4B, 0x03, 0x04], // ZIP, DOCX
        [0x47, 0x49, 0x46, 0x38], // GIF
        [0xFF, 0xD8, 0xFF],       // JPEG
        [0x7F, 0x45, 0x4C, 0x46], // ELF
    ];

    // NUL-heavy or control-heavy bytes, or the magic number of a common binary format. A few stray NULs in
    // otherwise good text are not binary: the cleaner removes them.
    private static bool LooksBinary(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        foreach (var magic in Magic)
            if (b.StartsWith(magic)) return true;
        if (b is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]) return false; // UTF-16 with a BOM is text
        var sample = b[..Math.Min(b.Length, 65536)];
        var control = 0;
        foreach (var x in sample)
            if (x < 0x20 && x is not (0x09 or 0x0A or 0x0D or 0x0C)) control++;
        return control * 20 > sample.Length;
    }

    [GeneratedRegex(@"charset\s*=\s*""?([A-Za-z0-9_:.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();
}

/// <summary>Markdown syntax that is not text: heading marks, emphasis, link targets.</summary>
internal static partial class Markdown
{
    public static string ToText(string md)
    {
        var text = Heading().Replace(md, "");
        text = Link().Replace(text, "$1");
        return Emphasis().Replace(text, "");
    }

    [GeneratedRegex(@"^#{1,6}\s+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*|__")]
    private static partial Regex Emphasis();
}

/// <summary>
/// Whole lines that are page furniture, not article: audio-player prompts ("استمع الي المقالة" and its "0:00"),
/// "read also" and "share" lines. Only whole lines are dropped, so article sentences are never cut.
/// </summary>
internal static partial class Boilerplate
{
    public static string Remove(string text)
    {
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (var line in lines)
        {
            if (Line().IsMatch(line.Trim())) continue;
            kept.Add(line);
        }
        return TextCleaner.Clean(string.Join('\n', kept));
    }

    [GeneratedRegex(@"^(?:(?:استمع|إستمع)\s+(?:الي|إلى|الى|للمقال|للمقالة)(?:\s+(?:المقالة|المقال|الخبر))?(?:\s*\d{1,2}:\d{2})?|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|(?:اقرأ|إقرأ|اقرا)\s+(?:أيضا|أيضًا|ايضا|أيضاً|المزيد)\s*:?.{0,120}|شارك(?:\s+(?:المقال|المقالة|الخبر|عبر))?.{0,40}|تابعونا\s+(?:على|عبر).{0,80}|(?:share|tweet|print)\s*(?:this)?\s*(?:article)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Line();
}

using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>An article read from a file: clean text and whatever metadata the file or its sidecar gave.</summary>
public sealed record SourceArticle(
    string FileName, string Text, string? Title, string? Url, string? Source, DateRange? Published, string Format, string Encoding)
{
    /// <summary>Where <see cref="Published"/> was read, for the editor to check before saving.</summary>
    public DateOrigin PublishedFrom { get; init; } = Published is null ? DateOrigin.None : DateOrigin.Metadata;
}

/// <summary>
/// Where an article's publication date came from: the file's own metadata (front matter, HTML meta or JSON-LD, a
/// time element), a sidecar file, a date line at the top of the text, the date its first sentence opens with (an
/// estimate), or an editor.
/// </summary>
public enum DateOrigin { None, Metadata, Sidecar, DateLine, FirstSentence, Editor }

public enum RejectReason { Empty, NotText, TooLarge, Undecodable, NestingTooDeep, ParseTimeout, Unsupported }

/// <summary>A file that cannot become an article; the message names the file and the reason in plain words.</summary>
public sealed class ArticleRejectedException(RejectReason reason, string fileName, string detail)
    : Exception($"{fileName}: {detail}")
{
    public RejectReason Reason { get; } = reason;
    public string FileName { get; } = fileName;
}

public sealed record ArticleReaderOptions
{
    public long MaxBytes { get; init; } = 5_000_000;
    /// <summary>AngleSharp's tree building is super-linear on deep nesting: refuse before parsing.</summary>
    public int MaxNestingDepth { get; init; } = 512;
    public TimeSpan ParseTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Take a web page's story with SmartReader (Mozilla's Readability) rather than this reader's own choice of body,
    /// falling back to it when Readability keeps less than half as much: on pages like news sites' it let less
    /// furniture through (docs/extraction.md#pages-from-feeds). Feed entries use it; files and editors' URLs not yet.
    /// </summary>
    public bool Readability { get; init; }
}

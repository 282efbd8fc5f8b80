using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>An article read from a file: clean text and whatever metadata the file or its sidecar gave.</summary>
public sealed record SourceArticle(
    string FileName, string Text, string? Title, string? Url, string? Source, DateRange? Published, string Format, string Encoding);

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
}

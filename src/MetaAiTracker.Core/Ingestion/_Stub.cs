// TEMPORARY: stands in for the ArticleReader API until the ingestion branch (h-ingest) is merged; deleted then.
using MetaAiTracker.Core.Model;
namespace MetaAiTracker.Core.Ingestion;
public sealed record SourceArticle(string FileName, string Text, string? Title, string? Url, string? Source, DateRange? Published, string Format, string Encoding);
public enum RejectReason { Empty, NotText, TooLarge, Undecodable, NestingTooDeep, ParseTimeout, Unsupported }
public sealed class ArticleRejectedException(RejectReason reason, string fileName, string message) : Exception(message) { public RejectReason Reason => reason; public string FileName => fileName; }
public sealed record ArticleReaderOptions { public long MaxBytes {get;init;} = 5_000_000; public int MaxNestingDepth {get;init;} = 512; public TimeSpan ParseTimeout {get;init;} = TimeSpan.FromSeconds(10); }
public static class ArticleReader {
    public static bool IsSupported(string path) => path.EndsWith(".txt");
    public static SourceArticle ReadFile(string path, ArticleReaderOptions? options = null) => new(Path.GetFileName(path), File.ReadAllText(path), null, null, null, null, "txt", "utf-8");
}
public static class ContentIdentity {
    public static string Hash(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    public static string? CanonicalUrl(string? url) => url;
}

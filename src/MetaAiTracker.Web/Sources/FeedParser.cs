using System.Text;
using System.Text.RegularExpressions;
using CodeHollow.FeedReader;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Sources;

/// <summary>One entry of a feed: the page it links to, with what the feed says of it.</summary>
public sealed record FeedEntry(string Link, string? Title, DateRange? Published);

/// <summary>A feed that cannot be read; the phrase names the problem in the reader's language.</summary>
public sealed class FeedException(Phrase phrase) : Exception(phrase.ToString())
{
    public Phrase Phrase { get; } = phrase;
}

/// <summary>
/// RSS 2.0, Atom and JSON Feed through CodeHollow.FeedReader, which reads all three (System.ServiceModel.Syndication
/// has no JSON Feed). The bytes are decoded here, not by the library: the charset the server or the XML declaration
/// gives, then the same UTF-8 and legacy Arabic code-page rules as files (<see cref="TextDecoder"/>), so a
/// windows-1256 feed reads as Arabic and a misdeclared one is refused by name.
/// </summary>
public static partial class FeedParser
{
    public static (string? Title, List<FeedEntry> Entries) Parse(Uri address, byte[] bytes, string? contentType)
    {
        if (bytes.Length == 0) throw new FeedException(new Phrase("source.notFeed", address));
        string text;
        try
        {
            var declared = Charset(contentType) ?? XmlEncoding(bytes);
            text = TextDecoder.Decode(address.ToString(), bytes, declared).Text;
        }
        catch (ArticleRejectedException)
        {
            throw new FeedException(new Phrase("source.undecodable", address));
        }
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n'));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // FeedReader throws XmlException, JsonException or its own FeedTypeNotSupportedException: all mean "not a feed".
            throw new FeedException(new Phrase("source.notFeed", address));
        }
        if (feed.Type == FeedType.Unknown) throw new FeedException(new Phrase("source.notFeed", address));
        var entries = new List<FeedEntry>();
        foreach (var item in feed.Items)
        {
            // A relative link is relative to the feed's own address.
            var link = item.Link?.Trim() is { Length: > 0 } l && Uri.TryCreate(address, l, out var abs) ? abs.ToString() : null;
            if (link is null) continue;
            var published = item.PublishingDate is { } d ? DateRange.Day(DateOnly.FromDateTime(d)) : ArticleMetadata.ParseDate(item.PublishingDateString);
            entries.Add(new FeedEntry(link, string.IsNullOrWhiteSpace(item.Title) ? null : item.Title.Trim(), published));
        }
        return (string.IsNullOrWhiteSpace(feed.Title) ? null : feed.Title.Trim(), entries);
    }

    private static string? Charset(string? contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.CharSet?.Trim('"') : null;

    private static string? XmlEncoding(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 200));
        return XmlDeclaration().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""']([A-Za-z0-9_:.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();
}

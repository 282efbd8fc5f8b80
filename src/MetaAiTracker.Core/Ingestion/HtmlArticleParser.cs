using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>
/// Takes the article out of a web page with AngleSharp: the body element that holds the story, without scripts,
/// styles, navigation, share widgets or related-links boxes; block elements become line breaks so paragraphs survive.
/// </summary>
public static partial class HtmlArticleParser
{
    private static readonly string[] Dropped =
        ["script", "style", "noscript", "template", "iframe", "form", "button", "nav", "header", "footer", "aside", "svg",
         "canvas", "select", "input", "textarea", "object", "embed", "video", "audio", "figure", "link", "meta"];

    // Class/id words of page furniture (matched as whole words of the attribute, split at - and _).
    private static readonly HashSet<string> FurnitureWords =
        ["share", "sharing", "social", "related", "comment", "comments", "ad", "ads", "advert", "advertisement", "newsletter",
         "subscribe", "breadcrumb", "breadcrumbs", "sidebar", "menu", "nav", "navbar", "popup", "modal", "cookie", "cookies",
         "promo", "recommended", "recommendations", "tags", "footer", "header", "widget", "banner", "sponsored", "outbrain", "taboola"];

    private static readonly HashSet<string> Blocks =
        ["p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "tr",
         "table", "pre", "dd", "dt", "dl", "figcaption", "hr", "address"];

    // Elements the HTML parser closes on its own: unclosed ones do not nest.
    private static readonly HashSet<string> NonNesting =
        ["p", "li", "td", "th", "tr", "dt", "dd", "option", "br", "hr", "img", "meta", "link", "input", "area", "base", "col",
         "embed", "param", "source", "track", "wbr"];

    public sealed record Result(string Text, ArticleMetadata Metadata);

    public static Result Parse(string fileName, string html, ArticleReaderOptions options)
    {
        CheckNesting(fileName, html, options.MaxNestingDepth);
        using var cts = new CancellationTokenSource(options.ParseTimeout);
        IDocument document;
        try
        {
            var parse = Task.Run(() => new HtmlParser().ParseDocumentAsync(html, cts.Token), cts.Token);
            if (!parse.Wait(options.ParseTimeout)) throw new OperationCanceledException();
            document = parse.Result;
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex.InnerException is OperationCanceledException)
        {
            throw new ArticleRejectedException(RejectReason.ParseTimeout, fileName, $"the HTML took longer than {options.ParseTimeout.TotalSeconds:0} s to parse");
        }

        var title = Meta(document, "og:title") ?? NonEmpty(document.Title) ?? NonEmpty(document.QuerySelector("h1")?.TextContent);
        var url = ArticleMetadata.WebUrl(document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")) ?? Meta(document, "og:url");
        var jsonLd = JsonLdDate().Match(html);
        var published = Meta(document, "article:published_time")
            ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime")
            ?? (jsonLd.Success ? jsonLd.Groups[1].Value : null);
        var metadata = ArticleMetadata.FromFile(title, url, Meta(document, "og:site_name"), ArticleMetadata.ParseDate(published));

        var body = ChooseBody(document);
        if (body is null) return new Result("", metadata);
        var text = Text(body);
        if (options.Readability && ReadabilityText(html, url) is { } story && Letters(story) * 2 >= Letters(text)) text = story;
        return new Result(text, metadata);
    }

    private static string Text(IElement body)
    {
        foreach (var el in body.QuerySelectorAll(string.Join(',', Dropped)).ToList()) el.Remove();
        foreach (var el in body.QuerySelectorAll("*").Where(IsFurniture).ToList()) el.Remove();
        var sb = new StringBuilder();
        Render(body, sb);
        return sb.ToString();
    }

    /// <summary>
    /// The story as Readability picks it, rendered like any body (paragraphs kept). Its "probably readable" check is
    /// skipped: Arabic news paragraphs are often one short sentence, under its 140-character minimum, and it then gave nothing.
    /// </summary>
    private static string? ReadabilityText(string html, string? url)
    {
        var reader = new SmartReader.Reader(url ?? "https://article.invalid/", html) { ContinueIfNotReadable = true };
        var article = reader.GetArticle();
        if (article.Content is not { Length: > 0 } content) return null;
        var fragment = new HtmlParser().ParseDocument("<!doctype html><html><body>" + content + "</body></html>").Body;
        return fragment is null ? null : Text(fragment);
    }

    private static int Letters(string s) => s.Count(char.IsLetter);

    private static string? Meta(IDocument d, string property) =>
        (d.QuerySelector($"meta[property='{property}']") ?? d.QuerySelector($"meta[name='{property}']"))?.GetAttribute("content")?.Trim() is { Length: > 0 } v ? v : null;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IElement? ChooseBody(IDocument d)
    {
        var explicitBody = d.QuerySelector("[itemprop=articleBody]") ?? d.QuerySelector("article") ?? d.QuerySelector("main")
            ?? d.QuerySelector(".entry-content, .article-body, .article-content, .post-content, .story-body, .content-body, #article-body");
        if (explicitBody is not null) return explicitBody;
        // Otherwise the container with the most paragraph text directly inside it.
        var best = d.QuerySelectorAll("div, section")
            .Select(e => (e, Score: e.Children.Where(c => c.LocalName == "p").Sum(p => p.TextContent.Length)))
            .OrderByDescending(x => x.Score).FirstOrDefault();
        return best.Score > 200 ? best.e : d.Body;
    }

    private static bool IsFurniture(IElement e)
    {
        if (e.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "complementary" or "dialog") return true;
        if (e.GetAttribute("aria-hidden") == "true") return true;
        foreach (var attr in new[] { e.GetAttribute("class"), e.GetAttribute("id") })
        {
            if (attr is null) continue;
            foreach (var word in attr.ToLowerInvariant().Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
                if (FurnitureWords.Contains(word)) return true;
        }
        return false;
    }

    private static void Render(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    AppendCollapsed(sb, text.Data);
                    break;
                case IElement { LocalName: "br" }:
                    sb.Append('\n');
                    break;
                case IElement el:
                    var block = Blocks.Contains(el.LocalName);
                    if (block) sb.Append("\n\n");
                    if (el.LocalName == "li") sb.Append("- ");
                    if (el.LocalName is "td" or "th") sb.Append(' ');
                    Render(el, sb);
                    if (block) sb.Append("\n\n");
                    break;
            }
        }
    }

    private static void AppendCollapsed(StringBuilder sb, string data)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] is not (' ' or '\n')) sb.Append(' ');
            }
            else sb.Append(c);
        }
    }

    /// <summary>Rejects pages nested deeper than the cap before the parser sees them (cheap scan of the tags).</summary>
    private static void CheckNesting(string fileName, string html, int max)
    {
        var depth = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var j = closing ? i + 2 : i + 1;
            var k = j;
            while (k < html.Length && char.IsAsciiLetterOrDigit(html[k])) k++;
            if (k == j) continue;
            var name = html[j..k].ToLowerInvariant();
            if (NonNesting.Contains(name)) continue;
            if (closing) { depth = Math.Max(0, depth - 1); continue; }
            var close = html.IndexOf('>', k);
            if (close > 0 && html[close - 1] == '/') continue;
            if (++depth > max)
                throw new ArticleRejectedException(RejectReason.NestingTooDeep, fileName, $"the HTML is nested more than {max} elements deep");
        }
    }

    [GeneratedRegex("\"datePublished\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex JsonLdDate();

    [GeneratedRegex("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_:.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    /// <summary>The charset a page declares in its first 4 KB (the HTML prescan), if any.</summary>
    public static string? DeclaredCharset(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        return MetaCharset().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
    }
}

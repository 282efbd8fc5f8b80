using System.Security.Cryptography;
using System.Text;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Ingestion;

/// <summary>What makes two files the same article: their normalized text, or their canonical URL.</summary>
public static class ContentIdentity
{
    /// <summary>SHA-256 (hex) of the search key with white space collapsed: tashkeel, line endings or a BOM do not make a new article.</summary>
    public static string Hash(string text)
    {
        var key = ArabicNormalizer.Normalize(text);
        var sb = new StringBuilder(key.Length);
        var space = false;
        foreach (var c in key)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    // Whole parameter names (ref, not reference or refid, which can name the article), plus the utm_ family.
    private static readonly HashSet<string> TrackingParameters = new(["fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ocid", "cmpid"], StringComparer.OrdinalIgnoreCase);

    private static bool IsTracking(string parameter)
    {
        var name = parameter.Split('=', 2)[0];
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
    }

    /// <summary>Scheme and host lower-cased, fragment, tracking parameters and trailing slash dropped; null unless http(s).</summary>
    public static string? CanonicalUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme is not ("http" or "https")) return null;
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p))
            .Order(StringComparer.Ordinal);
        var q = string.Join('&', query);
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : "";
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        return $"https://{uri.Host.ToLowerInvariant()}{port}{path}{(q.Length > 0 ? "?" + q : "")}";
    }
}

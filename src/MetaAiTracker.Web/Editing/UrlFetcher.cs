using System.Net;
using System.Net.Sockets;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Editing;

/// <summary>A page fetched for an editor: the bytes as sent, the final address after redirects, and the declared type.</summary>
public sealed record FetchedPage(Uri Url, byte[] Bytes, string? ContentType)
{
    /// <summary>The server answered 304 to a conditional request: nothing changed since <see cref="FetchConditions"/>.</summary>
    public bool NotModified { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
}

/// <summary>What a poller saw last time (a feed's ETag and Last-Modified), sent as If-None-Match and If-Modified-Since.</summary>
public sealed record FetchConditions(string? ETag, string? LastModified);

/// <summary>A URL that cannot be fetched; the message names the URL and the reason, in English, and <see cref="Phrase"/> on pages in the reader's language.</summary>
public sealed class FetchException(Phrase phrase) : Exception(phrase.ToString())
{
    public Phrase Phrase { get; } = phrase;
}

/// <summary>
/// Fetches an article page an editor names, without letting the server be used against its own network (SSRF):
/// every address a host resolves to is checked when the connection is made (so DNS rebinding cannot slip past),
/// redirects are followed by hand and each one is checked the same way, and the body is capped in size and time.
/// </summary>
public sealed class UrlFetcher(HttpClient http, TrackerOptions options, ILogger<UrlFetcher> logger)
{
    // Loopback, private, shared, link-local (cloud metadata), benchmarking, multicast and reserved ranges, IPv4 and IPv6.
    // ::/96 (IPv4-compatible, which also holds :: and ::1), 2002::/16 (6to4) and 2001::/32 (Teredo) embed an IPv4
    // address that a host or relay may turn into a connection to it, private or not.
    private static readonly IPNetwork[] Refused = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "64:ff9b::/96", "2001::/32", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    public static SocketsHttpHandler CreateHandler(FetchOptions o)
    {
        var allowed = o.AllowedPrivateNetworks.Select(IPNetwork.Parse).ToArray();
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // A proxy would make the connection for us, to an address we never checked.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = async (context, ct) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
                var usable = addresses.Where(a => IsAllowed(a, allowed)).ToArray();
                if (usable.Length == 0)
                    throw new FetchException(new Phrase("fetch.private", host, string.Join(", ", addresses.Select(a => a.ToString()))));
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    public static bool IsAllowed(IPAddress address, IReadOnlyCollection<IPNetwork> allowedPrivate)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return allowedPrivate.Any(n => n.Contains(address)) || !Refused.Any(n => n.Contains(address));
    }

    public async Task<FetchedPage> FetchAsync(string url, long maxBytes, CancellationToken ct = default) =>
        await FetchAsync(url, maxBytes, null, "text/html, text/plain;q=0.9, */*;q=0.1", ct);

    /// <param name="conditions">Sent as conditional headers; a 304 then comes back as <see cref="FetchedPage.NotModified"/>.</param>
    public async Task<FetchedPage> FetchAsync(string url, long maxBytes, FetchConditions? conditions, string accept, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || !EditorInput.IsWeb(uri))
            throw new FetchException(new Phrase("fetch.notWeb", url));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Fetch.TimeoutSeconds));
        try
        {
            for (var hops = 0; ; hops++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd("MetaAiTracker/1.0 (+article intake)");
                request.Headers.Accept.ParseAdd(accept);
                if (conditions?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (conditions?.LastModified is { } since) request.Headers.TryAddWithoutValidation("If-Modified-Since", since);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hops >= options.Fetch.MaxRedirects) throw new FetchException(new Phrase("fetch.redirects", url, options.Fetch.MaxRedirects));
                    var next = new Uri(uri, location);
                    if (!EditorInput.IsWeb(next)) throw new FetchException(new Phrase("fetch.redirectNotWeb", url, next));
                    logger.LogInformation("Fetch of {Url} redirected to {Next}", uri, next);
                    uri = next;
                    continue;
                }
                var validators = (ETag: response.Headers.ETag?.ToString(), LastModified: response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                if (response.StatusCode == HttpStatusCode.NotModified && conditions is not null)
                    return new FetchedPage(uri, [], null) { NotModified = true, ETag = validators.ETag ?? conditions.ETag, LastModified = validators.LastModified ?? conditions.LastModified };
                if (!response.IsSuccessStatusCode) throw new FetchException(new Phrase("fetch.status", uri, (int)response.StatusCode, response.ReasonPhrase));
                if (response.Content.Headers.ContentLength > maxBytes)
                    throw new FetchException(new Phrase("fetch.tooLarge", uri, response.Content.Headers.ContentLength, maxBytes));
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                var bytes = await ReadCappedAsync(body, maxBytes, uri, timeout.Token);
                return new FetchedPage(uri, bytes, response.Content.Headers.ContentType?.ToString()) { ETag = validators.ETag, LastModified = validators.LastModified };
            }
        }
        catch (HttpRequestException ex) when (ex.InnerException is FetchException refused)
        {
            logger.LogWarning("Refused to fetch {Url}: {Reason}", uri, refused.Message);
            throw refused;
        }
        catch (HttpRequestException ex)
        {
            throw new FetchException(new Phrase("fetch.failed", uri, ex.Message));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchException(new Phrase("fetch.timeout", uri, options.Fetch.TimeoutSeconds));
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>: a server that lies about its length (or sends none) is cut off all the same.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream body, long maxBytes, Uri uri, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new FetchException(new Phrase("fetch.tooLargeRead", uri, maxBytes));
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

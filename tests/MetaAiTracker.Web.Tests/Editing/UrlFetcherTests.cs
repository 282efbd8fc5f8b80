using System.Net;
using MetaAiTracker.Web.Editing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>The URL fetcher against a real local HTTP server: private addresses, redirects, time-out and size cap.</summary>
public sealed class UrlFetcherTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private string _base = "";
    private int _port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/article.html", () => Results.Content(
            "<html><head><title>ميتا تفتح نموذجها</title></head><body><article><p>قال مارك زوكربيرغ إن النماذج المفتوحة هي المستقبل.</p></article></body></html>",
            "text/html; charset=utf-8"));
        _server.MapGet("/slow", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("<html>");
            await Task.Delay(TimeSpan.FromSeconds(10), c.RequestAborted);
        });
        // No Content-Length: the cap must hold while reading, not only from the header.
        _server.MapGet("/huge", async (HttpContext c) =>
        {
            c.Response.ContentType = "text/plain";
            var line = System.Text.Encoding.UTF8.GetBytes(new string('م', 1000));
            for (var i = 0; i < 200; i++) await c.Response.Body.WriteAsync(line, c.RequestAborted);
        });
        _server.MapGet("/to-article", () => Results.Redirect("/article.html"));
        _server.MapGet("/to-private", (HttpContext c) => Results.Redirect($"http://[::1]:{_port}/article.html"));
        _server.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        _server.MapGet("/loop", () => Results.Redirect("/loop"));
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(_base).Port;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>A fetcher that trusts the test server's address (127.0.0.1) only when asked to, as an intranet mirror would be.</summary>
    private static UrlFetcher Fetcher(bool allowLoopbackV4, int timeoutSeconds = 5)
    {
        var options = new TrackerOptions { Fetch = new FetchOptions { TimeoutSeconds = timeoutSeconds, AllowedPrivateNetworks = allowLoopbackV4 ? ["127.0.0.1/32"] : [] } };
        return new UrlFetcher(new HttpClient(UrlFetcher.CreateHandler(options.Fetch)), options, NullLogger<UrlFetcher>.Instance);
    }

    [Fact]
    public async Task FetchesAPageAndFollowsASafeRedirect()
    {
        var page = await Fetcher(true).FetchAsync($"{_base}/to-article", 100_000);
        Assert.EndsWith("/article.html", page.Url.AbsolutePath);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("زوكربيرغ", System.Text.Encoding.UTF8.GetString(page.Bytes));
    }

    [Fact]
    public async Task RefusesLoopbackAndPrivateAddressesByDefault()
    {
        var ex = await Assert.ThrowsAsync<FetchException>(() => Fetcher(false).FetchAsync($"{_base}/article.html", 100_000));
        Assert.Contains("127.0.0.1", ex.Message);
        Assert.Contains("private, loopback or link-local", ex.Message);
        var local = await Assert.ThrowsAsync<FetchException>(() => Fetcher(false).FetchAsync($"http://localhost:{_port}/article.html", 100_000));
        Assert.Contains("localhost", local.Message);
    }

    [Fact]
    public async Task RefusesARedirectToAPrivateOrMetadataAddress()
    {
        var fetcher = Fetcher(true, timeoutSeconds: 3);
        var v6 = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync($"{_base}/to-private", 100_000));
        Assert.Contains("::1", v6.Message);
        var metadata = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync($"{_base}/to-metadata", 100_000));
        Assert.Contains("169.254.169.254", metadata.Message);
        var loop = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync($"{_base}/loop", 100_000));
        Assert.Contains("redirects", loop.Message);
    }

    [Fact]
    public async Task StopsASlowServerAtTheTimeOut()
    {
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<FetchException>(() => Fetcher(true, timeoutSeconds: 1).FetchAsync($"{_base}/slow", 100_000));
        Assert.Contains("within 1 s", ex.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "the fetch was not stopped by its time-out");
    }

    [Fact]
    public async Task CutsOffABodyLargerThanTheCap()
    {
        var ex = await Assert.ThrowsAsync<FetchException>(() => Fetcher(true).FetchAsync($"{_base}/huge", 100_000));
        Assert.Contains("larger than the limit of 100,000 bytes", ex.Message);
    }

    [Theory]
    [InlineData("ftp://example.com/a.txt")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task RefusesWhatIsNotAnHttpAddress(string url)
    {
        var ex = await Assert.ThrowsAsync<FetchException>(() => Fetcher(false).FetchAsync(url, 100_000));
        Assert.Contains("not an http or https address", ex.Message);
    }

    [Theory]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("100.64.0.1", false)]
    // IPv4-compatible (::/96), 6to4 (2002::/16) and Teredo (2001::/32) carry an IPv4 address a relay may reach.
    [InlineData("::1", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::a00:1", false)]
    [InlineData("2002:7f00:1::1", false)]
    [InlineData("2002:a9fe:a9fe::1", false)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4001::200e", true)]
    public void ClassifiesAddresses(string address, bool allowed) =>
        Assert.Equal(allowed, UrlFetcher.IsAllowed(IPAddress.Parse(address), []));
}

using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Sources;

/// <summary>Watched sources against feeds and pages served in the test process, on real SQLite.</summary>
public sealed class SourcePollerTests : IAsyncLifetime
{
    private FeedServer _server = null!;
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _store = await TestStore.CreateAsync(s =>
        {
            var options = (TrackerOptions)s.Last(d => d.ServiceType == typeof(TrackerOptions)).ImplementationInstance!;
            // The test server's address only: [::1], loopback as well, stays refused.
            options.Fetch.AllowedPrivateNetworks = ["127.0.0.1/32"];
            options.Fetch.TimeoutSeconds = 2;
        });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _server.DisposeAsync();
    }

    private SourceAdmin Admin => _store.Services.GetRequiredService<SourceAdmin>();
    private SourcePoller Poller => _store.Services.GetRequiredService<SourcePoller>();

    private async Task<WatchedSource> AddAsync(string path) => await Admin.AddAsync(UserAdmin.CommandLine, _server.Base + path);

    private async Task<WatchedSource> ReloadAsync(int id)
    {
        await using var db = await _store.DbAsync();
        return await db.Sources.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    [Fact]
    public async Task RssAtomAndJsonFeedEntriesBecomeArticlesInTheReviewQueueWithTheFeedsDates()
    {
        var rss = await AddAsync("/rss.xml");
        var atom = await AddAsync("/atom.xml");
        var json = await AddAsync("/feed.json");

        var reports = await Poller.PollAllAsync();

        Assert.All(reports, r => Assert.Null(r.Error));
        Assert.Equal(2, reports.Single(r => r.SourceId == rss.Id).Added.Count);
        // Atom's second entry is page 0 again (with a tracking parameter): stored once, counted as a duplicate, not fetched.
        var atomReport = reports.Single(r => r.SourceId == atom.Id);
        Assert.Equal((1, 1), (atomReport.Added.Count, atomReport.Duplicates));
        Assert.Equal(1, _server.Hits["/page/0.html"]);
        Assert.Single(reports.Single(r => r.SourceId == json.Id).Added);

        await using var db = await _store.DbAsync();
        var articles = await db.Articles.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(4, articles.Count);
        Assert.All(articles, a => Assert.False(a.Reviewed));
        Assert.Contains(articles, a => a.Url == _server.Base + "/page/4.html" && a.PublishedStart == new DateOnly(2025, 5, 10));
        Assert.Contains(articles, a => a.Url == _server.Base + "/page/3.html" && a.PublishedStart == new DateOnly(2025, 4, 2));
        Assert.Contains(articles, a => a.Url == _server.Base + "/page/1.html" && a.PublishedStart == new DateOnly(2025, 3, 2));
        // The page's furniture stayed out of the text.
        Assert.All(articles, a => Assert.DoesNotContain("جميع الحقوق محفوظة", a.Text));
        Assert.Equal(4, await db.Audit.CountAsync(e => e.Action == "article.add" && e.UserName.StartsWith("source:")));

        var stored = await ReloadAsync(rss.Id);
        Assert.Equal((2, 0, null, 0), (stored.LastAdded, stored.LastDuplicates, stored.LastErrorKey, stored.Failures));
        Assert.Equal("\"rss-2\"", stored.ETag);
        Assert.True(stored.NextPollAt > DateTime.UtcNow.AddMinutes(29));
    }

    [Fact]
    public async Task TheSecondPollSendsTheETagAndANewEntryIsAddedOnceWhileTheOldOnesAreNotFetchedAgain()
    {
        var rss = await AddAsync("/rss.xml");
        await Poller.PollAllAsync();

        var again = await Poller.PollAsync(rss.Id);
        Assert.True(again!.NotModified);
        Assert.Equal(1, _server.NotModifiedAnswers);

        _server.ExtraRssPages.Add("/page/2.html");
        var third = await Poller.PollAsync(rss.Id);
        Assert.Equal((1, 2), (third!.Added.Count, third.Duplicates));
        Assert.Equal(1, _server.Hits["/page/0.html"]);
        await using var db = await _store.DbAsync();
        Assert.Equal(3, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task AWindows1256FeedIsReadAsArabic()
    {
        var source = await AddAsync("/cp1256.xml");
        var report = await Poller.PollAsync(source.Id);

        Assert.Null(report!.Error);
        await using var db = await _store.DbAsync();
        var article = await db.Articles.SingleAsync();
        // The page names no outlet: the feed's own title, decoded from windows-1256, is the outlet.
        Assert.Equal("صحيفة الرخص المفتوحة", article.Source);
        Assert.Equal(new DateOnly(2025, 6, 1), article.PublishedStart);
    }

    [Fact]
    public async Task EachBadSourceGetsItsNamedErrorAndBacksOffWhileTheOthersArePolled()
    {
        var broken = await AddAsync("/broken.xml");
        var missing = await AddAsync("/missing.xml");
        var slow = await AddAsync("/slow.xml");
        var good = await AddAsync("/feed.json");

        var reports = await Poller.PollAllAsync();

        Assert.Equal("source.notFeed", reports.Single(r => r.SourceId == broken.Id).Error?.Key);
        Assert.Equal("fetch.status", reports.Single(r => r.SourceId == missing.Id).Error?.Key);
        Assert.Equal("fetch.timeout", reports.Single(r => r.SourceId == slow.Id).Error?.Key);
        Assert.Single(reports.Single(r => r.SourceId == good.Id).Added);

        var stored = await ReloadAsync(missing.Id);
        Assert.Equal((1, "fetch.status"), (stored.Failures, stored.LastErrorKey));
        // Said in either language from what was stored, with the status code in it.
        Assert.Contains("404", SourcePoller.LastError(stored)!.In("en"));
        Assert.Contains("404", SourcePoller.LastError(stored)!.In("ar"));
        Assert.InRange(stored.NextPollAt, DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));

        await Poller.PollAsync(missing.Id);
        stored = await ReloadAsync(missing.Id);
        Assert.Equal(2, stored.Failures);
        Assert.InRange(stored.NextPollAt, DateTime.UtcNow.AddMinutes(119), DateTime.UtcNow.AddMinutes(121));
        Assert.Null((await ReloadAsync(good.Id)).LastErrorKey);
    }

    [Fact]
    public async Task AnEntryRedirectingToAPrivateAddressAndOneThat404sAreRefusedWithTheirReasonsAndTheRestIsAdded()
    {
        var mixed = await AddAsync("/mixed.xml");
        var report = await Poller.PollAsync(mixed.Id);

        Assert.Null(report!.Error);
        Assert.Single(report.Added);
        Assert.Equal(["fetch.status", "source.entryPrivate"], report.Refusals.Select(p => p.Key).Order());
        var stored = await ReloadAsync(mixed.Id);
        var refusals = StoredPhrase.Read(stored.LastRefusals);
        Assert.Contains(refusals, p => p.Key == "source.entryPrivate" && p.In("en").Contains("/to-private.html: leads to [::1]"));
        Assert.Contains(refusals, p => p.Key == "source.entryPrivate" && p.In("ar").Contains("عنوان خاص أو محلي"));
        // Nothing from the private address was stored.
        await using var db = await _store.DbAsync();
        Assert.Equal(1, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task ASourceClaimedByAnotherPollIsNotPolledTwiceAtOnce()
    {
        var slow = await AddAsync("/slow.xml");
        var other = ActivatorUtilities.CreateInstance<SourcePoller>(_store.Services);

        // Two pollers (as the server and `tracker sources poll` would be) at the same moment: one runs, one is turned away.
        var both = await Task.WhenAll(Poller.PollAsync(slow.Id), other.PollAsync(slow.Id));
        Assert.Equal(1, both.Count(r => r!.Ran));
        Assert.Equal(1, _server.Hits["/slow.xml"]);

        // Once the first is done the source is free again.
        Assert.True((await other.PollAsync(slow.Id))!.Ran);
        Assert.Null((await ReloadAsync(slow.Id)).LeaseOwner);
    }

    [Fact]
    public async Task AWatchedFolderPicksUpNewAndChangedFilesOnly()
    {
        var folder = Path.Combine(_store.Dir, "watched");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "one.txt"), FeedServer.Topics[0] + ".");
        var source = await Admin.AddAsync(UserAdmin.CommandLine, folder);
        Assert.Equal(SourceKind.Folder, source.Kind);

        Assert.Single((await Poller.PollAsync(source.Id))!.Added);
        // Unchanged: nothing added (a file written within the margin before the last poll is read again, a duplicate).
        var quiet = await Poller.PollAsync(source.Id);
        Assert.Empty(quiet!.Added);
        Assert.InRange(quiet.Duplicates, 0, 1);

        await File.WriteAllTextAsync(Path.Combine(folder, "two.txt"), FeedServer.Topics[1] + ".");
        await File.WriteAllTextAsync(Path.Combine(folder, "one.txt"), FeedServer.Topics[2] + ".");
        var changed = await Poller.PollAsync(source.Id);
        Assert.Equal(2, changed!.Added.Count);

        Directory.Delete(folder, true);
        Assert.Equal("source.noFolder", (await Poller.PollAsync(source.Id))!.Error?.Key);
    }

    [Theory]
    [InlineData("", "source.error.empty")]
    [InlineData("ftp://example.com/feed", "source.error.address")]
    [InlineData("feeds/relative", "source.error.address")]
    [InlineData("/no/such/folder/anywhere", "source.error.noFolder")]
    public async Task AnAddressThatCannotBeWatchedIsRefusedByName(string address, string key)
    {
        var ex = await Assert.ThrowsAsync<InputException>(() => Admin.AddAsync(UserAdmin.CommandLine, address));
        Assert.Equal(key, ex.Phrase.Key);
    }

    [Fact]
    public async Task TheSameSourceTwiceAndABadIntervalAreRefusedAndOnlyAdminsManageSources()
    {
        await AddAsync("/rss.xml");
        Assert.Equal("source.error.exists", (await Assert.ThrowsAsync<InputException>(() => AddAsync("/rss.xml"))).Phrase.Key);
        Assert.Equal("source.error.interval", (await Assert.ThrowsAsync<InputException>(() => Admin.AddAsync(UserAdmin.CommandLine, _server.Base + "/atom.xml", 0))).Phrase.Key);
        var editor = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "e"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, TrackerRoles.Editor)], "test"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Admin.AddAsync(editor, _server.Base + "/atom.xml"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Admin.RemoveAsync(editor, "1"));
    }

    [Fact]
    public void BackOffDoublesAfterEachFailureAndStopsAtADay()
    {
        Assert.Equal(TimeSpan.FromMinutes(60), SourcePoller.Backoff(30, 1));
        Assert.Equal(TimeSpan.FromMinutes(240), SourcePoller.Backoff(30, 3));
        Assert.Equal(TimeSpan.FromHours(24), SourcePoller.Backoff(30, 12));
        Assert.Equal(TimeSpan.FromHours(24), SourcePoller.Backoff(30, 1000));
    }
}

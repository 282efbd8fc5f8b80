using MetaAiTracker.Web.Cli;

namespace MetaAiTracker.Web.Tests.Sources;

/// <summary>`tracker sources add|list|poll|remove` in process, against the test feed server.</summary>
[Collection("console")]
public sealed class SourcesCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try { return (await TrackerCli.RunAsync(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    [Fact]
    public async Task AddListPollAndRemoveFromTheShell()
    {
        await using var server = await FeedServer.StartAsync();
        await using var store = await TestStore.CreateAsync();
        Environment.SetEnvironmentVariable("Tracker__Fetch__AllowedPrivateNetworks__0", "127.0.0.1/32");
        try
        {
            var add = await RunAsync("sources", "add", server.Base + "/feed.json", "--every", "15", "--db", store.DatabasePath);
            Assert.Equal(0, add.Code);
            Assert.Contains("source 1: feed", add.Out);
            Assert.Contains("every 15 min", add.Out);

            var bad = await RunAsync("sources", "add", "not a feed", "--db", store.DatabasePath);
            Assert.Equal(1, bad.Code);
            Assert.Contains("neither an http or https address nor the full path of a folder", bad.Err);

            await RunAsync("sources", "add", server.Base + "/broken.xml", "--db", store.DatabasePath);
            var poll = await RunAsync("sources", "poll", "--db", store.DatabasePath);
            // One source failed: the exit code says so, and the other's article came in.
            Assert.Equal(1, poll.Code);
            Assert.Contains("1 added, 0 duplicate, 0 refused", poll.Out);
            Assert.Contains("→ article 1", poll.Out);
            Assert.Contains("failed: " + server.Base + "/broken.xml: not an RSS, Atom or JSON Feed", poll.Out);

            var list = await RunAsync("sources", "list", "--db", store.DatabasePath);
            Assert.Contains("1 added, 0 duplicate, 0 refused", list.Out);
            Assert.Contains("failing (1 in a row)", list.Out);

            var remove = await RunAsync("sources", "remove", "2", "--db", store.DatabasePath);
            Assert.Equal(0, remove.Code);
            Assert.DoesNotContain("broken.xml", (await RunAsync("sources", "list", "--db", store.DatabasePath)).Out);
            Assert.Equal(1, (await RunAsync("sources", "remove", "2", "--db", store.DatabasePath)).Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Tracker__Fetch__AllowedPrivateNetworks__0", null);
        }
    }
}

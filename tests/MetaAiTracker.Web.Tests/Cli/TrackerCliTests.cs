using MetaAiTracker.Web.Cli;

namespace MetaAiTracker.Web.Tests.Cli;

/// <summary>The command line in process: exit codes and what it writes. Console is global, so these run in one collection.</summary>
[Collection("console")]
public class TrackerCliTests
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
    public async Task IngestPrintsWhatItFoundAndExitsZero()
    {
        await using var store = await TestStore.CreateAsync();

        var (code, output, _) = await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);

        Assert.Equal(0, code);
        Assert.Contains("5 added", output);
    }

    [Fact]
    public async Task IngestExitsNonZeroWhenAFileIsRejectedAndNamesIt()
    {
        await using var store = await TestStore.CreateAsync();
        var empty = store.WriteFile("empty.txt", "");

        var (code, output, error) = await RunAsync("ingest", empty, TestStore.SeedsDir, "--db", store.DatabasePath);

        Assert.Equal(1, code);
        Assert.Contains("empty.txt", error);
        Assert.Contains("5 added", output);
        Assert.Contains("1 rejected", output);
    }

    [Fact]
    public async Task ExportToAFileWritesJson()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var outFile = Path.Combine(store.Dir, "out", "export.json");
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);

        var (code, _, _) = await RunAsync("export", "--format", "json", "--out", outFile, "--db", store.DatabasePath);

        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outFile));
        Assert.Equal(5, doc.RootElement.GetProperty("articles").GetArrayLength());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(outFile)!, "*.tmp"));
    }

    [Fact]
    public async Task AnUnknownFormatIsAUsageError()
    {
        var (code, _, error) = await RunAsync("export", "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("xml", error);
    }

    [Fact]
    public async Task StatsSummarisesTheStore()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);

        var (code, output, _) = await RunAsync("stats", "--db", store.DatabasePath);

        Assert.Equal(0, code);
        Assert.Contains("articles   5", output);
    }

    [Fact]
    public async Task BriefingWritesAPdfAndRefusesWhatItCannotRead()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var pdf = Path.Combine(store.Dir, "b.pdf");

        var (badDate, _, dateError) = await RunAsync("briefing", "--from", "2025-13", "--out", pdf, "--db", store.DatabasePath);
        var (badLang, _, _) = await RunAsync("briefing", "--lang", "fr", "--out", pdf, "--db", store.DatabasePath);
        var (noView, _, viewError) = await RunAsync("briefing", "--view", "missing", "--out", pdf, "--db", store.DatabasePath);
        Assert.False(File.Exists(pdf));
        var (ok, _, written) = await RunAsync("briefing", "--theme", "talent", "--save-as", "talent", "--out", pdf, "--db", store.DatabasePath);

        Assert.Equal(2, badDate);
        Assert.Contains("from=2025-13", dateError);
        Assert.Equal(2, badLang);
        Assert.Equal(1, noView);
        Assert.Contains("missing", viewError);
        Assert.Equal(0, ok);
        Assert.Contains("wrote", written);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf)[..4]));
        Assert.Empty(Directory.GetFiles(store.Dir, ".b.pdf.tmp"));
    }
}

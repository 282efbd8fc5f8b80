using System.Diagnostics;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// End-to-end ingestion of a synthetic corpus of files: read, decode, extract, store, index. Beside it, in the
/// same process and on the same files, the floor: read, decode and insert the articles with no extraction and no
/// index. Each figure is the median of several runs into fresh databases.
/// </summary>
public static class IngestHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--count", 10_000);
        var runs = Arg(args, "--runs", 3);
        var dir = Path.Combine(Path.GetTempPath(), "mat-bench-" + Environment.ProcessId);
        var corpus = Path.Combine(dir, "corpus");
        Directory.CreateDirectory(corpus);
        var sentences = Corpus.SeedSentences();
        var random = new Random(42);
        for (var i = 0; i < count; i++)
            File.WriteAllText(Path.Combine(corpus, $"a{i:D6}.txt"), Corpus.Article(sentences, random, random.Next(2_000, 6_000), i));
        var bytes = Directory.GetFiles(corpus).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"corpus: {count} articles, {bytes / 1024 / 1024.0:F1} MiB, {runs} runs each; {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        var floor = new List<double>();
        var full = new List<double>();
        var oldIndexes = new List<double>();
        // --old-indexes: end-to-end again, alternating, into stores with issue 13's item and article indexes undone.
        var withOld = args.Contains("--old-indexes");
        for (var r = 0; r < runs; r++)
        {
            floor.Add(await TimeAsync(dir, $"floor{r}", count, FloorAsync, corpus));
            full.Add(await TimeAsync(dir, $"full{r}", count, FullAsync, corpus));
            if (withOld) oldIndexes.Add(await TimeAsync(dir, $"old{r}", count, FullAsync, corpus, undoIndexes: true));
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"floor (read + insert, no extraction): median {Median(floor):F0} articles/s  runs: {string.Join(", ", floor.Select(x => x.ToString("F0")))}");
        Console.WriteLine($"end-to-end ingestion:                 median {Median(full):F0} articles/s  runs: {string.Join(", ", full.Select(x => x.ToString("F0")))}");
        if (withOld) Console.WriteLine($"end-to-end, indexes before issue 13:  median {Median(oldIndexes):F0} articles/s  runs: {string.Join(", ", oldIndexes.Select(x => x.ToString("F0")))}");
        Console.WriteLine($"ratio end-to-end / floor: {Median(full) / Median(floor):F2}");
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task<double> TimeAsync(string dir, string name, int count, Func<ServiceProvider, string, Task<int>> run, string corpus, bool undoIndexes = false)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracker:Database"] = Path.Combine(dir, name + ".db"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddTrackerCore(config);
        await using var sp = services.BuildServiceProvider();
        await TrackerDbSetup.MigrateAsync(sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
        if (undoIndexes)
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("DROP INDEX IX_Items_Cards; DROP INDEX IX_Articles_OffTopic; CREATE INDEX IX_Items_ArticleId_Start ON Items (ArticleId, Start);");
        }
        var sw = Stopwatch.StartNew();
        var stored = await run(sp, corpus);
        sw.Stop();
        if (stored != count) throw new InvalidOperationException($"{name}: stored {stored} of {count} articles");
        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<int> FullAsync(ServiceProvider sp, string corpus)
    {
        var results = await sp.GetRequiredService<IngestionService>().IngestPathsAsync([corpus]);
        await using (var db = await sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync())
        {
            // The synthetic articles mix seed sentences at random: few should nearly repeat one another.
            var clustered = await db.Articles.CountAsync(a => a.StoryId != null);
            var stories = await db.Articles.Where(a => a.StoryId != null).Select(a => a.StoryId).Distinct().CountAsync();
            Console.WriteLine($"  story clusters: {clustered} articles in {stories} clusters");
        }
        return results.Count(r => r.Outcome == IngestOutcome.Added);
    }

    private static async Task<int> FloorAsync(ServiceProvider sp, string corpus)
    {
        var factory = sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        var options = sp.GetRequiredService<ArticleReaderOptions>();
        var n = 0;
        foreach (var file in Directory.EnumerateFiles(corpus).Order(StringComparer.Ordinal))
        {
            var source = ArticleReader.ReadFile(file, options);
            await using var db = await factory.CreateDbContextAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Articles.Add(new Article
            {
                FileName = source.FileName, Title = source.Title ?? source.FileName, Text = source.Text,
                ContentHash = ContentIdentity.Hash(source.Text), Format = source.Format, Encoding = source.Encoding,
                ExtractorVersion = "none", IngestedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            n++;
        }
        return n;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

using System.Diagnostics;
using MetaAiTracker.Web;
using MetaAiTracker.Web.Briefing;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// A briefing of about 50 items printed again and again by the warm browser: the whole export (model, HTML, PDF)
/// beside its HTML step alone, and the memory Chromium's processes take.
/// </summary>
public static class BriefingHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reps = args.Contains("--reps") ? int.Parse(args[Array.IndexOf(args, "--reps") + 1]) : 15;
        var dir = Path.Combine(Path.GetTempPath(), "mat-brief-" + Environment.ProcessId);
        var corpus = Path.Combine(dir, "corpus");
        Directory.CreateDirectory(corpus);
        var sentences = Corpus.SeedSentences();
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
            File.WriteAllText(Path.Combine(corpus, $"a{i:D4}.txt"),
                $"---\ntitle: تقرير {i}\npublished: {new DateOnly(2024, 1, 1).AddMonths(random.Next(20)):yyyy-MM}\n---\n" + Corpus.Article(sentences, random, 4_000, i));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracker:Database"] = Path.Combine(dir, "t.db") }).Build();
        await using var sp = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddTrackerCore(config).BuildServiceProvider();
        await TrackerDbSetup.MigrateAsync(sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
        await sp.GetRequiredService<IngestionService>().IngestPathsAsync([corpus, Corpus.SeedsDir]);

        var service = sp.GetRequiredService<BriefingService>();
        var pdf = sp.GetRequiredService<BriefingPdf>();
        var filter = new TimelineFilter();
        var model = await service.ModelAsync(filter, "ar", "bench");
        var items = model.Events.Count + model.Quotes.Count + model.OpenClaims.Count + model.ClosedClaims.Count;
        var sw = Stopwatch.StartNew();
        var (_, first) = await service.ExportAsync(filter, "ar", "bench");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; briefing of {items} items, {model.Sources.Count} sources, {first.Length / 1024} KB");
        Console.WriteLine($"first export (cold: starts Chromium): {sw.Elapsed.TotalMilliseconds:F0} ms");

        var html = new List<double>();
        var full = new List<double>();
        for (var k = 0; k < reps; k++)
        {
            sw.Restart();
            await pdf.RenderHtmlAsync(await service.ModelAsync(filter, "ar", "bench"));
            html.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            await service.ExportAsync(filter, "ar", "bench");
            full.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"baseline, model + HTML only: median {Median(html):F0} ms");
        Console.WriteLine($"whole export with the warm browser (model + HTML + PDF): median {Median(full):F0} ms  (min {full.Min():F0}, max {full.Max():F0})");
        Console.WriteLine($"Chromium's processes: {ChromiumRssMiB():F0} MiB resident");
        await pdf.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>Resident memory of every chromium process on the machine (this harness runs the only one).</summary>
    private static double ChromiumRssMiB() => Directory.EnumerateDirectories("/proc")
        .Select(d => Path.Combine(d, "status")).Where(File.Exists)
        .Select(f => { try { return File.ReadAllLines(f); } catch (IOException) { return []; } })
        .Where(lines => lines.Any(l => l.StartsWith("Name:") && l.Contains("chrom")))
        .Sum(lines => lines.Where(l => l.StartsWith("VmRSS:")).Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault());
}

using System.Diagnostics;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The near-copy lookup at scale: a store of N synthetic articles' signatures and band keys (rows written directly,
/// no extraction), then the lookup ingestion makes for a new article, timed for near-copies of stored articles and
/// for new ones, beside a baseline of one primary-key read in the same process. Medians.
/// </summary>
public static class StoryHarness
{
    private static string Distinct(Random random, int serial)
    {
        var sb = new System.Text.StringBuilder();
        var words = random.Next(300, 900);
        for (var w = 0; w < words; w++)
        {
            // Squaring skews the draw towards frequent words, as news vocabulary is skewed.
            var r = random.NextDouble();
            sb.Append("كلمة").Append((int)(r * r * 60_000)).Append(w % 40 == 39 ? "\n\n" : " ");
        }
        return sb.ToString();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
        // The seed-sentence corpus of the other harnesses shares whole sentences between every two articles (a few
        // hundred sentences make 100,000 articles): the worst case for band keys. Real stories share little; by default
        // each article is its own text, words drawn from a 60,000-word vocabulary with a news-like skew.
        var seedSentences = args.Contains("--seed-sentences");
        var dir = Path.Combine(Path.GetTempPath(), "mat-story-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracker:Database"] = Path.Combine(dir, "s.db") }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddTrackerCore(config);
        await using var sp = services.BuildServiceProvider();
        var factory = sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        await TrackerDbSetup.MigrateAsync(factory);
        var sentences = Corpus.SeedSentences();
        var random = new Random(7);
        var texts = new List<string>();
        var sw = Stopwatch.StartNew();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            using var insert = db.Database.GetDbConnection().CreateCommand();
            insert.Transaction = tx.GetDbTransaction();
            insert.CommandText = """
                INSERT INTO Articles (Id, FileName, Title, Text, ContentHash, Format, Encoding, IsRelevant, RelevanceScore, RelevanceByEditor, Stance,
                  ExtractorVersion, IngestedAt, Reviewed, ThemesByEditor, Version, IsOrigin, PublishedEstimated, StorySignature)
                VALUES ($id, 'f', 't', 'x', $id, 'txt', 'utf-8', 1, 0, 0, 'None', 'b', '2026-01-01', 0, 0, 0, 1, 0, $sig)
                """;
            var (id, sig) = (SearchIndex.Parameter(insert, "$id"), SearchIndex.Parameter(insert, "$sig"));
            using var clusters = new StoryClusters(db);
            for (var i = 1; i <= count; i++)
            {
                var text = seedSentences ? Corpus.Article(sentences, random, random.Next(2_000, 6_000), i) : Distinct(random, i);
                if (i <= 200) texts.Add(text);
                var s = StorySignature.Compute(text)!;
                id.Value = i;
                sig.Value = StorySignature.ToBytes(s);
                insert.ExecuteNonQuery();
                clusters.Add(i, s, []);
                // As ingestion does once a batch.
                if (i % 256 == 0) clusters.Flush();
            }
            clusters.Flush();
            await tx.CommitAsync();
        }
        Console.WriteLine($"corpus: {(seedSentences ? "seed sentences" : "distinct texts")}");
        Console.WriteLine($"store: {count} articles' signatures and {count * StorySignature.Bands} band rows written in {sw.Elapsed.TotalSeconds:F0} s; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            using var clusters = new StoryClusters(db);
            using var baseline = db.Database.GetDbConnection().CreateCommand();
            baseline.CommandText = "SELECT Title FROM Articles WHERE Id = $id";
            var p = SearchIndex.Parameter(baseline, "$id");
            var copies = texts.Select(t => StorySignature.Compute(string.Join("\n", t.Split("\n\n").Reverse()) + "\nفقرة مضافة من موقع آخر")!).ToList();
            var fresh = Enumerable.Range(0, 200).Select(k => StorySignature.Compute(seedSentences ? Corpus.Article(sentences, new Random(1_000 + k), 4_000, -k) : Distinct(new Random(1_000 + k), -k))!).ToList();
            for (var round = 0; round < 2; round++) // the first round warms the page cache
            {
                var (near, other, pk) = (new List<double>(), new List<double>(), new List<double>());
                var (found, candidates) = (0, 0);
                for (var k = 0; k < 200; k++)
                {
                    var t = Stopwatch.GetTimestamp();
                    var hits = clusters.NearCopies(copies[k]);
                    near.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (hits.Any(h => h.ArticleId == k + 1)) found++;
                    t = Stopwatch.GetTimestamp();
                    candidates += clusters.NearCopies(fresh[k]).Count;
                    other.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    p.Value = k * 37 % count + 1;
                    baseline.ExecuteScalar();
                    pk.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
                double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
                if (round == 1)
                {
                    Console.WriteLine($"lookup of a near-copy: median {Median(near):F3} ms (found its original {found} of 200)");
                    Console.WriteLine($"lookup of a new article: median {Median(other):F3} ms ({candidates} verified matches in 200)");
                    Console.WriteLine($"baseline, one primary-key read: median {Median(pk):F3} ms");
                }
            }
        }
        Directory.Delete(dir, recursive: true);
        return 0;
    }
}

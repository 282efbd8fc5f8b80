using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>
/// Re-extraction replaces machine items whose rules version is older, so a rule change that moves the output must
/// change <see cref="ExtractionPipeline.Version"/>. Gold/rules-fingerprint.txt records, per version, a hash of
/// everything the rules extract from the seeds: a new output needs a line of its own, with a new version.
/// </summary>
public class RulesVersionTests
{
    private static string FingerprintFile => Path.Combine(AppContext.BaseDirectory, "Gold", "rules-fingerprint.txt");

    private static string SeedFingerprint()
    {
        var pipeline = ExtractionPipeline.CreateDefault();
        using var sha = SHA256.Create();
        var all = new StringBuilder();
        foreach (var file in Seeds.Files)
        {
            var article = ArticleReader.ReadFile(file);
            // The version is what is being checked, so it is left out of what it must describe.
            var result = pipeline.Extract(article.Text, article.Published) with { ExtractorVersion = "" };
            all.Append(Path.GetFileName(file)).Append('\n').Append(JsonSerializer.Serialize(result)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }

    [Fact]
    public void TheSeedsExtractionIsRecordedUnderTheCurrentRulesVersionAndNoVersionHasTwoOutputs()
    {
        var lines = File.ReadAllLines(FingerprintFile).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)).Select(p => (Version: p[0], Hash: p[1].Trim())).ToList();
        var now = SeedFingerprint();
        var line = $"{ExtractionPipeline.Version} {now}";

        Assert.All(lines.GroupBy(l => l.Version), g => Assert.True(g.Select(l => l.Hash).Distinct().Count() == 1,
            $"rules version {g.Key} has two different outputs in {FingerprintFile}: bump ExtractionPipeline.Version instead"));
        var recorded = lines.Where(l => l.Version == ExtractionPipeline.Version).Select(l => l.Hash).FirstOrDefault();
        Assert.True(recorded is not null, $"rules version {ExtractionPipeline.Version} is not recorded: add the line «{line}» to tests/MetaAiTracker.Core.Tests/Gold/rules-fingerprint.txt");
        Assert.True(recorded == now,
            $"the seeds' extraction changed but ExtractionPipeline.Version is still {ExtractionPipeline.Version}: bump the version, then add the line «{{new version}} {now}»");
    }
}

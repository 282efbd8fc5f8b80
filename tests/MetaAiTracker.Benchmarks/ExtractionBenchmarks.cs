using BenchmarkDotNet.Attributes;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// Extraction of a 10 KB Arabic article (target ≤ 1 ms). The baseline, run in the same process, is the
/// normalization and tokenization alone, so the figure reads as a ratio on a shared, noisy machine.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExtractionBenchmarks
{
    private readonly ExtractionPipeline _pipeline = ExtractionPipeline.CreateDefault();
    private readonly DateRange _published = DateRange.Month(2024, 7, estimated: true);
    private string _text = "";

    [GlobalSetup]
    public void Setup() => _text = Corpus.TenKilobyteArticle();

    [Benchmark(Baseline = true)]
    public int NormalizeAndTokenize() => ArabicTokenizer.Tokenize(_text).Count;

    [Benchmark]
    public int ExtractTenKilobyteArticle()
    {
        var x = _pipeline.Extract(_text, _published);
        return x.Quotes.Count + x.Events.Count + x.Claims.Count;
    }
}

using BenchmarkDotNet.Running;
using MetaAiTracker.Benchmarks;

// extract: BenchmarkDotNet over the extraction pipeline. ingest: the end-to-end ingestion harness.
return args.FirstOrDefault() switch
{
    "extract" => RunExtract(args[1..]),
    "ingest" => await IngestHarness.RunAsync(args[1..]),
    _ => Usage(),
};

static int RunExtract(string[] rest)
{
    BenchmarkRunner.Run<ExtractionBenchmarks>(args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: MetaAiTracker.Benchmarks extract [BenchmarkDotNet args] | ingest [--count N] [--runs N]");
    return 2;
}

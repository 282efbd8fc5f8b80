using BenchmarkDotNet.Running;
using MetaAiTracker.Benchmarks;

// extract: BenchmarkDotNet over the extraction pipeline. ingest, dashboard: console harnesses for end-to-end work.
return args.FirstOrDefault() switch
{
    "extract" => RunExtract(args[1..]),
    "ingest" => await IngestHarness.RunAsync(args[1..]),
    "dashboard" => await DashboardHarness.RunAsync(args[1..]),
    "briefing" => await BriefingHarness.RunAsync(args[1..]),
    "stories" => await StoryHarness.RunAsync(args[1..]),
    "duckling" => DucklingCheck.Run(args[1..]),
    _ => Usage(),
};

static int RunExtract(string[] rest)
{
    BenchmarkRunner.Run<ExtractionBenchmarks>(args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: MetaAiTracker.Benchmarks extract [BenchmarkDotNet args] | ingest [--count N] [--runs N] | dashboard [--items N] [--search-articles N] [--reps N] [--circuits N] | briefing [--reps N] | stories [--count N]");
    return 2;
}

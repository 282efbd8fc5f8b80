using System.CommandLine;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;

namespace MetaAiTracker.Web.Cli;

/// <summary>`tracker ingest PATH...`: one line per file, then the summary. Exit 1 when a file was rejected.</summary>
public static class IngestCommand
{
    public static Command Create(Func<string?, CancellationToken, Task<ServiceProvider>> store, Func<Option<string?>> dbOption)
    {
        var db = dbOption();
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = "Files (.txt .md .html .htm) or folders (recursive)" };
        var cmd = new Command("ingest", "Load articles, extract quotes, events and claims, and store them") { paths, db };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await store(parse.GetValue(db), ct);
            return await RunAsync(sp.GetRequiredService<IngestionService>(), parse.GetValue(paths)!, Console.Out, Console.Error, ct);
        });
        return cmd;
    }

    public static async Task<int> RunAsync(IngestionService ingestion, string[] paths, TextWriter output, TextWriter errors, CancellationToken ct = default)
    {
        var results = new List<IngestResult>();
        string? stopped = null;
        try
        {
            await ingestion.IngestPathsAsync(paths, r =>
            {
                results.Add(r);
                (r.Outcome == IngestOutcome.Rejected ? errors : output).WriteLine(Line(r));
            }, ct);
        }
        catch (StoreException ex)
        {
            // What was committed stays; the summary says what was stored and why it stopped.
            stopped = ex.Message;
        }
        var added = results.Count(r => r.Outcome == IngestOutcome.Added);
        var dups = results.Count(r => r.Outcome == IngestOutcome.Duplicate);
        var rejected = results.Count(r => r.Outcome == IngestOutcome.Rejected);
        output.WriteLine($"{added} added ({results.Sum(r => r.Quotes)} quotes, {results.Sum(r => r.Events)} events, {results.Sum(r => r.Claims)} claims), {dups} duplicate, {rejected} rejected"
            + (stopped is null ? "" : $"; stopped, the files after these were not stored: {stopped}"));
        return rejected > 0 || stopped is not null ? 1 : 0;
    }

    private static string Line(IngestResult r) => r.Outcome switch
    {
        IngestOutcome.Added => $"added      {r.Path} → article {r.ArticleId}: {r.Quotes} quotes, {r.Events} events, {r.Claims} claims",
        IngestOutcome.Duplicate => $"duplicate  {r.Message}",
        _ => $"rejected   {r.Message}",
    };
}

using System.CommandLine;
using MetaAiTracker.Core.Evaluation;
using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;

namespace MetaAiTracker.Web.Cli;

/// <summary>
/// `tracker eval GOLD FOLDER`: scores the shipped rules against hand annotations, reading the articles as ingestion
/// does. It needs no store, so a corpus that must stay out of the repository can be scored where it lies.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string>("GOLD") { Description = "A gold file (docs/extraction.md, \"Gold files\"), or a folder whose gold*.json files are merged" };
        var folder = new Argument<string>("FOLDER") { Description = "The folder that holds the annotated articles" };
        var misses = new Option<int>("--misses") { Description = "How many misses to list (default 200; 0 for none)", DefaultValueFactory = _ => 200 };
        var cmd = new Command("eval", "Score extraction against gold annotations: per-kind precision and recall, and the misses") { gold, folder, misses };
        cmd.SetAction(parse =>
        {
            try
            {
                var corpus = Load(parse.GetValue(gold)!);
                var runs = Scorer.Run(corpus, parse.GetValue(folder)!, ExtractionPipeline.CreateDefault(), Lexicon.Default);
                var report = new Scorer(Lexicon.Default).Score(runs);
                Console.WriteLine($"{runs.Count} articles, rules {ExtractionPipeline.Version}");
                Console.Write(report.ToText(parse.GetValue(misses)));
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArticleRejectedException)
            {
                Console.Error.WriteLine($"tracker eval: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }

    private static GoldCorpus Load(string path)
    {
        if (!Directory.Exists(path)) return GoldCorpus.Load(path);
        var files = Directory.GetFiles(path, "gold*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"no gold*.json file in {path}");
        return GoldCorpus.Merge(files.Select(GoldCorpus.Load));
    }
}

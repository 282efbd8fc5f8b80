using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaAiTracker.Core.Evaluation;

/// <summary>
/// A hand-annotated corpus in the annotation format of docs/extraction.md ("Gold files"): one entry per article
/// file, with every quote, dated event and amount a careful reader finds, and the article's stance, themes and
/// relevance. Keys, cues and speaker forms are substrings of the article body.
/// </summary>
public sealed record GoldCorpus(
    IReadOnlyList<string>? Taxonomy,
    IReadOnlyDictionary<string, GoldArticle> Articles)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a gold file, or throws <see cref="InvalidDataException"/> naming what is wrong with it.</summary>
    public static GoldCorpus Load(string path)
    {
        GoldCorpus? corpus;
        try
        {
            using var stream = File.OpenRead(path);
            corpus = JsonSerializer.Deserialize<GoldCorpus>(stream, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a gold file: {ex.Message}", ex);
        }
        if (corpus?.Articles is not { Count: > 0 })
            throw new InvalidDataException($"{Path.GetFileName(path)} has no articles: an empty gold file scores nothing");
        foreach (var (id, a) in corpus.Articles)
            if (string.IsNullOrWhiteSpace(a.File)) throw new InvalidDataException($"{Path.GetFileName(path)}: article {id} names no file");
        return corpus;
    }

    /// <summary>Several gold files as one corpus (collectors may annotate in parts); an id in two files is an error.</summary>
    public static GoldCorpus Merge(IEnumerable<GoldCorpus> parts)
    {
        var articles = new Dictionary<string, GoldArticle>();
        IReadOnlyList<string>? taxonomy = null;
        foreach (var part in parts)
        {
            taxonomy ??= part.Taxonomy;
            foreach (var (id, a) in part.Articles)
                if (!articles.TryAdd(id, a)) throw new InvalidDataException($"article id {id} is annotated twice");
        }
        return new GoldCorpus(taxonomy, articles);
    }
}

public sealed record GoldArticle(
    string File,
    string? Published,
    [property: JsonPropertyName("about_meta_ai")] bool? AboutMetaAi,
    string? Stance,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<GoldQuote>? Quotes,
    IReadOnlyList<GoldEvent>? Events,
    IReadOnlyList<GoldAmount>? Amounts,
    [property: JsonPropertyName("scare_quotes")] IReadOnlyList<string>? ScareQuotes,
    IReadOnlyList<GoldClaim>? Claims,
    string? Notes);

/// <param name="Speaker">The canonical name first, then the forms this text uses; any of them counts.</param>
public sealed record GoldQuote(IReadOnlyList<string> Speaker, string Key, string? Kind, string? Cue);

/// <param name="Date">2025, 2025-07, 2025-07-14, 2025-Q3, 2025-H2 or a range 2025-06..2025-08.</param>
public sealed record GoldEvent(string Date, [property: JsonPropertyName("resolvable_from")] string? ResolvableFrom, string Key, string? What);

public sealed record GoldAmount(double Value, string Unit, string Key);

/// <summary>Not in the shared format: a sample of claims with their stance, kept for the seeds' own checks.</summary>
public sealed record GoldClaim(string Key, string Stance);

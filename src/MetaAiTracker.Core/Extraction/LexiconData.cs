using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MetaAiTracker.Core.Extraction;

/// <summary>
/// Reads the word lists and rules shipped in <c>Lexicon/*.json</c> (embedded). Keeping them in data lets an
/// editor extend a list without touching the code; the extractors read them once at start.
/// </summary>
public static class LexiconData
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static T Load<T>(string name)
    {
        var resource = "Lexicon." + name;
        using var stream = typeof(LexiconData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Lexicon file '{name}' is not embedded in {typeof(LexiconData).Assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidOperationException($"Lexicon file '{name}' is empty.");
    }
}

using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Extraction;

/// <summary>A theme of the taxonomy, with the words that suggest it (matched on stems).</summary>
public sealed record ThemeDefinition(string Key, string LabelAr, string LabelEn, IReadOnlyList<string> Cues);

/// <summary>
/// The editor-extensible part of the extraction rules: the theme taxonomy and the entity alias table.
/// The defaults ship in Lexicon/themes.json and Lexicon/entities.json; the store may pass its own (edited) copy.
/// </summary>
public sealed class Lexicon
{
    public Lexicon(IReadOnlyList<ThemeDefinition> themes, IReadOnlyList<Entity> entities)
    {
        Themes = themes;
        Entities = entities;
        EntityById = entities.ToDictionary(e => e.Id);
        EntityNames = new PhraseMatcher<string>(entities.SelectMany(e => e.Aliases.Append(e.NameAr).Append(e.NameEn).Select(a => (a, e.Id))), PhraseMatch.Surface);
        ThemeCues = new PhraseMatcher<string>(themes.SelectMany(t => t.Cues.Select(c => (c, t.Key))), PhraseMatch.Stem);
        _nameSkeletons = new Lazy<IReadOnlyDictionary<string, string>>(() => entities
            .Where(e => e.Kind is EntityKind.Person or EntityKind.Company)
            .SelectMany(e => e.Aliases.Append(e.NameAr).Where(NameSkeleton.IsDistinctive).Select(a => (Key: NameSkeleton.Of(a), e.Id)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Id));
    }

    private readonly Lazy<IReadOnlyDictionary<string, string>> _nameSkeletons;

    /// <summary>Consonant skeleton of every distinctive person and company name → entity id (for variant proposals).</summary>
    internal IReadOnlyDictionary<string, string> NameSkeletons => _nameSkeletons.Value;

    public IReadOnlyList<ThemeDefinition> Themes { get; }
    public IReadOnlyList<Entity> Entities { get; }
    public IReadOnlyDictionary<string, Entity> EntityById { get; }
    internal PhraseMatcher<string> EntityNames { get; }
    internal PhraseMatcher<string> ThemeCues { get; }

    private sealed record EntitiesFile(List<Entity> Entities);
    private sealed record ThemesFile(List<ThemeDefinition> Themes);

    public static IReadOnlyList<ThemeDefinition> DefaultThemes { get; } = LexiconData.Load<ThemesFile>("themes.json").Themes;
    public static IReadOnlyList<Entity> DefaultEntities { get; } = LexiconData.Load<EntitiesFile>("entities.json").Entities;
    public static Lexicon Default { get; } = new(DefaultThemes, DefaultEntities);
}

namespace MetaAiTracker.Core.Extraction;

/// <summary>Meta's side of the story (meta.json): the entities a claim, a plan or a relevant article must name.</summary>
public static class MetaSide
{
    private sealed record Rules(List<string> Entities, List<string> CompanyWords);

    private static readonly Rules R = LexiconData.Load<Rules>("meta.json");

    public static IReadOnlySet<string> Entities { get; } = R.Entities.ToHashSet();

    /// <summary>Normalized words that refer back to the company (الشركة) once Meta is named.</summary>
    public static IReadOnlySet<string> CompanyWords { get; } = R.CompanyWords.ToHashSet();
}

using System.Text.RegularExpressions;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// Why extraction proposed a name or a spelling, in the reader's words. The store keeps the extractor's English
/// reason (it is data, written once per proposal); the admin page says it in the reader's language, the quoted
/// Arabic words kept as found.
/// </summary>
public static partial class ProposalWords
{
    private static readonly (Regex Pattern, string Key)[] Reasons =
    [
        (Skeleton(), "reason.skeleton"), (NameAlone(), "reason.nameAlone"), (AfterTitle(), "reason.afterTitle"),
        (BeforeVerb(), "reason.beforeVerb"), (AfterIntro(), "reason.afterIntro"),
    ];

    public static string? Reason(string? reason)
    {
        if (reason is null || Ui.IsEnglish) return reason;
        foreach (var (pattern, key) in Reasons)
            if (pattern.Match(reason) is { Success: true } m) return Ui.T(key, m.Groups.Count > 1 ? m.Groups[1].Value : null);
        return Ui.T("reason.other");
    }

    [GeneratedRegex("^same consonant skeleton as a known alias$")] private static partial Regex Skeleton();
    [GeneratedRegex("^quoted as a speaker by name alone$")] private static partial Regex NameAlone();
    [GeneratedRegex("^quoted as a speaker after «(.*)»$")] private static partial Regex AfterTitle();
    [GeneratedRegex("^quoted as a speaker, «(.*)» after the name$")] private static partial Regex BeforeVerb();
    [GeneratedRegex("^quoted as a source after «(.*)»$")] private static partial Regex AfterIntro();
}

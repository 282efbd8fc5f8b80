using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Editing;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// A value or request a reader can correct, in words: <see cref="Phrase"/> is said on pages in the reader's language,
/// the English message goes to logs, the command line and the API's problem details (or, given a
/// <paramref name="messageLanguage"/>, the message is said in that language, as the date refusal is for the API's reader).
/// </summary>
public sealed class InputException(Phrase phrase, string messageLanguage = "en") : ArgumentException(phrase.In(messageLanguage))
{
    public Phrase Phrase { get; } = phrase;
}

/// <summary>What a page shows for a refusal a service threw: the reader's language, never a service's English.</summary>
public static class UserErrors
{
    public static string Describe(Exception ex) => ex switch
    {
        InputException i => i.Phrase.In(Ui.Current),
        Editing.AliasTakenException a => a.Phrase.In(Ui.Current),
        AccountException { Phrase: { } p } => p.In(Ui.Current),
        FetchException { Phrase: { } p } => p.In(Ui.Current),
        ArticleRejectedException r => Rejected(r.Reason, r.FileName),
        AccessDeniedException => Ui.T("error.denied"),
        KeyNotFoundException => Ui.T("error.gone"),
        EditConflictException => Ui.T("error.conflict"),
        // A refusal nobody gave words to yet: its English would leak into the Arabic interface.
        _ => Ui.IsEnglish ? ex.Message : Ui.T("error.refused"),
    };

    public static Phrase Rejection(RejectReason reason, string fileName) => new("reject." + ReasonKey(reason), fileName);

    private static string Rejected(RejectReason reason, string fileName) => Rejection(reason, fileName).In(Ui.Current);

    private static string ReasonKey(RejectReason r) => char.ToLowerInvariant(r.ToString()[0]) + r.ToString()[1..];
}

namespace MetaAiTracker.Core.Model;

/// <summary>Where an item stands on open versus closed AI models.</summary>
public enum Stance { None, Open, Closed, Mixed }

/// <summary>How precise a date is. A range is stored with its start, end and this granularity, never as one instant.</summary>
public enum DateGranularity { Day, Week, Month, Quarter, Season, Half, Year, Range }

/// <summary>A date as news text gives it: an inclusive range of days, its precision, and whether it is only estimated.</summary>
public sealed record DateRange(DateOnly Start, DateOnly End, DateGranularity Granularity, bool Estimated = false)
{
    /// <summary>
    /// The one range of dates the store holds, whoever gives the date (a file, an editor, a filter, the command line):
    /// the years the date extractor reads in text, so the history an article recalls fits, while a stray 0001-01-01
    /// (many CMSs' "no date") cannot stretch the timeline over two thousand years of empty periods.
    /// </summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2100, 12, 31);

    public static bool Holds(int year) => year >= Earliest.Year && year <= Latest.Year;

    public bool IsHeld => Start >= Earliest && End <= Latest;

    public static DateRange Day(DateOnly d, bool estimated = false) => new(d, d, DateGranularity.Day, estimated);

    public static DateRange Month(int year, int month, bool estimated = false)
    {
        var start = new DateOnly(year, month, 1);
        return new(start, start.AddMonths(1).AddDays(-1), DateGranularity.Month, estimated);
    }

    public static DateRange Year(int year, bool estimated = false) =>
        new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DateGranularity.Year, estimated);

    public static DateRange Quarter(int year, int quarter, bool estimated = false)
    {
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(start, start.AddMonths(3).AddDays(-1), DateGranularity.Quarter, estimated);
    }
}

/// <summary>A half-open span [Start, End) of UTF-16 indexes into an article's stored text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
    public bool Contains(int index) => index >= Start && index < End;
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
    public string Of(string text) => text[Start..End];

    public TextSpan Trim(string text)
    {
        int a = Start, b = End;
        while (a < b && char.IsWhiteSpace(text[a])) a++;
        while (b > a && char.IsWhiteSpace(text[b - 1])) b--;
        return new TextSpan(a, b);
    }
}

public enum EntityKind { Person, Company, Model, Outlet, Product, Place, Other }

/// <summary>A canonical entity and every spelling that names it.</summary>
public sealed record Entity(string Id, EntityKind Kind, string NameAr, string NameEn, IReadOnlyList<string> Aliases);

/// <summary>One place where the text names a known entity.</summary>
public sealed record EntityMention(string EntityId, TextSpan Span, string Surface);

/// <summary>Who a quote is attributed to. Anonymous and institutional sources are kept as such, with no entity.</summary>
public enum SpeakerKind { Person, Organization, Outlet, Anonymous }

public sealed record Speaker(string? EntityId, string Name, SpeakerKind Kind);

public enum QuoteKind { Direct, Indirect, Mixed }

/// <summary>A date found in the text, resolved to a range.</summary>
public sealed record ResolvedDate(DateRange Range, string Text, TextSpan Span, double Confidence);

/// <summary>A quantity found in the text: 65 مليار دولار is Value 65e9, Unit "USD", Currency "USD".</summary>
public sealed record Amount(double Value, string Unit, string? Currency, string Text, TextSpan Span, string? Qualifier = null);

/// <summary>What every extracted item carries: its span, themes, stance and how sure the rule is.</summary>
public abstract record ExtractedItem
{
    public required TextSpan Span { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    public Stance Stance { get; init; } = Stance.None;
    public double Confidence { get; init; } = 0.5;
}

public sealed record ExtractedQuote : ExtractedItem
{
    public required QuoteKind Kind { get; init; }
    /// <summary>The reporting cue as written (وقال، بحسب، أكد أن).</summary>
    public required string Cue { get; init; }
    public Speaker? Speaker { get; init; }
}

public sealed record ExtractedEvent : ExtractedItem
{
    public required string Summary { get; init; }
    /// <summary>launch, report, hire, investment, delay, announcement, plan, funding, partnership, release.</summary>
    public required string EventType { get; init; }
    public ResolvedDate? Date { get; init; }
    public IReadOnlyList<Amount> Amounts { get; init; } = [];
    public IReadOnlyList<string> Actors { get; init; } = [];
}

public sealed record ExtractedClaim : ExtractedItem
{
    public bool Hedged { get; init; }
    public bool Negated { get; init; }
}

/// <summary>An unknown spelling that looks like a known entity: proposed to an editor, never merged silently.</summary>
public sealed record VariantProposal(string EntityId, string Surface, string Reason);

/// <summary>
/// An explicit quantity the article states that no event carries (a share, a head count, a price): kept with the
/// date of its sentence so that no figure the text gives is lost.
/// </summary>
public sealed record Figure(Amount Amount, ResolvedDate? Date);

/// <summary>
/// A speaker the alias table does not know, introduced by a title (المديرة المالية سوزان لي) or an outlet word
/// (موقع بيزنس إنسايدر): proposed to an editor as a new entity, never added silently.
/// </summary>
public sealed record EntityProposal(EntityKind Kind, string Name, string Reason);

/// <summary>Everything the machine found in one article.</summary>
public sealed record ArticleExtraction(
    IReadOnlyList<ExtractedQuote> Quotes,
    IReadOnlyList<ExtractedEvent> Events,
    IReadOnlyList<ExtractedClaim> Claims,
    IReadOnlyList<EntityMention> Mentions,
    IReadOnlyList<string> Themes,
    Stance Stance,
    bool IsRelevant,
    double RelevanceScore,
    IReadOnlyList<VariantProposal> VariantProposals,
    string ExtractorVersion,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<EntityProposal>? EntityProposals = null);

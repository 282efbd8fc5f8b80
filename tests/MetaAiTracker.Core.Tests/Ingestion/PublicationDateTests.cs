using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Ingestion;

/// <summary>The dates editors and front matter give: each precision, estimated or not, and what is refused.</summary>
public class PublicationDateTests
{
    [Theory]
    [InlineData("2025-07-14", "2025-07-14", "2025-07-14", DateGranularity.Day, false)]
    [InlineData("2025-07", "2025-07-01", "2025-07-31", DateGranularity.Month, false)]
    [InlineData("~2025", "2025-01-01", "2025-12-31", DateGranularity.Year, true)]
    [InlineData("2025-Q1", "2025-01-01", "2025-03-31", DateGranularity.Quarter, false)]
    [InlineData("2024-q4", "2024-10-01", "2024-12-31", DateGranularity.Quarter, false)]
    [InlineData("~2026-H1", "2026-01-01", "2026-06-30", DateGranularity.Half, true)]
    [InlineData("2026-H2", "2026-07-01", "2026-12-31", DateGranularity.Half, false)]
    public void ReadsEachPrecision(string text, string start, string end, DateGranularity granularity, bool estimated)
    {
        var date = ArticleMetadata.ParseDate(text)!;
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end), granularity, estimated), (date.Start, date.End, date.Granularity, date.Estimated));
    }

    [Theory]
    [InlineData("2025-Q5")]
    [InlineData("2025-H3")]
    [InlineData("2025-13")]
    [InlineData("الصيف الماضي")]
    [InlineData("1850")]
    [InlineData("0001-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01")]
    [InlineData("2150")]
    [InlineData("2199-Q4")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59+00:00")]
    public void RefusesWhatIsNotADateOrLiesOutsideTheStoresRange(string text) => Assert.Null(ArticleMetadata.ParseDate(text));

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("1900")]
    [InlineData("2100-12")]
    [InlineData("2100-H2")]
    public void TheRangesEdgesAreHeld(string text) => Assert.NotNull(ArticleMetadata.ParseDate(text));
}

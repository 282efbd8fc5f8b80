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
    public void RefusesWhatIsNotADate(string text) => Assert.Null(ArticleMetadata.ParseDate(text));
}

using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests.Components;

public class DateLabelsTests
{
    [Theory]
    [InlineData("2024-07-01", "2024-07-31", DateGranularity.Month, false, "يوليو 2024")]
    [InlineData("2026-01-01", "2026-03-31", DateGranularity.Quarter, false, "الربع الأول 2026")]
    [InlineData("2025-01-01", "2025-12-31", DateGranularity.Year, true, "~2025")]
    [InlineData("2024-07-23", "2024-07-23", DateGranularity.Day, false, "23 يوليو 2024")]
    [InlineData("2024-06-01", "2024-07-31", DateGranularity.Range, true, "~يونيو–يوليو 2024")]
    [InlineData("2025-03-03", "2025-03-09", DateGranularity.Range, false, "3–9 مارس 2025")]
    [InlineData("2024-12-01", "2025-02-28", DateGranularity.Range, false, "ديسمبر 2024 – فبراير 2025")]
    public void ADateIsLabelledWithItsPrecision(string start, string end, DateGranularity g, bool estimated, string expected) =>
        Assert.Equal(expected, DateLabels.Label(DateOnly.Parse(start), DateOnly.Parse(end), g, estimated));
}

using System.Globalization;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests.Components;

public class EnglishLabelsTests
{
    [Theory]
    [InlineData("2024-07-01", "2024-07-31", DateGranularity.Month, false, "July 2024")]
    [InlineData("2026-01-01", "2026-03-31", DateGranularity.Quarter, false, "Q1 2026")]
    [InlineData("2025-01-01", "2025-12-31", DateGranularity.Year, true, "~2025")]
    [InlineData("2024-06-01", "2024-07-31", DateGranularity.Range, false, "June–July 2024")]
    public void DatesFollowTheEnglishInterface(string start, string end, DateGranularity g, bool estimated, string expected)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            Assert.Equal(expected, DateLabels.Label(DateOnly.Parse(start), DateOnly.Parse(end), g, estimated));
            Assert.Equal("open", Labels.Stance(Stance.Open));
            Assert.Equal("Timeline", Ui.T("nav.timeline"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void EveryKeyHasAnEnglishAndAnArabicText()
    {
        var neutral = new System.Resources.ResourceManager("MetaAiTracker.Web.Resources.Ui", typeof(Ui).Assembly);
        var ar = neutral.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var en = neutral.GetResourceSet(new CultureInfo("en"), true, false)!.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.True(ar.Count > 50);
        Assert.Equal(ar.Keys.Order(), en.Keys.Order());
        Assert.All(ar.Values, v => Assert.False(string.IsNullOrWhiteSpace(v)));
        Assert.All(en, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }
}

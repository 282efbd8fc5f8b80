using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;

namespace MetaAiTracker.Web.Tests.Components;

public class TimelineFilterTests
{
    [Fact]
    public void TheIssuesExampleUrlReadsAndWritesBackTheSame()
    {
        const string query = "?theme=openness&theme=talent&stance=closed&from=2025-01";

        var filter = TimelineFilter.FromUri("http://localhost/" + query);

        Assert.Equal(["openness", "talent"], filter.Themes);
        Assert.Equal([Stance.Closed], filter.Stances);
        Assert.Equal(new DateOnly(2025, 1, 1), filter.FromDate);
        Assert.Null(filter.ToDate);
        Assert.Empty(filter.Problems);
        Assert.Equal(query, filter.ToQueryString());
    }

    [Fact]
    public void EveryFilterSurvivesTheRoundTripThroughTheUrl()
    {
        var filter = new TimelineFilter
        {
            Themes = ["investment"], Kinds = [ItemKind.Quote, ItemKind.Event], Stances = [Stance.Open], Statuses = [ReviewStatus.Confirmed],
            Speaker = "mark-zuckerberg", Source = "الجزيرة نت", From = "2024", To = "2025-06-30", Query = "زوكربيرج & «لاما»", OffTopic = true, Zoom = Zoom.Quarter,
        };

        var back = TimelineFilter.FromUri("/" + filter.ToQueryString());

        Assert.Equal(filter.ToQueryString(), back.ToQueryString());
        Assert.Equal("زوكربيرج & «لاما»", back.Query);
        Assert.Equal("الجزيرة نت", back.Source);
        Assert.Equal([ItemKind.Quote, ItemKind.Event], back.Kinds);
        Assert.True(back.OffTopic);
        Assert.Equal(Zoom.Quarter, back.Zoom);
    }

    [Theory]
    [InlineData("2024", true, "2024-01-01")]
    [InlineData("2024", false, "2024-12-31")]
    [InlineData("2024-02", false, "2024-02-29")]
    [InlineData("2025-02", false, "2025-02-28")]
    [InlineData("2025-07-15", true, "2025-07-15")]
    public void DateBoundsCoverTheWholePeriodTheyName(string text, bool start, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), TimelineFilter.Bound(text, start));

    [Theory]
    [InlineData("?from=2025-13", "from=2025-13")]
    [InlineData("?to=yesterday", "to=yesterday")]
    [InlineData("?stance=sideways", "stance=sideways")]
    [InlineData("?kind=2", "kind=2")]
    [InlineData("?status=deleted", "status=deleted")]
    [InlineData("?zoom=decade", "zoom=decade")]
    [InlineData("?layout=tiles", "layout=tiles")]
    public void AValueThatCannotBeReadIsNamedAndLeftOut(string query, string problem)
    {
        var filter = TimelineFilter.FromUri(query);

        Assert.Equal([problem], filter.Problems);
        Assert.True(filter.IsEmpty);
    }

    [Fact]
    public void AClickOnAChartPeriodNarrowsTheViewToItAndZoomsIn()
    {
        var filter = new TimelineFilter { Themes = ["talent"], Zoom = Zoom.Year };

        var year = filter.Narrowed(new DateOnly(2025, 1, 1), Zoom.Year);
        var quarter = filter.Narrowed(new DateOnly(2025, 4, 1), Zoom.Quarter);
        var month = filter.Narrowed(new DateOnly(2025, 7, 1), Zoom.Month);

        Assert.Equal("?theme=talent&from=2025&to=2025&zoom=quarter", year.ToQueryString());
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), (quarter.FromDate!.Value, quarter.ToDate!.Value));
        Assert.Equal("?theme=talent&from=2025-07&to=2025-07", month.ToQueryString());
    }

    [Fact]
    public void AHandPickedSelectionLivesInTheUrlToo()
    {
        var filter = TimelineFilter.FromUri("/?item=9&item=5&item=x&item=9");

        Assert.Equal([9, 5], filter.Items);
        Assert.Equal(["item=x"], filter.Problems);
        Assert.Equal("?item=9&item=5", filter.ToQueryString());
    }

    [Fact]
    public void KeysThatAreNotTheFiltersAreLeftAloneAndTheCommandLineReadsTheSameKeys()
    {
        // The briefing's lang and a saved view's name share the URL with the filter; they are not problems of it.
        var fromUrl = TimelineFilter.FromUri("/briefing.pdf?theme=talent&from=2025-01&lang=en&view=x&item=7");
        Assert.Empty(fromUrl.Problems);
        var fromCli = TimelineFilter.FromQuery([new("theme", "talent"), new("from", "2025-01"), new("item", "7")]);
        Assert.Equal(fromUrl.ToQueryString(), fromCli.ToQueryString());
        Assert.Equal("?theme=talent&from=2025-01&item=7", fromCli.ToQueryString());
    }

    [Fact]
    public void ZoomAloneIsNotAFilter() => Assert.True(new TimelineFilter { Zoom = Zoom.Year }.IsEmpty);

    [Fact]
    public void TheCompactLayoutLivesInTheUrlButIsNotAFilter()
    {
        var compact = TimelineFilter.FromUri("/?theme=talent&layout=compact&view=briefing-name");

        Assert.True(compact.Compact);
        Assert.Empty(compact.Problems);
        Assert.Equal("?theme=talent&layout=compact", compact.ToQueryString());
        Assert.False(compact.IsEmpty);
        Assert.True(new TimelineFilter { Compact = true, Zoom = Zoom.Quarter }.IsEmpty);
        Assert.False(TimelineFilter.FromUri("/?layout=full").Compact);
        Assert.Equal("", TimelineFilter.FromUri("/?layout=full").ToQueryString());
    }
}

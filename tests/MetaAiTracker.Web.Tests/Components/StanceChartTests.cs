using System.Globalization;
using Bunit;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Timeline;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The stance chart as a reader sees it: axes that say what they count, a legend, time in reading order.</summary>
public class StanceChartTests : BunitContext
{
    public StanceChartTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static PeriodCount P(int year, int month, int open, int closed, int mixed = 0, int none = 0) =>
        new(new DateOnly(year, month, 1), open, closed, mixed, none);

    private IRenderedComponent<StanceChart> Chart(IReadOnlyList<PeriodCount> periods, string? language = null, Zoom zoom = Zoom.Month,
        IReadOnlyList<MilestoneRow>? milestones = null) =>
        Render<StanceChart>(p => p.Add(c => c.Periods, periods).Add(c => c.Zoom, zoom).Add(c => c.Language, language)
            .Add(c => c.Milestones, milestones ?? []));

    private static double BarX(AngleSharp.Dom.IElement bar) =>
        double.Parse(bar.QuerySelectorAll("rect")[1].GetAttribute("x")!, CultureInfo.InvariantCulture);

    [Fact]
    public void TheAxesSayWhatTheyCountWithTickValuesAndTheLegendNamesEveryMark()
    {
        var milestone = new MilestoneRow(9, 2, ItemKind.Event, "launch", "أطلقت ميتا Llama 3.1", Stance.Open,
            new DateOnly(2024, 7, 23), new DateOnly(2024, 7, 23), DateGranularity.Day, false);
        var cut = Chart([P(2024, 6, 2, 0), P(2024, 7, 12, 3, mixed: 1), P(2024, 8, 0, 7)], milestones: [milestone]);

        Assert.Equal("عدد العناصر في كل شهر: المنفتحة فوق الخط، والمغلقة تحته", cut.Find(".chart-caption-y").TextContent);
        Assert.Contains("الأقدم يمينًا", cut.Find(".chart-caption-x").TextContent);
        // 12 open at most: ticks of 5 up to 15 on both sides of the zero line, open ones above, closed ones below.
        Assert.Equal(["5", "5", "10", "10", "15", "15", "0"], cut.FindAll("text.y-tick").Select(t => t.TextContent));
        Assert.Equal(["5", "10", "15"], cut.FindAll("text.y-tick.closed").Select(t => t.TextContent));
        var legend = cut.Find(".chart-legend").TextContent;
        Assert.Contains("منفتح (فوق الخط)", legend);
        Assert.Contains("مغلق (تحت الخط)", legend);
        Assert.Contains("مختلط", legend);
        Assert.Contains("يظهر حيث في الفترة 5 عناصر منفتحة أو مغلقة على الأقل", legend);
        Assert.Contains("معلم رئيسي", legend);
        var mark = cut.Find("a.milestone-mark");
        Assert.Equal(("2024-07", "/articles/2#item-9"), (mark.GetAttribute("data-period"), mark.GetAttribute("href")));
    }

    [Fact]
    public void InEnglishTheCaptionsAndLegendAreEnglish()
    {
        var cut = Chart([P(2024, 6, 6, 0), P(2024, 7, 2, 3)], language: "en");

        Assert.Equal("Items per month: open above the line, closed below", cut.Find(".chart-caption-y").TextContent);
        Assert.Contains("earliest on the left", cut.Find(".chart-caption-x").TextContent);
        Assert.Contains("shown where a period has at least 5 open or closed items", cut.Find(".chart-legend").TextContent);
        Assert.Empty(cut.FindAll(".legend-milestone"));
        Assert.Empty(cut.FindAll(".legend-mixed"));
    }

    [Fact]
    public void APeriodUnderTheThresholdHasNoBalanceAndSaysWhy()
    {
        var cut = Chart([P(2025, 1, 1, 0), P(2025, 2, 0, PeriodCount.MinItemsForBalance - 1, none: 9), P(2025, 3, 3, 2)]);

        var bars = cut.FindAll("a.chart-bar");
        Assert.Contains("لا ميزان (أقل من 5 عناصر منفتحة أو مغلقة)", bars[0].QuerySelector("title")!.TextContent);
        Assert.Contains("لا ميزان", bars[1].QuerySelector("title")!.TextContent);
        Assert.Contains("الميزان +0.20", bars[2].QuerySelector("title")!.TextContent);
        // One point, for March only; no line runs through the months that have too few items.
        Assert.Single(cut.FindAll("circle.balance-point"));
        Assert.Empty(cut.FindAll("polyline.balance"));
        Assert.Null(P(2025, 1, 1, 0).Balance);
        Assert.DoesNotContain("-1.00", cut.Markup);
        Assert.DoesNotContain("+1.00", cut.Markup);
    }

    [Fact]
    public void TimeRunsRightToLeftInArabicAndLeftToRightInEnglish()
    {
        PeriodCount[] periods = [P(2025, 1, 5, 0), P(2025, 2, 0, 5), P(2025, 3, 2, 2)];
        var arabic = Chart(periods).FindAll("a.chart-bar").Select(BarX).ToList();
        var english = Chart(periods, language: "en").FindAll("a.chart-bar").Select(BarX).ToList();

        Assert.Equal(arabic.OrderDescending(), arabic);
        Assert.Equal(english.Order(), english);
        Assert.Equal("rtl", Chart(periods).Find(".stance-chart-box").GetAttribute("dir"));
        Assert.Equal("ltr", Chart(periods, language: "en").Find(".stance-chart-box").GetAttribute("dir"));
    }

    [Fact]
    public void QuarterLabelsAreWordsInArabicNeverQ1()
    {
        var cut = Chart([P(2023, 1, 1, 0), P(2023, 4, 0, 1), P(2023, 7, 0, 0), P(2023, 10, 2, 0)], zoom: Zoom.Quarter);
        var english = Chart([P(2023, 1, 1, 0), P(2023, 4, 0, 1)], language: "en", zoom: Zoom.Quarter);

        var labels = cut.FindAll("text.x-label").Select(t => string.Join(' ', t.QuerySelectorAll("tspan").Select(s => s.TextContent))).ToList();
        Assert.Contains("الربع الأول 2023", labels);
        Assert.All(labels, l => Assert.Matches("^الربع (الأول|الثاني|الثالث|الرابع) 2023$", l));
        Assert.DoesNotContain("Q", cut.Find("svg").TextContent);
        Assert.Contains("Q1 2023", english.FindAll("text.x-label").Select(t => string.Join(' ', t.QuerySelectorAll("tspan").Select(s => s.TextContent))));
        Assert.Equal("عدد العناصر في كل ربع: المنفتحة فوق الخط، والمغلقة تحته", cut.Find(".chart-caption-y").TextContent);
    }

    [Fact]
    public void ManyMonthsAreLabelledOnAGridThatLeavesRoomForEachLabel()
    {
        var months = Enumerable.Range(0, 120).Select(k => P(2015 + k / 12, k % 12 + 1, k % 3, 0)).ToList();
        var cut = Chart(months);

        var labels = cut.FindAll("text.x-label").Select(t => t.TextContent.Trim()).ToList();
        // Ten years of months on a phone-sized chart: one label a year, on January, and only the year.
        Assert.Equal(Enumerable.Range(2015, 10).Select(y => y.ToString(CultureInfo.InvariantCulture)), labels);
    }
}

using Bunit;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The shared components rendered with bUnit: what a reader sees of an item, a chart bar, a search hit.</summary>
public class ComponentRenderTests : BunitContext, IAsyncLifetime
{
    public ComponentRenderTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    private static TimelineRow Row(DateOnly? start, bool estimated, DateGranularity g = DateGranularity.Month) => new(
        7, 3, ItemKind.Quote, "«المصدر المفتوح هو الطريق»", null, Stance.Open, ReviewStatus.Machine, false,
        start, start?.AddMonths(1).AddDays(-1), start is null ? null : g, estimated,
        "mark-zuckerberg", "زوكربيرج", "الجزيرة نت", "عنوان المقالة", ["openness"], ["mark-zuckerberg"]);

    [Fact]
    public void AnEstimatedItemSaysSoAndLinksToItsSpanInTheArticle()
    {
        var cut = Render<ItemCard>(p => p
            .Add(c => c.Row, Row(new DateOnly(2024, 7, 1), estimated: true))
            .Add(c => c.Themes, new Dictionary<string, string> { ["openness"] = "الانفتاح" })
            .Add(c => c.Entities, new Dictionary<string, string> { ["mark-zuckerberg"] = "مارك زوكربيرغ" }));

        Assert.Contains("lane-estimated", cut.Find(".item-card").ClassName);
        Assert.Equal("~يوليو 2024", cut.Find(".item-date").TextContent);
        Assert.Equal("تاريخ تقديري", cut.Find(".lane-tag").TextContent);
        Assert.Equal("/articles/3#item-7", cut.Find("a.source-link").GetAttribute("href"));
        Assert.Equal("مارك زوكربيرغ", cut.Find("a.speaker").TextContent);
        Assert.Equal("الانفتاح", cut.Find(".theme-tag").TextContent);
        Assert.Equal("rtl", cut.Find(".item-text").GetAttribute("dir"));
    }

    [Fact]
    public void ADatedItemHasNoLaneTagAndAnUndatedOneSaysSo()
    {
        var dated = Render<ItemCard>(p => p.Add(c => c.Row, Row(new DateOnly(2025, 1, 1), estimated: false, DateGranularity.Quarter)));
        var undated = Render<ItemCard>(p => p.Add(c => c.Row, Row(null, estimated: false)));

        Assert.Empty(dated.FindAll(".lane-tag"));
        Assert.Equal("الربع الأول 2025", dated.Find(".item-date").TextContent);
        Assert.Contains("lane-undated", undated.Find(".item-card").ClassName);
        Assert.Equal("بلا تاريخ", undated.Find(".lane-tag").TextContent);
    }

    [Fact]
    public void SearchStemsMarkWholeWordsInTheItemText()
    {
        var cut = Render<ItemCard>(p => p
            .Add(c => c.Row, Row(new DateOnly(2024, 7, 1), false) with { Text = "قال إن المصادر المفتوحة والمصدر المغلق يتنافسان" })
            .Add(c => c.Stems, Core.Text.SearchText.QueryStems("مصدر")));

        Assert.Equal(["والمصدر"], cut.FindAll("mark").Select(m => m.TextContent));
    }

    private static string Words(int count, string word = "كلمة") => string.Join(' ', Enumerable.Repeat(word, count));

    [Fact]
    public void AQuoteIsShownWholeHoweverLongAndALongClaimFoldsBehindMore()
    {
        var quoteText = "«" + Words(120) + " آخر الاقتباس»";
        var quote = Render<ItemCard>(p => p.Add(c => c.Row, Row(new DateOnly(2024, 7, 1), false) with { Text = quoteText }));
        var claimText = Words(60) + " ثم تنتهي الجملة هنا بعد كلام طويل جدا " + Words(20);
        var claim = Render<ItemCard>(p => p.Add(c => c.Row, Row(new DateOnly(2024, 7, 1), false) with { Kind = ItemKind.Claim, Text = claimText }));

        Assert.True(quoteText.Length > 2 * ItemCard.FoldAt);
        Assert.Equal(quoteText, quote.Find(".item-text .search-hit").TextContent);
        Assert.Empty(quote.FindAll("button.more"));

        var folded = claim.Find(".item-text .search-hit").TextContent;
        Assert.True(folded.Length <= ItemCard.FoldAt && claimText.StartsWith(folded, StringComparison.Ordinal), folded);
        claim.Find("button.more").Click();
        Assert.Equal(claimText, claim.Find(".item-text .search-hit").TextContent);
        Assert.Equal("أقل", claim.Find("button.more").TextContent);
    }

    [Theory]
    [InlineData("«", "»")]
    [InlineData("\"", "\"")]
    [InlineData("“", "”")]
    public void ALongTextNeverFoldsInsideAQuotation(string open, string close)
    {
        var text = Words(40) + " قال " + open + Words(30, "نص") + close + " " + Words(40, "بعد");
        var cut = Snippet.FoldAt(text, ItemCard.FoldAt);

        Assert.True(ItemCard.FoldAt > text.IndexOf(open, StringComparison.Ordinal) && ItemCard.FoldAt < text.LastIndexOf(close, StringComparison.Ordinal));
        Assert.NotNull(cut);
        Assert.Equal(text.LastIndexOf(close, StringComparison.Ordinal) + 1, cut);
        Assert.Null(Snippet.FoldAt(Words(20), ItemCard.FoldAt));
    }

    [Fact]
    public void AFoldNeverHidesTheFirstMatchedWord()
    {
        var text = Words(80) + " والمصدر " + Words(30);
        var cut = Render<ItemCard>(p => p
            .Add(c => c.Row, Row(new DateOnly(2024, 7, 1), false) with { Kind = ItemKind.Claim, Text = text })
            .Add(c => c.Stems, Core.Text.SearchText.QueryStems("مصدر")));

        Assert.Equal(["والمصدر"], cut.FindAll(".item-text mark").Select(m => m.TextContent));
        Assert.NotEmpty(cut.FindAll("button.more"));
    }

    [Fact]
    public void AnEventAndItsClaimShowOnOneCardWithTheEventsDateAndTheClaimsStance()
    {
        var evt = Row(new DateOnly(2023, 1, 1), false, DateGranularity.Year) with
        {
            Id = 54, Kind = ItemKind.Event, Stance = Stance.None, Text = "منذ إطلاقها لأول مرة في عام 2023، أصبحت نماذج Llama قوة دافعة", DateText = "في عام 2023",
        };
        evt.Readings.Add(Row(new DateOnly(2025, 4, 1), true) with { Id = 58, Kind = ItemKind.Claim, Stance = Stance.Open, Hedged = true, Themes = ["models"] });
        var cut = Render<ItemCard>(p => p.Add(c => c.Row, evt));

        Assert.Single(cut.FindAll(".item-card"));
        Assert.Equal("54 58", cut.Find(".item-card").GetAttribute("data-items"));
        Assert.Equal(["حدث", "ادعاء"], cut.FindAll(".kind-tag").Select(k => k.TextContent));
        Assert.Equal("2023", cut.Find(".item-date").TextContent);
        Assert.Equal("«في عام 2023»", cut.Find(".date-text").TextContent);
        Assert.Equal("منفتح", cut.Find(".stance-tag").TextContent);
        Assert.NotEmpty(cut.FindAll(".hedged"));
        Assert.Equal(["openness", "models"], cut.FindAll(".theme-tag").Select(t => t.TextContent));
    }

    [Fact]
    public void TheCompactLineOpensIntoTheFullCardAndFoldsBack()
    {
        var cut = Render<ItemCard>(p => p.Add(c => c.Row, Row(new DateOnly(2024, 7, 1), false)).Add(c => c.Compact, true));

        Assert.Empty(cut.FindAll(".item-card"));
        Assert.Contains("اقتباس", cut.Find("button.item-line").TextContent);
        Assert.Contains("يوليو 2024", cut.Find("button.item-line .item-date").TextContent);
        cut.Find("button.item-line").Click();
        Assert.Equal("«المصدر المفتوح هو الطريق»", cut.Find(".item-card .item-text").TextContent.Trim());
        cut.Find("button.fold").Click();
        Assert.Empty(cut.FindAll(".item-card"));
    }

    [Theory]
    [InlineData("Meta تدرس استخدام نماذج Google", "rtl")]
    [InlineData("زوكربيرج يطلق Llama 3.1", "rtl")]
    [InlineData("Meta weighs Google models", "ltr")]
    public void ATitleTakesTheDirectionOfItsLanguageNotOfItsFirstLetter(string title, string dir) =>
        Assert.Equal(dir, Bidi.Dir(title));

    [Fact]
    public void EachChartBarLinksToTheTimelineNarrowedToItsMonth()
    {
        var filter = new TimelineFilter { Themes = ["talent"] };
        var cut = Render<StanceChart>(p => p
            .Add(c => c.Periods, [new PeriodCount(new DateOnly(2025, 6, 1), 4, 1, 0, 2), new PeriodCount(new DateOnly(2025, 7, 1), 0, 5, 1, 0)])
            .Add(c => c.Link, d => filter.Narrowed(d, Zoom.Month).Href()));

        var bars = cut.FindAll("a.chart-bar");
        Assert.Equal(2, bars.Count);
        Assert.Equal("/?theme=talent&from=2025-07&to=2025-07", bars[1].GetAttribute("href"));
        Assert.Contains("مغلق 5", bars[1].QuerySelector("title")!.TextContent);
        // The balance line: +0.6 for 4 open against 1 closed, -1 for 5 closed and none open.
        Assert.Contains("الميزان +0.60", bars[0].QuerySelector("title")!.TextContent);
        Assert.Contains("الميزان -1.00", bars[1].QuerySelector("title")!.TextContent);
        Assert.Equal(2, cut.Find("polyline.balance").GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public void TheBalanceLineBreaksWhereNoItemLeansEitherWay()
    {
        var cut = Render<StanceChart>(p => p.Add(c => c.Periods,
        [
            new PeriodCount(new DateOnly(2025, 1, 1), 5, 0, 0, 0), new PeriodCount(new DateOnly(2025, 2, 1), 3, 3, 0, 0),
            new PeriodCount(new DateOnly(2025, 3, 1), 0, 0, 0, 3), new PeriodCount(new DateOnly(2025, 4, 1), 0, 6, 0, 0),
        ]));

        // A run of two periods is a line; the lone period after the gap is a point, not a line.
        var runs = cut.FindAll("polyline.balance").Select(l => l.GetAttribute("points")!.Split(' ').Length).ToList();
        Assert.Equal([2], runs);
        Assert.Equal(3, cut.FindAll("circle.balance-point").Count);
    }

    [Fact]
    public void AnEmptyChartSaysThereIsNothingToDraw()
    {
        var cut = Render<StanceChart>(p => p.Add(c => c.Periods, []));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Contains("لا عناصر مؤرخة", cut.Markup);
    }
}

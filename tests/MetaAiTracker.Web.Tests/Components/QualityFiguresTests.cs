using Bunit;
using MetaAiTracker.Web.Components.Pages.Overview;
using MetaAiTracker.Web.Components.Pages.Quality;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Tests.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>A share is shown with the count it is from, and not at all from too few: one confirmation is not "100 %".</summary>
public class QualityFiguresTests : BunitContext
{
    public QualityFiguresTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task OneConfirmationSaysNotEnoughDecisionsYetAndTenShowTheShareWithTheirCount()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        Services.AddSingleton(store.Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
        var review = store.Services.GetRequiredService<ReviewService>();
        List<Item> quotes;
        await using (var db = await store.DbAsync())
            quotes = await db.Items.Where(i => i.Kind == ItemKind.Quote && i.AddedBy == null).OrderBy(i => i.Id).Take(KindQuality.MinDecisions).ToListAsync();
        Assert.Equal(KindQuality.MinDecisions, quotes.Count);

        await review.ConfirmAsync(People.Editor, quotes[0].Id, quotes[0].Version);
        var one = Render<QualityPage>();
        one.WaitForAssertion(() => Assert.Contains("لا قرارات كافية بعد (قرار واحد", one.Find("tr[data-kind=Quote] .precision").TextContent));
        Assert.DoesNotContain("100 %", one.Find("tr[data-kind=Quote] .precision").TextContent);
        Assert.Contains("عنصر معروف واحد", one.Find("tr[data-kind=Quote] .recall").TextContent);

        foreach (var q in quotes.Skip(1)) await review.ConfirmAsync(People.Editor, q.Id, q.Version);
        var ten = Render<QualityPage>();
        ten.WaitForAssertion(() => Assert.StartsWith("100 % (10 قرارات)", ten.Find("tr[data-kind=Quote] .precision").TextContent.Trim()));
        Assert.Equal("true", ten.Find("tr[data-kind=Quote] .precision").GetAttribute("data-enough"));
    }

    [Theory]
    [InlineData(1, 0, 0, 1, false)]   // one article's quote against one the month before: no shift to label
    [InlineData(5, 0, 3, 1, false)]   // enough this month, not the month before
    [InlineData(4, 1, 3, 2, true)]
    public void AShiftIsLabelledOnlyWhenBothMonthsHaveEnoughLeaningItems(int open, int closed, int previousOpen, int previousClosed, bool shown)
    {
        var row = new ThemeStanceRow("openness", open, closed, 0, 0, previousOpen + previousClosed, previousOpen - previousClosed, previousOpen + previousClosed);
        Assert.Equal(shown, row.ShiftShown);
    }
}

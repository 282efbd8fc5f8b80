using Bunit;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Pages.Admin;
using MetaAiTracker.Web.Editing;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The admin's list of proposed new entities: what each row says and what accepting one sends.</summary>
public class ProposedEntitiesTests : BunitContext
{
    [Fact]
    public void EachProposalShowsItsCountAndFirstArticleAndSendsTheIdTheAdminChose()
    {
        ProposedEntities.Acceptance? accepted = null;
        int? refused = null;
        var cut = Render<ProposedEntities>(p => p
            .Add(c => c.Rows, [
                new ProposedEntityRow(7, EntityKind.Person, "سلمى القاسم", "quoted as a speaker after «المديرة المالية»", 3, 12),
                new ProposedEntityRow(8, EntityKind.Outlet, "Silicon Weekly", "quoted as a source after «مجلة»", 1, 40)])
            .Add(c => c.OnAccept, a => accepted = a)
            .Add(c => c.OnRefuse, id => refused = id));

        var person = cut.Find("tr[data-proposal='7']");
        Assert.Contains("سلمى القاسم", person.TextContent);
        Assert.Equal("3", person.QuerySelector(".count")!.TextContent);
        Assert.Equal("/articles/12", person.QuerySelector("a")!.GetAttribute("href"));
        // A Latin name is its own English name and id; an Arabic one is left for the admin to type.
        Assert.Equal("", person.QuerySelector("input[name=entityId]")!.GetAttribute("value"));
        Assert.Equal("silicon-weekly", cut.Find("tr[data-proposal='8'] input[name=entityId]").GetAttribute("value"));

        cut.Find("tr[data-proposal='7'] input[name=nameEn]").Change("Salma Al-Qasim");
        Assert.Equal("salma-al-qasim", cut.Find("tr[data-proposal='7'] input[name=entityId]").GetAttribute("value"));
        cut.Find("tr[data-proposal='7'] button.confirm").Click();
        cut.Find("tr[data-proposal='8'] button.reject").Click();

        Assert.Equal(new ProposedEntities.Acceptance(7, "salma-al-qasim", "Salma Al-Qasim"), accepted);
        Assert.Equal(8, refused);
    }

    [Fact]
    public void NothingProposedRendersNothing() =>
        Assert.Empty(Render<ProposedEntities>(p => p.Add(c => c.Rows, [])).Markup.Trim());
}

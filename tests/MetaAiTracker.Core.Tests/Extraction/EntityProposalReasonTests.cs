namespace MetaAiTracker.Core.Tests.Extraction;

public class EntityProposalReasonTests
{
    [Fact]
    public void A_proposal_names_its_title_as_the_article_writes_it_not_folded()
    {
        var x = Run.Pipeline("قالت المديرة المالية للشركة سلمى القاسم إن ميتا ستزيد إنفاقها على مراكز البيانات.");

        var proposal = Assert.Single(x.EntityProposals!);
        Assert.Equal("سلمى القاسم", proposal.Name);
        Assert.Contains("«المديرة المالية", proposal.Reason);
    }
}

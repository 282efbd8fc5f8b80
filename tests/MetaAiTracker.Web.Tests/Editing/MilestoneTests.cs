using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Editing;

/// <summary>Editors mark and unmark milestones on the seeds in a real SQLite store: audited, refused to analysts, kept through re-extraction.</summary>
public class MilestoneTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private ReviewService _review = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await _store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        _review = _store.Services.GetRequiredService<ReviewService>();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<Item> EventAsync(bool milestone)
    {
        await using var db = await _store.DbAsync();
        return await db.Items.Where(i => i.Kind == ItemKind.Event && i.IsMilestone == milestone && i.Status == ReviewStatus.Machine).OrderBy(i => i.Id).FirstAsync();
    }

    [Fact]
    public async Task AnEditorMarksAndUnmarksAMilestoneEachChangeAuditedInItsTransaction()
    {
        var plain = await EventAsync(milestone: false);

        var marked = await _review.SetMilestoneAsync(People.Editor, plain.Id, plain.Version, true);
        var unmarked = await _review.SetMilestoneAsync(People.OtherEditor, plain.Id, marked.Version, false);

        Assert.True(marked.IsMilestone);
        Assert.False(unmarked.IsMilestone);
        await using var db = await _store.DbAsync();
        var stored = await db.Items.SingleAsync(i => i.Id == plain.Id);
        // Judging an item's weight is reading it: a machine item is confirmed by it.
        Assert.Equal((false, ReviewStatus.Confirmed, plain.Version + 2), (stored.IsMilestone, stored.Status, stored.Version));
        var audit = await db.Audit.Where(a => a.TargetType == "item" && a.TargetId == plain.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("item.milestone", "huda"), ("item.milestone", "karim")], audit.Select(a => (a.Action, a.UserName)));
        Assert.Equal(plain.ArticleId, audit[0].ArticleId);
        Assert.Contains(AuditLog.Changes(audit[0]), c => c == ("IsMilestone", "false", "true"));
        Assert.Contains(AuditLog.Changes(audit[0]), c => c == ("Status", "Machine", "Confirmed"));
        Assert.Contains(AuditLog.Changes(audit[1]), c => c == ("IsMilestone", "true", "false"));
    }

    [Fact]
    public async Task AnAnalystOrAnonymousCannotMarkAMilestoneAndNothingChanges()
    {
        var item = await EventAsync(milestone: false);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _review.SetMilestoneAsync(People.Analyst, item.Id, item.Version, true));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _review.SetMilestoneAsync(People.Anonymous, item.Id, item.Version, true));

        await using var db = await _store.DbAsync();
        var stored = await db.Items.SingleAsync(i => i.Id == item.Id);
        Assert.Equal((false, ReviewStatus.Machine, item.Version), (stored.IsMilestone, stored.Status, stored.Version));
        Assert.Empty(await db.Audit.ToListAsync());
    }

    [Fact]
    public async Task AStaleVersionIsRefusedAsAConflict()
    {
        var item = await EventAsync(milestone: false);
        await _review.SetMilestoneAsync(People.Editor, item.Id, item.Version, true);

        await Assert.ThrowsAsync<EditConflictException>(() => _review.SetMilestoneAsync(People.OtherEditor, item.Id, item.Version, false));
    }

    [Fact]
    public async Task EditorsChoicesSurviveReextraction()
    {
        var proposed = await EventAsync(milestone: true);
        var plain = await EventAsync(milestone: false);
        await _review.SetMilestoneAsync(People.Editor, proposed.Id, proposed.Version, false);
        await _review.SetMilestoneAsync(People.Editor, plain.Id, plain.Version, true);

        var summary = await _store.Ingestion.ReextractAsync();

        await using var db = await _store.DbAsync();
        Assert.False((await db.Items.SingleAsync(i => i.Id == proposed.Id)).IsMilestone);
        Assert.True((await db.Items.SingleAsync(i => i.Id == plain.Id)).IsMilestone);
        Assert.True(summary.KeptReviewed >= 2);
        // The machine's other proposals are made again, and the one an editor refused is not proposed twice over it.
        Assert.False(await db.Items.AnyAsync(i => i.IsMilestone && i.Status == ReviewStatus.Machine && i.ArticleId == proposed.ArticleId
            && i.Start < proposed.End && proposed.Start < i.End));
        Assert.True(await db.Items.AnyAsync(i => i.IsMilestone && i.Status == ReviewStatus.Machine));
    }
}

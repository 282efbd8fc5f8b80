using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Timeline;

/// <summary>One article of a story cluster, as the timeline, the reader and the briefing name it.</summary>
public sealed record StoryMember(int ArticleId, int StoryId, string? Source, string Title, DateOnly? Published, bool IsOrigin)
{
    public DateGranularity? Granularity { get; init; }
    public bool Estimated { get; init; }
}

/// <summary>The story clusters of articles: who else published the same story, and where it came from first.</summary>
public static class Stories
{
    /// <summary>
    /// For each of <paramref name="articleIds"/> in a cluster, every member of it, the origin first, then by
    /// publication; articles alone are left out.
    /// </summary>
    public static async Task<Dictionary<int, List<StoryMember>>> OfAsync(TrackerDbContext db, IReadOnlyCollection<int> articleIds, CancellationToken ct = default)
    {
        if (articleIds.Count == 0) return [];
        var storyOf = await db.Articles.Where(a => articleIds.Contains(a.Id) && a.StoryId != null)
            .Select(a => new { a.Id, StoryId = a.StoryId!.Value }).ToListAsync(ct);
        if (storyOf.Count == 0) return [];
        var stories = storyOf.Select(s => s.StoryId).Distinct().ToList();
        var members = (await db.Articles.Where(a => a.StoryId != null && stories.Contains(a.StoryId.Value))
                .Select(a => new StoryMember(a.Id, a.StoryId!.Value, a.Source, a.Title, a.PublishedStart, a.IsOrigin)
                    { Granularity = a.PublishedGranularity, Estimated = a.PublishedEstimated }).ToListAsync(ct))
            .OrderByDescending(m => m.IsOrigin).ThenBy(m => m.Published is null).ThenBy(m => m.Published).ThenBy(m => m.ArticleId)
            .GroupBy(m => m.StoryId).ToDictionary(g => g.Key, g => g.ToList());
        return storyOf.Where(s => members.GetValueOrDefault(s.StoryId) is { Count: > 1 })
            .ToDictionary(s => s.Id, s => members[s.StoryId]);
    }
}

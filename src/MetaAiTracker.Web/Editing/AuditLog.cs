using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Editing;

/// <summary>Writes audit entries into the caller's context, so an entry is saved with its change or not at all.</summary>
public static class AuditLog
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Arabic stays readable in the audit table and the admin page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Add(TrackerDbContext db, ClaimsPrincipal user, DateTimeOffset at, string action, string targetType, string targetId,
        int? articleId, object? before, object? after) =>
        db.Audit.Add(Entry(user, at, action, targetType, targetId, articleId, before, after));

    public static AuditEntry Entry(ClaimsPrincipal user, DateTimeOffset at, string action, string targetType, string targetId,
        int? articleId, object? before, object? after) => new()
        {
            At = at, UserName = TrackerRoles.NameOf(user), Action = action, TargetType = targetType, TargetId = targetId, ArticleId = articleId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };

    /// <summary>The fields an entry changed, each with its value before and after ("–" when absent): what a reader wants from a diff.</summary>
    public static List<(string Field, string Before, string After)> Changes(AuditEntry entry)
    {
        static Dictionary<string, string> Fields(string? json) => json is null ? [] :
            JsonDocument.Parse(json).RootElement is { ValueKind: JsonValueKind.Object } o
                ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                : new() { ["value"] = json };
        var (before, after) = (Fields(entry.Before), Fields(entry.After));
        return [.. before.Keys.Union(after.Keys)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => (k, before.GetValueOrDefault(k) ?? "–", after.GetValueOrDefault(k) ?? "–"))];
    }

    public static string Describe(AuditEntry entry) =>
        string.Join("; ", Changes(entry).Select(c => $"{c.Field}: {Shorten(c.Before)} → {Shorten(c.After)}"));

    private static string Shorten(string s) => s.Length > 80 ? s[..80] + "…" : s;

    public static Task<List<AuditEntry>> HistoryAsync(TrackerDbContext db, string targetType, string targetId, CancellationToken ct = default) =>
        db.Audit.AsNoTracking().Where(a => a.TargetType == targetType && a.TargetId == targetId).OrderByDescending(a => a.Id).ToListAsync(ct);

    /// <summary>The history of every item of an article (one indexed read), by item id, newest first.</summary>
    public static async Task<Dictionary<int, List<AuditEntry>>> ItemHistoryAsync(TrackerDbContext db, int articleId, CancellationToken ct = default) =>
        (await db.Audit.AsNoTracking().Where(a => a.ArticleId == articleId && a.TargetType == "item").OrderByDescending(a => a.Id).ToListAsync(ct))
            .GroupBy(a => int.Parse(a.TargetId, System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());

    public static Task<List<AuditEntry>> RecentAsync(TrackerDbContext db, int take, string? user = null, CancellationToken ct = default) =>
        db.Audit.AsNoTracking().Where(a => user == null || a.UserName == user).OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
}

/// <summary>
/// A save refused because someone else changed the same thing since it was read (optimistic concurrency). The
/// message says who changed it, when and how; <see cref="Other"/> carries that change for the page to show.
/// </summary>
public sealed class EditConflictException(string message, AuditEntry? other) : Exception(message)
{
    public AuditEntry? Other { get; } = other;

    public static async Task<EditConflictException> CreateAsync(TrackerDbContext db, string targetType, string targetId, CancellationToken ct)
    {
        var other = await db.Audit.AsNoTracking().Where(a => a.TargetType == targetType && a.TargetId == targetId)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var by = other is null ? "someone else" : $"{other.UserName} at {other.At:yyyy-MM-dd HH:mm} UTC ({other.Action}: {AuditLog.Describe(other)})";
        return new EditConflictException($"{targetType} {targetId} was changed by {by} after you opened it. Your change was not saved: reload and apply it again.", other);
    }
}

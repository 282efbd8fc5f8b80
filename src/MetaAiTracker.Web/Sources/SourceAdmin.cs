using System.Globalization;
using System.Security.Claims;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Sources;

/// <summary>Adds, lists and removes watched sources for admins (the admin page and `tracker sources`), audited.</summary>
public sealed class SourceAdmin(IDbContextFactory<TrackerDbContext> dbFactory, TimeProvider clock, ILogger<SourceAdmin> logger)
{
    public const int MinInterval = 1, MaxInterval = 10_080, DefaultInterval = 30;

    /// <summary>A feed's http(s) address or a folder on the server (a full path to a folder that exists); first polled at once.</summary>
    /// <exception cref="InputException">The address or the interval cannot be used; the phrase says why.</exception>
    public async Task<WatchedSource> AddAsync(ClaimsPrincipal user, string? address, int intervalMinutes = DefaultInterval, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "add sources", logger);
        var (kind, value) = Classify(address);
        if (intervalMinutes is < MinInterval or > MaxInterval) throw new InputException(new Phrase("source.error.interval", intervalMinutes, MinInterval, MaxInterval));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Sources.AnyAsync(s => s.Address == value, ct)) throw new InputException(new Phrase("source.error.exists", value));
        var now = clock.GetUtcNow();
        var source = new WatchedSource { Kind = kind, Address = value, IntervalMinutes = intervalMinutes, AddedAt = now.UtcDateTime, NextPollAt = now.UtcDateTime };
        db.Sources.Add(source);
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, user, now, "source.add", "source", source.Id.ToString(CultureInfo.InvariantCulture), null, null, new { kind, address = value, intervalMinutes });
        await db.SaveChangesAsync(ct);
        return source;
    }

    public async Task<List<WatchedSource>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>Removes a source by id or address; the articles it brought stay.</summary>
    public async Task<WatchedSource> RemoveAsync(ClaimsPrincipal user, string idOrAddress, CancellationToken ct = default)
    {
        Access.Require(user, TrackerRoles.Admin, "remove sources", logger);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = idOrAddress.Trim();
        var source = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Sources.SingleOrDefaultAsync(s => s.Id == id, ct)
            : await db.Sources.SingleOrDefaultAsync(s => s.Address == key, ct);
        if (source is null) throw new InputException(new Phrase("source.error.unknown", key));
        db.Sources.Remove(source);
        AuditLog.Add(db, user, clock.GetUtcNow(), "source.remove", "source", source.Id.ToString(CultureInfo.InvariantCulture), null,
            new { source.Kind, source.Address, source.IntervalMinutes }, null);
        await db.SaveChangesAsync(ct);
        return source;
    }

    private static (SourceKind, string) Classify(string? address)
    {
        var value = address?.Trim() ?? "";
        if (value.Length == 0) throw new InputException(new Phrase("source.error.empty"));
        if (value.Length > 2048) throw new InputException(new Phrase("source.error.tooLong", 2048));
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && EditorInput.IsWeb(uri)) return (SourceKind.Feed, uri.ToString());
        if (Path.IsPathFullyQualified(value))
            return Directory.Exists(value) ? (SourceKind.Folder, Path.TrimEndingDirectorySeparator(Path.GetFullPath(value)))
                : throw new InputException(new Phrase("source.error.noFolder", value));
        throw new InputException(new Phrase("source.error.address", value));
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using MetaAiTracker.Core.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MetaAiTracker.Web.Data;

/// <summary>Creates and migrates the database and fills the reference tables (themes, entities) on first use.</summary>
public static class TrackerDbSetup
{
    /// <summary>A store that cannot be used (read-only, corrupt, not a database) ends in a <see cref="StoreException"/> naming it.</summary>
    public static async Task MigrateAsync(IDbContextFactory<TrackerDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var path = db.Database.GetDbConnection().DataSource;
        try
        {
            if (path is { Length: > 0 } && path != ":memory:")
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await MigrateAndSeedAsync(db, ct);
        }
        catch (SqliteException ex) when (StoreException.From(path, ex) is { } problem)
        {
            throw problem;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(path, $"cannot be created ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// For the verbs that only read (stats, export): the store must exist and be at this version's schema; it is never
    /// migrated or written, so a read-only file or a copy on read-only media can be read.
    /// </summary>
    public static async Task CheckReadableAsync(IDbContextFactory<TrackerDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var path = db.Database.GetDbConnection().DataSource;
        if (!File.Exists(path)) throw new StoreException(path, "there is no store here (./tracker ingest or ./tracker serve creates one)");
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            if (pending > 0)
                throw new StoreException(path, $"the store is from an older version and needs {pending} migration(s), which stats and export never make: run ./tracker ingest or ./tracker serve on it once");
        }
        catch (SqliteException ex) when (StoreException.From(path, ex) is { } problem)
        {
            throw problem;
        }
    }

    private static async Task MigrateAndSeedAsync(TrackerDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        // WAL lets the dashboard read while an ingestion writes; the mode is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await SeedReferenceDataAsync(db, ct);
        await SearchIndex.RebuildIfEmptyAsync(db, ct);
        // A store from before statements (issue 15) gets them here, once; later, editors' added quotes are linked at the next start.
        await Ingestion.StatementLinker.LinkUnlinkedAsync(db, ct);
        // Articles stored before story clusters existed get theirs here, once (an indexed read when none is missing).
        await Ingestion.StoryClusters.BackfillAsync(db, ct);
        // Never on an empty store: statistics that say "no rows" make SQLite scan where it should seek, for good.
        if (await db.Items.AnyAsync(ct)) await OptimizeAsync(db, ct);
    }

    /// <summary>
    /// Refreshes SQLite's table statistics where they are missing or stale (SQLite re-analyzes a table that grew
    /// tenfold). Without them the planner drives the
    /// timeline from a theme's id list and sorts it, instead of walking the date index (measured: 27 ms → 11 ms).
    /// Then merges the search index into one segment (<see cref="SearchIndex.OptimizeAsync"/>).
    /// </summary>
    public static async Task OptimizeAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        await SearchIndex.OptimizeAsync(db, ct);
    }

    /// <summary>Adds the default themes and entities that are missing; never overwrites an editor's changes.</summary>
    public static async Task SeedReferenceDataAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var themeKeys = await db.Themes.Select(t => t.Key).ToHashSetAsync(ct);
        var order = themeKeys.Count;
        foreach (var t in Lexicon.DefaultThemes.Where(t => !themeKeys.Contains(t.Key)))
            db.Themes.Add(new Theme { Key = t.Key, LabelAr = t.LabelAr, LabelEn = t.LabelEn, Cues = [.. t.Cues], SortOrder = order++ });

        var entityIds = await db.Entities.Select(e => e.Id).ToHashSetAsync(ct);
        foreach (var e in Lexicon.DefaultEntities.Where(e => !entityIds.Contains(e.Id)))
        {
            db.Entities.Add(new TrackedEntity
            {
                Id = e.Id, Kind = e.Kind, NameAr = e.NameAr, NameEn = e.NameEn,
                Aliases = [.. e.Aliases.Distinct().Select(a => new EntityAlias { EntityId = e.Id, Text = a, Status = AliasStatus.Accepted, Note = "default" })],
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The lexicon as editors left it: themes and accepted aliases from the store.</summary>
    public static async Task<Lexicon> LoadLexiconAsync(TrackerDbContext db, CancellationToken ct = default)
    {
        var themes = await db.Themes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(ct);
        var entities = await db.Entities.AsNoTracking().Include(e => e.Aliases).ToListAsync(ct);
        if (themes.Count == 0 && entities.Count == 0) return Lexicon.Default;
        return new Lexicon(
            [.. themes.Select(t => new ThemeDefinition(t.Key, t.LabelAr, t.LabelEn, t.Cues))],
            [.. entities.Select(e => new Core.Model.Entity(e.Id, e.Kind, e.NameAr, e.NameEn,
                [.. e.Aliases.Where(a => a.Status == AliasStatus.Accepted).Select(a => a.Text)]))]);
    }
}

/// <summary>Per-connection SQLite settings that are not stored in the file.</summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

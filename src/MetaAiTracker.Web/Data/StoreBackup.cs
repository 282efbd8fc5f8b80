using Microsoft.Data.Sqlite;

namespace MetaAiTracker.Web.Data;

/// <summary>
/// A backup is one self-contained SQLite file. Copying tracker.db while the server runs can lose what is still in
/// its write-ahead log (-wal); VACUUM INTO reads a committed snapshot through SQLite, WAL included, and never blocks
/// the writer.
/// </summary>
public static class StoreBackup
{
    /// <summary>Writes a snapshot of <paramref name="database"/> to <paramref name="file"/> (replaced only once the new one is checked).</summary>
    public static async Task<(long Articles, long Items)> BackupAsync(string database, string file, CancellationToken ct = default)
    {
        if (!File.Exists(database)) throw new StoreException(database, "there is no store here to back up");
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var source = Open(database, SqliteOpenMode.ReadOnly))
            {
                await source.OpenAsync(ct);
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", temp);
                await vacuum.ExecuteNonQueryAsync(ct);
            }
            var counts = await CheckAsync(temp, ct) ?? throw new StoreException(database, "the backup did not read back as a tracker store");
            File.Move(temp, target, overwrite: true);
            return counts;
        }
        catch (SqliteException ex) when (StoreException.From(database, ex) is { } problem)
        {
            throw problem;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Replaces the store's content with the backup's, through SQLite's backup API: one write transaction, so a reader
    /// sees the old store or the new one, never a mix. The store as it was is kept beside it first, when it can be read.
    /// </summary>
    public static async Task RestoreAsync(string file, string database, CancellationToken ct = default)
    {
        if (!File.Exists(file) || await CheckAsync(file, ct) is null)
            throw new StoreException(file, "not a tracker backup (a SQLite database that passes its integrity check and holds the Articles table)");
        if (File.Exists(database))
        {
            try { await BackupAsync(database, database + ".before-restore", ct); }
            catch (StoreException) { /* a corrupt store, often why one restores: nothing worth keeping */ }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
        try
        {
            await using var source = Open(file, SqliteOpenMode.ReadOnly);
            await using var destination = Open(database, SqliteOpenMode.ReadWriteCreate);
            await source.OpenAsync(ct);
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
        }
        catch (SqliteException ex) when (StoreException.From(database, ex) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>Article and item counts when <paramref name="file"/> is a sound tracker store; null otherwise.</summary>
    private static async Task<(long Articles, long Items)?> CheckAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var db = Open(file, SqliteOpenMode.ReadOnly);
            await db.OpenAsync(ct);
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check";
            if (await cmd.ExecuteScalarAsync(ct) as string != "ok") return null;
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM Articles), (SELECT COUNT(*) FROM Items)";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await r.ReadAsync(ct) ? (r.GetInt64(0), r.GetInt64(1)) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    // Unpooled: a pooled handle would keep the backup file open after the command.
    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = mode, Pooling = false }.ToString());
}

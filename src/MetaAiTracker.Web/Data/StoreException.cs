using Microsoft.Data.Sqlite;

namespace MetaAiTracker.Web.Data;

/// <summary>
/// The store itself cannot be used (disk full, read-only, corrupt, not a database, cannot be opened): no article is
/// to blame, so nothing is retried; the message names the file and the problem in plain words.
/// </summary>
public sealed class StoreException(string database, string problem, Exception? inner = null)
    : Exception($"{database}: {problem}", inner)
{
    public string Database { get; } = database;

    /// <summary>The store problem behind <paramref name="ex"/>, or null when it is about one statement (a constraint, a trigger).</summary>
    public static StoreException? From(string database, SqliteException ex)
    {
        var problem = ex.SqliteErrorCode switch
        {
            13 => "the disk is full",
            8 => "the database is read-only (its file, its folder or the file system cannot be written)",
            11 => "the database file is corrupt",
            26 => "the file is not a SQLite database",
            14 => "the database file cannot be opened",
            10 => "the disk could not be read or written",
            _ => null,
        };
        return problem is null ? null : new StoreException(database, $"{problem} (SQLite: {ex.Message})", ex);
    }
}

using System.CommandLine;
using MetaAiTracker.Web.Data;

namespace MetaAiTracker.Web.Cli;

/// <summary>`tracker backup FILE` (safe while the server runs) and `tracker restore FILE`.</summary>
public static class BackupCommand
{
    public static IEnumerable<Command> Create(Func<string?, CancellationToken, Task<ServiceProvider>> store, Func<Option<string?>> dbOption)
    {
        var db = dbOption();
        var file = new Argument<string>("FILE") { Description = "The backup file to write (replaced once the new one is complete)" };
        var backup = new Command("backup", "Write a consistent copy of the store to one file, safe while the dashboard runs") { file, db };
        backup.SetAction(async (parse, ct) =>
        {
            var (articles, items) = await StoreBackup.BackupAsync(DatabasePath(parse.GetValue(db)), parse.GetValue(file)!, ct);
            Console.WriteLine($"backed up {articles} articles and {items} items to {parse.GetValue(file)}");
            return 0;
        });

        var restoreDb = dbOption();
        var from = new Argument<string>("FILE") { Description = "A file written by tracker backup" };
        var restore = new Command("restore", "Replace the store with a backup (stop the dashboard first; the store as it was is kept beside it as *.before-restore)") { from, restoreDb };
        restore.SetAction(async (parse, ct) =>
        {
            var database = DatabasePath(parse.GetValue(restoreDb));
            await StoreBackup.RestoreAsync(parse.GetValue(from)!, database, ct);
            // A backup from an older version is migrated like any store at start.
            await using var sp = await store(database, ct);
            Console.WriteLine($"restored {parse.GetValue(from)} into {database}");
            return 0;
        });
        return [backup, restore];
    }

    // The same resolution as every verb: --db, else Tracker:Database (appsettings.json, Tracker__Database), else the default.
    private static string DatabasePath(string? database) =>
        database ?? new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().Build().GetSection("Tracker").Get<TrackerOptions>()?.Database ?? new TrackerOptions().Database;
}

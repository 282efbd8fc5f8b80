using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Cli;
using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests.Cli;

/// <summary>The command line in process: exit codes and what it writes. Console is global, so these run in one collection.</summary>
[Collection("console")]
public class TrackerCliTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithInputAsync("", args);

    private static Task<(int Code, string Out, string Err)> RunWithInputAsync(string input, params string[] args) =>
        // Console.In is swapped, not the process's input: whatever the test runner's stdin is, this input is not a terminal.
        RunCoreAsync(input, () => false, args);

    private static async Task<(int Code, string Out, string Err)> RunCoreAsync(string input, Func<bool> terminal, string[] args)
    {
        var (oldOut, oldErr, oldIn, oldTerminal) = (Console.Out, Console.Error, Console.In, PasswordInput.IsTerminal);
        Console.SetIn(new StringReader(input));
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        PasswordInput.IsTerminal = terminal;
        try { return (await TrackerCli.RunAsync(args), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); Console.SetIn(oldIn); PasswordInput.IsTerminal = oldTerminal; }
    }

    /// <summary>As on a terminal: <see cref="PasswordInput"/> reads these keys, one at a time, unechoed.</summary>
    private static async Task<(int Code, string Out, string Err)> RunOnTerminalAsync(string typed, params string[] args)
    {
        var keys = new Queue<ConsoleKeyInfo>(typed.Select(c => c switch
        {
            '\n' => new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false),
            '\b' => new ConsoleKeyInfo('\b', ConsoleKey.Backspace, false, false, false),
            _ => new ConsoleKeyInfo(c, 0, false, false, false),
        }));
        var readKey = PasswordInput.ReadKey;
        PasswordInput.ReadKey = keys.Dequeue;
        try { return await RunCoreAsync("", () => true, args); }
        finally { PasswordInput.ReadKey = readKey; }
    }

    [Fact]
    public async Task UsersAddReadsThePasswordFromStandardInputAndRefusesAWeakOne()
    {
        await using var store = await TestStore.CreateAsync();

        var weak = await RunWithInputAsync("short1\n", "users", "add", "huda", "--role", "Admin", "--password-stdin", "--db", store.DatabasePath);
        var empty = await RunWithInputAsync("", "users", "add", "huda", "--role", "Admin", "--db", store.DatabasePath);
        var badRole = await RunWithInputAsync("a long enough passphrase 1\n", "users", "add", "huda", "--role", "Owner", "--password-stdin", "--db", store.DatabasePath);
        // Without --password-stdin too: input that is not a terminal is read as the password.
        var added = await RunWithInputAsync("a long enough passphrase 1\n", "users", "add", "huda", "--role", "admin", "--db", store.DatabasePath);
        var flagged = await RunWithInputAsync("another passphrase 22\r\n", "users", "add", "sara", "--role", "Analyst", "--password-stdin", "--db", store.DatabasePath);
        var again = await RunWithInputAsync("another passphrase 22\n", "users", "add", "huda", "--role", "Editor", "--password-stdin", "--db", store.DatabasePath);
        var role = await RunAsync("users", "set-role", "huda", "Editor", "--db", store.DatabasePath);
        var disabled = await RunAsync("users", "disable", "huda", "--db", store.DatabasePath);
        var list = await RunAsync("users", "list", "--db", store.DatabasePath);

        Assert.Equal(1, weak.Code);
        Assert.Contains("at least 12 characters", weak.Err);
        Assert.Equal(1, empty.Code);
        Assert.Contains("no password on standard input", empty.Err);
        Assert.Equal(1, badRole.Code);
        Assert.Contains("unknown role 'Owner'", badRole.Err);
        // Contains, not Equal: the console is process-wide, and an app in a parallel test class may log a line into it.
        // The reason goes into the failure message: this step once failed only under load, with nothing to read.
        Assert.True(added.Code == 0, $"users add exited {added.Code}: {added.Err}");
        Assert.Contains("added huda (Admin)", added.Out);
        Assert.True(flagged.Code == 0, $"users add --password-stdin exited {flagged.Code}: {flagged.Err}");
        Assert.Contains("added sara (Analyst)", flagged.Out);
        Assert.Equal(1, again.Code);
        Assert.Contains("already exists", again.Err);
        Assert.Equal(0, role.Code);
        Assert.Equal(0, disabled.Code);
        Assert.Matches(@"huda\s+Editor\s+disabled", list.Out);
        await using var db = await store.DbAsync();
        Assert.All(await db.Users.ToListAsync(), u => Assert.DoesNotContain("passphrase", u.PasswordHash));
        Assert.Equal(["user.add", "user.add", "user.set-role", "user.disable"], db.Audit.OrderBy(a => a.Id).Select(a => a.Action).ToList());
        // The password from a CRLF file signs in without its carriage return.
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TrackerUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("sara"))!, "another passphrase 22"));
    }

    [Fact]
    public async Task UsersAddOnATerminalAsksTwiceWithoutEchoAndRefusesTwoDifferentPasswords()
    {
        await using var store = await TestStore.CreateAsync();

        var differ = await RunOnTerminalAsync("a long enough passphrase 1\na long enough passphrase 2\n", "users", "add", "huda", "--role", "Admin", "--db", store.DatabasePath);
        // A typo taken back with Backspace, and --password-stdin accepted on a terminal too.
        var added = await RunOnTerminalAsync("a long enough passphrasX\be 1\na long enough passphrase 1\n", "users", "add", "huda", "--role", "Admin", "--password-stdin", "--db", store.DatabasePath);
        var none = await RunOnTerminalAsync("\n", "users", "add", "sara", "--role", "Admin", "--db", store.DatabasePath);

        Assert.Equal(1, differ.Code);
        Assert.Contains("the two passwords differ", differ.Err);
        Assert.True(added.Code == 0, $"users add exited {added.Code}: {added.Err}");
        Assert.Contains("added huda (Admin)", added.Out);
        Assert.Contains("Password: ", added.Err);
        Assert.Contains("Password again: ", added.Err);
        Assert.Equal(1, none.Code);
        Assert.Contains("no password given", none.Err);
        Assert.All(new[] { differ, added, none }, r => Assert.DoesNotContain("passphrase", r.Out + r.Err));
        await using var scope = store.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TrackerUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("huda"))!, "a long enough passphrase 1"));
        Assert.Null(await users.FindByNameAsync("sara"));
    }

    [Fact]
    public async Task UsersAddInItsOwnProcessReadsARedirectedStandardInputWithOrWithoutTheFlag()
    {
        // A real process: its standard input is a pipe, which Console.IsInputRedirected sees (no test hook involved).
        await using var store = await TestStore.CreateAsync();

        var plain = await EndToEnd.TrackerProcess.RunAsync("a long enough passphrase 1\n", "users", "add", "huda", "--role", "Admin", "--db", store.DatabasePath);
        var flagged = await EndToEnd.TrackerProcess.RunAsync("another passphrase 22\n", "users", "add", "sara", "--role", "Editor", "--password-stdin", "--db", store.DatabasePath);
        var closed = await EndToEnd.TrackerProcess.RunAsync("", "users", "add", "omar", "--role", "Editor", "--db", store.DatabasePath);

        Assert.True(plain.Code == 0, $"users add exited {plain.Code}: {plain.Err}");
        Assert.Contains("added huda (Admin)", plain.Out);
        Assert.True(flagged.Code == 0, $"users add --password-stdin exited {flagged.Code}: {flagged.Err}");
        Assert.Contains("added sara (Editor)", flagged.Out);
        Assert.Equal(1, closed.Code);
        Assert.Contains("no password on standard input", closed.Err);
        Assert.DoesNotContain("Password:", plain.Err);
        await using var db = await store.DbAsync();
        Assert.Equal(["huda", "sara"], await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync());
    }

    [Fact]
    public async Task IngestPrintsWhatItFoundAndExitsZero()
    {
        await using var store = await TestStore.CreateAsync();

        var (code, output, _) = await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);

        Assert.Equal(0, code);
        Assert.Contains("5 added", output);
    }

    [Fact]
    public async Task IngestExitsNonZeroWhenAFileIsRejectedAndNamesIt()
    {
        await using var store = await TestStore.CreateAsync();
        var empty = store.WriteFile("empty.txt", "");

        var (code, output, error) = await RunAsync("ingest", empty, TestStore.SeedsDir, "--db", store.DatabasePath);

        Assert.Equal(1, code);
        Assert.Contains("empty.txt", error);
        Assert.Contains("5 added", output);
        Assert.Contains("1 rejected", output);
    }

    [Fact]
    public async Task ExportToAFileWritesJson()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var outFile = Path.Combine(store.Dir, "out", "export.json");
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);

        var (code, _, _) = await RunAsync("export", "--format", "json", "--out", outFile, "--db", store.DatabasePath);

        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outFile));
        Assert.Equal(5, doc.RootElement.GetProperty("articles").GetArrayLength());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(outFile)!, "*.tmp"));
    }

    [Fact]
    public async Task AnArabicShellLocaleDoesNotReachTheExportOrTheStats()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var csv = Path.Combine(store.Dir, "export.csv");
        var json = Path.Combine(store.Dir, "export.json");
        var before = System.Globalization.CultureInfo.CurrentCulture;
        // What LANG=ar_SA.UTF-8 gives a .NET process: the Umm al-Qura calendar and Arabic decimal separators.
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
        (int Code, string Out, string Err) stats;
        try
        {
            await RunAsync("export", "--format", "csv", "--out", csv, "--db", store.DatabasePath);
            await RunAsync("export", "--format", "json", "--out", json, "--db", store.DatabasePath);
            stats = await RunAsync("stats", "--db", store.DatabasePath);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }

        var rows = File.ReadAllText(csv);
        Assert.Matches(@",2025-\d\d-\d\d,", rows);
        Assert.DoesNotMatch(@",14\d\d-\d\d-\d\d,", rows);
        Assert.Contains("65000000000 USD", rows);
        Assert.DoesNotContain("٫", rows);
        Assert.Contains("\"start\":\"2025-", File.ReadAllText(json).Replace(" ", ""));
        Assert.Matches(@"published 20\d\d-\d\d … 20\d\d-\d\d", stats.Out);
    }

    [Fact]
    public async Task ACorruptStoreIsNamedWithItsProblemNotAStackTrace()
    {
        await using var store = await TestStore.CreateAsync();
        var garbage = Path.Combine(store.Dir, "garbage.db");
        File.WriteAllBytes(garbage, [.. Enumerable.Repeat((byte)'x', 8192)]);

        foreach (var args in new[] { new[] { "stats", "--db", garbage }, ["ingest", TestStore.SeedsDir, "--db", garbage] })
        {
            var (code, output, error) = await RunAsync(args);
            Assert.Equal(1, code);
            Assert.Contains($"{garbage}: the file is not a SQLite database", error);
            Assert.DoesNotContain("   at ", output + error);
        }
    }

    [Fact]
    public async Task AReadOnlyStoreIsNamedForIngestAndReadAsItIsByStatsAndExport()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // Root ignores file modes, so make the file read-only for SQLite itself: a header write version above 2 is one
        // SQLite may read but must not write, and every write fails with SQLITE_READONLY as on a read-only mount.
        using (var f = File.Open(store.DatabasePath, FileMode.Open, FileAccess.ReadWrite)) { f.Position = 18; f.WriteByte(3); }
        var before = File.ReadAllBytes(store.DatabasePath);
        var outFile = Path.Combine(store.Dir, "export.json");

        var ingest = await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var stats = await RunAsync("stats", "--db", store.DatabasePath);
        var export = await RunAsync("export", "--format", "json", "--out", outFile, "--db", store.DatabasePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(1, ingest.Code);
        Assert.Contains($"{store.DatabasePath}: the database is read-only", ingest.Err);
        Assert.DoesNotContain("   at ", ingest.Out + ingest.Err);
        Assert.Equal(0, stats.Code);
        Assert.Contains("articles   5", stats.Out);
        Assert.Equal(0, export.Code);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outFile));
        Assert.Equal(5, doc.RootElement.GetProperty("articles").GetArrayLength());
        Assert.Equal(before, File.ReadAllBytes(store.DatabasePath));
    }

    [Fact]
    public async Task ABackupTakenDuringAnIngestRestoresIntoAWorkingStore()
    {
        await using var store = await TestStore.CreateAsync();
        // Two batches of 32: the backup is taken once the first is committed, while the second is being written.
        var seeds = Directory.GetFiles(TestStore.SeedsDir, "*.txt").Order().Select(File.ReadAllText).ToArray();
        var files = Enumerable.Range(0, 64).Select(i => store.WriteFile($"{i:00}.txt", $"{seeds[i % seeds.Length]}\n\nنسخة رقم {i} من المقال.")).ToArray();
        var firstBatch = new TaskCompletionSource();
        var ingest = Task.Run(() => store.Ingestion.IngestPathsAsync([Path.GetDirectoryName(files[0])!], _ => firstBatch.TrySetResult()));
        await firstBatch.Task;
        var backupFile = Path.Combine(store.Dir, "backups", "tracker-backup.db");

        var backup = await RunAsync("backup", backupFile, "--db", store.DatabasePath);
        await ingest;
        var restoredDb = Path.Combine(store.Dir, "elsewhere", "tracker.db");
        var restore = await RunAsync("restore", backupFile, "--db", restoredDb);
        var stats = await RunAsync("stats", "--db", restoredDb);
        var more = await RunAsync("ingest", store.WriteFile("new.txt", seeds[0] + "\n\nمقال جديد بعد الاستعادة."), "--db", restoredDb);
        var overOriginal = await RunAsync("restore", backupFile, "--db", store.DatabasePath);

        Assert.Equal(0, backup.Code);
        // Whole batches only: a snapshot of what was committed, never half a transaction.
        var backedUp = int.Parse(Assert.Single(System.Text.RegularExpressions.Regex.Matches(backup.Out, @"backed up (\d+) articles")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(backedUp, new[] { 32, 64 });
        Assert.Equal(0, restore.Code);
        Assert.Contains($"articles   {backedUp} ", stats.Out);
        Assert.Equal(0, more.Code);
        Assert.Contains("1 added", more.Out);
        await using (var restored = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={restoredDb};Pooling=False"))
        {
            await restored.OpenAsync();
            await using var cmd = restored.CreateCommand();
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM Articles) - (SELECT COUNT(*) FROM ArticleSearch)";
            Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        }
        Assert.Equal(0, overOriginal.Code);
        Assert.True(File.Exists(store.DatabasePath + ".before-restore"));
        await using var db = await store.DbAsync();
        Assert.Equal(backedUp, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Articles));
    }

    [Fact]
    public async Task AnUnknownFormatIsAUsageError()
    {
        var (code, _, error) = await RunAsync("export", "--format", "xml");

        Assert.Equal(2, code);
        Assert.Contains("xml", error);
    }

    [Fact]
    public async Task StatsSummarisesTheStore()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);

        var (code, output, _) = await RunAsync("stats", "--db", store.DatabasePath);

        Assert.Equal(0, code);
        Assert.Contains("articles   5", output);
    }

    [Fact]
    public async Task BriefingWritesAPdfAndRefusesWhatItCannotRead()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var pdf = Path.Combine(store.Dir, "b.pdf");

        var (badDate, _, dateError) = await RunAsync("briefing", "--from", "2025-13", "--out", pdf, "--db", store.DatabasePath);
        var (badLang, _, _) = await RunAsync("briefing", "--lang", "fr", "--out", pdf, "--db", store.DatabasePath);
        var (noView, _, viewError) = await RunAsync("briefing", "--view", "missing", "--out", pdf, "--db", store.DatabasePath);
        Assert.False(File.Exists(pdf));
        var (ok, _, written) = await RunAsync("briefing", "--theme", "talent", "--save-as", "talent", "--out", pdf, "--db", store.DatabasePath);

        Assert.Equal(2, badDate);
        Assert.Contains("from=2025-13", dateError);
        Assert.Equal(2, badLang);
        Assert.Equal(1, noView);
        Assert.Contains("missing", viewError);
        Assert.Equal(0, ok);
        Assert.Contains("wrote", written);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf)[..4]));
        Assert.Empty(Directory.GetFiles(store.Dir, ".b.pdf.tmp"));

        // Exporting a view moves its "new since" marker only when asked to, as the shell user.
        await using (var db = await store.DbAsync()) Assert.Null((await db.SavedViews.SingleAsync()).LastExportedAt);
        var (sent, _, _) = await RunAsync("briefing", "--view", "talent", "--mark-sent", "--out", pdf, "--db", store.DatabasePath);
        Assert.Equal(0, sent);
        await using (var db = await store.DbAsync())
        {
            Assert.NotNull((await db.SavedViews.SingleAsync()).LastExportMaxItemId);
            Assert.Equal("cli:" + Environment.UserName, (await db.Audit.SingleAsync(a => a.Action == "view.sent")).UserName);
        }
    }

    [Fact]
    public async Task BriefingCountsEveryCopyOnlyWhenAskedWithCopies()
    {
        await using var store = await TestStore.CreateAsync();
        await RunAsync("ingest", TestStore.SeedsDir, "--db", store.DatabasePath);
        var (pdf, once, every) = (Path.Combine(store.Dir, "b.pdf"), Path.Combine(store.Dir, "once.html"), Path.Combine(store.Dir, "every.html"));

        var (a, _, _) = await RunAsync("briefing", "--out", pdf, "--html", once, "--db", store.DatabasePath);
        var (b, _, _) = await RunAsync("briefing", "--copies", "--out", pdf, "--html", every, "--db", store.DatabasePath);

        Assert.Equal((0, 0), (a, b));
        Assert.Contains(Ui.In("ar", "counting.once"), System.Net.WebUtility.HtmlDecode(File.ReadAllText(once)));
        Assert.Contains(Ui.In("ar", "counting.everyCopy"), System.Net.WebUtility.HtmlDecode(File.ReadAllText(every)));
    }

    [Theory]
    [InlineData("--to", "9999-12")]
    [InlineData("--from", "0001-01-01")]
    public async Task BriefingNamesADateOutsideTheStoresRange(string option, string value)
    {
        await using var store = await TestStore.CreateAsync();
        var pdf = Path.Combine(store.Dir, "b.pdf");

        var (code, _, error) = await RunAsync("briefing", option, value, "--out", pdf, "--db", store.DatabasePath);

        Assert.Equal(2, code);
        Assert.Contains($"{option[2..]}={value}", error);
        Assert.Contains("1900", error);
        Assert.False(File.Exists(pdf));
    }
}

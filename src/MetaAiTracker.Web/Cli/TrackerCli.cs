using System.CommandLine;
using System.Globalization;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Export;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Serilog;
using Serilog.Events;

namespace MetaAiTracker.Web.Cli;

/// <summary>
/// The `tracker` command line. System.CommandLine gives help, usage errors and exit codes that a hand-rolled
/// parser would get subtly wrong. Exit codes: 0 success, 1 a file was rejected or the work failed, 2 usage error.
/// </summary>
public static class TrackerCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The shell's locale stops here: under LANG=ar_SA.UTF-8 .NET would write Umm al-Qura dates and Arabic
        // decimal separators into exports and reports. The dashboard sets its own culture per request.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var root = new RootCommand("MetaAiTracker: Meta's open-versus-closed AI strategy, followed through Arabic news.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(IngestCommand.Create(StoreAsync, DbOption));
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(Stats());
        root.Subcommands.Add(Reextract());
        root.Subcommands.Add(BriefingCommand());
        root.Subcommands.Add(UsersCommand.Create(StoreAsync, DbOption));
        root.Subcommands.Add(SourcesCommand.Create(StoreAsync, DbOption));
        root.Subcommands.Add(EvalCommand.Create());
        foreach (var verb in BackupCommand.Create(StoreAsync, DbOption)) root.Subcommands.Add(verb);
        if (args.Length == 0) args = ["serve"];
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"tracker: {error.Message}");
            Console.Error.WriteLine("Run ./tracker --help for usage.");
            return 2;
        }
        try
        {
            // Our own handler below: the default one prints a stack trace for a store that cannot be used.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (StoreException ex)
        {
            Console.Error.WriteLine($"tracker: {ex.Message}");
            return 1;
        }
    }

    private static Option<string?> DbOption() => new("--db") { Description = "SQLite database file (default: data/tracker.db, or Tracker:Database)" };

    private static Command Serve()
    {
        var db = DbOption();
        var urls = new Option<string?>("--urls") { Description = "Address to listen on, e.g. http://127.0.0.1:5000" };
        var cmd = new Command("serve", "Run the dashboard (creates the database and ingests seeds/ on first start)") { db, urls };
        cmd.SetAction(async (parse, ct) =>
        {
            var app = WebApp.Create([], parse.GetValue(db), parse.GetValue(urls));
            await AppServices.PrepareStoreAsync(app.Services, ct);
            await app.RunAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static Command ExportCommand()
    {
        var db = DbOption();
        var format = new Option<string>("--format") { Description = "json or csv", Required = true };
        format.AcceptOnlyFromAmong("json", "csv");
        var outFile = new Option<string?>("--out") { Description = "Output file (default: standard output)" };
        var includeText = new Option<bool>("--include-text") { Description = "Include each article's full text (JSON)" };
        var cmd = new Command("export", "Write every article, quote, event and claim with its position in the source") { db, format, outFile, includeText };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await ReadStoreAsync(parse.GetValue(db), ct);
            await using var ctx = await sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync(ct);
            var path = parse.GetValue(outFile);
            // Write to a temporary file and move it into place: a failed export never leaves half a file.
            var temp = path is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp");
            await using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
            {
                if (parse.GetValue(format) == "csv") await TrackerExport.WriteCsvAsync(ctx, stream, ct);
                else await TrackerExport.WriteJsonAsync(ctx, stream, parse.GetValue(includeText), ct);
            }
            if (temp is not null)
            {
                File.Move(temp, path!, overwrite: true);
                Console.Error.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Stats()
    {
        var db = DbOption();
        var cmd = new Command("stats", "Summarise the store") { db };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await ReadStoreAsync(parse.GetValue(db), ct);
            await using var ctx = await sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>().CreateDbContextAsync(ct);
            Console.Write(await StoreStats.RenderAsync(ctx, sp.GetRequiredService<TrackerOptions>().Database, ct));
            return 0;
        });
        return cmd;
    }

    private static Command Reextract()
    {
        var db = DbOption();
        var article = new Option<int?>("--article") { Description = "Only this article id" };
        var cmd = new Command("reextract", "Run the current extractors again; items editors reviewed are kept") { db, article };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var sp = await StoreAsync(parse.GetValue(db), ct);
            Console.WriteLine(await sp.GetRequiredService<IngestionService>().ReextractAsync(parse.GetValue(article), ct));
            return 0;
        });
        return cmd;
    }

    private static Command BriefingCommand()
    {
        var db = DbOption();
        var themes = new Option<string[]>("--theme") { Description = "Theme key (repeatable), e.g. openness", AllowMultipleArgumentsPerToken = false };
        var from = new Option<string?>("--from") { Description = "YYYY, YYYY-MM or YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "YYYY, YYYY-MM or YYYY-MM-DD" };
        var lang = new Option<string>("--lang") { Description = "ar (default) or en", DefaultValueFactory = _ => "ar" };
        lang.AcceptOnlyFromAmong("ar", "en");
        var outFile = new Option<string>("--out") { Description = "The PDF to write", Required = true };
        var html = new Option<string?>("--html") { Description = "Also write the HTML the PDF was printed from" };
        var items = new Option<string[]>("--item") { Description = "An item id (repeatable): a briefing of hand-picked items" };
        var view = new Option<string?>("--view") { Description = "Export this saved view (items new since it was last marked as sent are marked)" };
        var saveAs = new Option<string?>("--save-as") { Description = "Save the given filters as a named view, then export it" };
        var markSent = new Option<bool>("--mark-sent") { Description = "Record this export of the view as sent: the next one marks what is new since" };
        var copies = new Option<bool>("--copies") { Description = "Count every copy of a syndicated story (by default a story counts once, through its origin)" };
        var cmd = new Command("briefing", "Print a right-to-left PDF briefing of a view of the timeline") { db, themes, from, to, items, copies, view, saveAs, markSent, lang, outFile, html };
        cmd.SetAction(async (parse, ct) =>
        {
            // The options are the timeline's query keys, read by its one codec.
            IEnumerable<KeyValuePair<string, string>> Pairs(string key, IEnumerable<string?>? values) =>
                (values ?? []).OfType<string>().Select(v => KeyValuePair.Create(key, v));
            var filter = TimelineFilter.FromQuery([.. Pairs("theme", parse.GetValue(themes)), .. Pairs("from", [parse.GetValue(from)]),
                .. Pairs("to", [parse.GetValue(to)]), .. Pairs("item", parse.GetValue(items)), .. Pairs("copies", [parse.GetValue(copies) ? "1" : null])]);
            if (filter.Problems.Count > 0)
            {
                Console.Error.WriteLine($"tracker briefing: cannot read {string.Join(", ", filter.Problems)} (dates are {Editing.EditorInput.DateForms}, from {Editing.EditorInput.Earliest} to {Editing.EditorInput.Latest}; items are ids)");
                return 2;
            }
            await using var sp = await StoreAsync(parse.GetValue(db), ct);
            var path = parse.GetValue(outFile)!;
            var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp");
            try
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var briefings = sp.GetRequiredService<Briefing.BriefingService>();
                if (parse.GetValue(saveAs) is { } name) await briefings.SaveViewAsync(Accounts.UserAdmin.CommandLine, name, filter, ct);
                var viewName = parse.GetValue(view) ?? parse.GetValue(saveAs);
                string page;
                byte[] pdf;
                Briefing.BriefingModel? model = null;
                if (viewName is null) (page, pdf) = await briefings.ExportAsync(filter, parse.GetValue(lang)!, Environment.UserName, ct);
                else (page, pdf, model) = await briefings.ExportViewAsync(viewName, parse.GetValue(lang)!, Environment.UserName, ct);
                if (parse.GetValue(html) is { } htmlPath) await File.WriteAllTextAsync(htmlPath, page, ct);
                await File.WriteAllBytesAsync(temp, pdf, ct);
                File.Move(temp, path, overwrite: true);
                // Only once the PDF is written, and only when asked: exporting alone changes no shared state.
                if (viewName is not null && parse.GetValue(markSent))
                    await briefings.MarkSentAsync(Accounts.UserAdmin.CommandLine, viewName, model!.UpTo, ct);
                Console.Error.WriteLine($"wrote {path} ({pdf.Length / 1024} KB in {sw.Elapsed.TotalSeconds:0.0} s)");
                return 0;
            }
            catch (Exception ex) when (ex is Briefing.BriefingUnavailableException or TimeoutException or KeyNotFoundException or ArgumentException or Accounts.AccessDeniedException)
            {
                Console.Error.WriteLine($"tracker briefing: {ex.Message}");
                return 1;
            }
            finally
            {
                File.Delete(temp);
            }
        });
        return cmd;
    }

    /// <summary>The services the non-web verbs need, with the store created and migrated.</summary>
    private static Task<ServiceProvider> StoreAsync(string? database, CancellationToken ct) => OpenStoreAsync(database, readOnly: false, ct);

    /// <summary>For stats and export: the store opened read-only and never migrated, so a read-only copy can be read.</summary>
    private static Task<ServiceProvider> ReadStoreAsync(string? database, CancellationToken ct) => OpenStoreAsync(database, readOnly: true, ct);

    private static async Task<ServiceProvider> OpenStoreAsync(string? database, bool readOnly, CancellationToken ct)
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(readOnly ? [new("Tracker:ReadOnly", "true")] : [])
            .Build();
        var services = new ServiceCollection();
        // The command line prints its own results; the log only carries warnings and errors, on standard error.
        // EF Core logs a failed command with its stack trace: the command line names the problem itself.
        services.AddLogging(b => b.AddSerilog(new LoggerConfiguration().MinimumLevel.Warning()
            .MinimumLevel.Override("MetaAiTracker.Web.Ingestion", LogEventLevel.Error)
            .MinimumLevel.Override("MetaAiTracker.Web.Sources", LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Fatal)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture).CreateLogger(), dispose: true));
        services.AddTrackerCore(config, database);
        var sp = services.BuildServiceProvider();
        try
        {
            var factory = sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
            if (readOnly) await TrackerDbSetup.CheckReadableAsync(factory, ct);
            else await TrackerDbSetup.MigrateAsync(factory, ct);
            return sp;
        }
        catch
        {
            await sp.DisposeAsync();
            throw;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Sources;

namespace MetaAiTracker.Web.Cli;

/// <summary>`tracker sources add|list|remove|poll`: watched feeds and folders. Exit 1 when a source failed or was refused.</summary>
public static class SourcesCommand
{
    public static Command Create(Func<string?, CancellationToken, Task<ServiceProvider>> store, Func<Option<string?>> dbOption)
    {
        var cmd = new Command("sources", "Watched feeds (RSS, Atom, JSON Feed) and server folders, polled by the dashboard");

        var addDb = dbOption();
        var address = new Argument<string>("ADDRESS") { Description = "A feed's http(s) address, or the full path of a folder on this server" };
        var every = new Option<int>("--every") { Description = $"Minutes between polls (default {SourceAdmin.DefaultInterval})", DefaultValueFactory = _ => SourceAdmin.DefaultInterval };
        var add = new Command("add", "Watch a feed or a folder; the dashboard polls it at once, then every --every minutes") { address, every, addDb };
        add.SetAction((parse, ct) => Run(store, parse.GetValue(addDb), async sp =>
        {
            var s = await sp.GetRequiredService<SourceAdmin>().AddAsync(UserAdmin.CommandLine, parse.GetValue(address), parse.GetValue(every), ct);
            Console.WriteLine($"source {s.Id}: {s.Kind.ToString().ToLowerInvariant()} {s.Address}, every {s.IntervalMinutes} min");
            return 0;
        }, ct));

        var listDb = dbOption();
        var list = new Command("list", "The sources with their last poll, what it brought, the next poll and the last error") { listDb };
        list.SetAction((parse, ct) => Run(store, parse.GetValue(listDb), async sp =>
        {
            var sources = await sp.GetRequiredService<SourceAdmin>().ListAsync(ct);
            if (sources.Count == 0) Console.WriteLine("no sources (add one with ./tracker sources add ADDRESS)");
            foreach (var s in sources) Console.WriteLine(Describe(s));
            return 0;
        }, ct));

        var removeDb = dbOption();
        var which = new Argument<string>("SOURCE") { Description = "The source's id or address" };
        var remove = new Command("remove", "Stop watching a source (the articles it brought stay)") { which, removeDb };
        remove.SetAction((parse, ct) => Run(store, parse.GetValue(removeDb), async sp =>
        {
            var s = await sp.GetRequiredService<SourceAdmin>().RemoveAsync(UserAdmin.CommandLine, parse.GetValue(which)!, ct);
            Console.WriteLine($"removed source {s.Id}: {s.Address}");
            return 0;
        }, ct));

        var pollDb = dbOption();
        var poll = new Command("poll", "Poll every source once now and print what came in") { pollDb };
        poll.SetAction((parse, ct) => Run(store, parse.GetValue(pollDb), async sp =>
        {
            var reports = await sp.GetRequiredService<SourcePoller>().PollAllAsync(ct);
            if (reports.Count == 0) Console.WriteLine("no sources (add one with ./tracker sources add ADDRESS)");
            foreach (var r in reports) Print(r, Console.Out);
            return reports.Any(r => r.Error is not null) ? 1 : 0;
        }, ct));

        cmd.Subcommands.Add(add);
        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(remove);
        cmd.Subcommands.Add(poll);
        return cmd;
    }

    private static async Task<int> Run(Func<string?, CancellationToken, Task<ServiceProvider>> store, string? db, Func<ServiceProvider, Task<int>> action, CancellationToken ct)
    {
        await using var sp = await store(db, ct);
        try
        {
            return await action(sp);
        }
        catch (InputException ex)
        {
            Console.Error.WriteLine($"tracker sources: {ex.Message}");
            return 1;
        }
    }

    public static void Print(PollReport r, TextWriter output)
    {
        if (!r.Ran)
        {
            output.WriteLine($"source {r.SourceId} {r.Address}: skipped, another poll is running");
            return;
        }
        if (r.Error is { } error)
        {
            output.WriteLine($"source {r.SourceId} {r.Address}: failed: {error}");
            return;
        }
        output.WriteLine(r.NotModified ? $"source {r.SourceId} {r.Address}: not modified since the last poll"
            : $"source {r.SourceId} {r.Address}: {r.Added.Count} added, {r.Duplicates} duplicate, {r.Refusals.Count} refused");
        foreach (var a in r.Added) output.WriteLine($"  added     {a.Path} → article {a.ArticleId}: {a.Quotes} quotes, {a.Events} events, {a.Claims} claims");
        foreach (var p in r.Refusals) output.WriteLine($"  refused   {p}");
    }

    private static string Describe(Data.WatchedSource s)
    {
        static string At(DateTime? t) => t?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
        var last = s.LastPollAt is null ? "not polled yet"
            : s.LastNotModified ? $"last poll {At(s.LastPollAt)}: not modified"
            : $"last poll {At(s.LastPollAt)}: {s.LastAdded} added, {s.LastDuplicates} duplicate, {StoredPhrase.Read(s.LastRefusals).Count} refused";
        var error = SourcePoller.LastError(s) is { } e ? $"; failing ({s.Failures} in a row): {e}" : "";
        return $"{s.Id,3}  {s.Kind.ToString().ToLowerInvariant(),-6} {s.Address}  every {s.IntervalMinutes} min; {last}; next {At(s.NextPollAt)}{error}";
    }
}

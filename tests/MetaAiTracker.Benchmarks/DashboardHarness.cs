using System.Diagnostics;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace MetaAiTracker.Benchmarks;

/// <summary>
/// The dashboard at scale: a store of about 100,000 items (synthetic articles of seed sentences, publication
/// dates spread over four years), then, in the same process: the timeline's queries, the first render of the
/// timeline page over HTTP, article search over 100,000 indexed articles, and the server memory each connected
/// analyst (a Blazor circuit in Chromium) takes. Each timing is the median of many runs beside a baseline.
/// </summary>
public static class DashboardHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var targetItems = Arg(args, "--items", 100_000);
        var searchArticles = Arg(args, "--search-articles", 100_000);
        var reps = Arg(args, "--reps", 30);
        var circuits = Arg(args, "--circuits", 20);
        // --keep DIR reuses (or leaves behind) the store, for runs that change only the queries.
        var keep = Array.IndexOf(args, "--keep") is var ki && ki >= 0 && ki + 1 < args.Length ? args[ki + 1] : null;
        var dir = keep ?? Path.Combine(Path.GetTempPath(), "mat-dash-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var dbPath = Path.Combine(dir, "tracker.db");
        var reuse = keep is not null && File.Exists(dbPath);
        Console.WriteLine($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        // 1. The store.
        var sw = Stopwatch.StartNew();
        var articles = reuse ? -1 : await BuildStoreAsync(dir, dbPath, targetItems);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracker:Database"] = dbPath }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error)).AddTrackerCore(config).BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        await TrackerDbSetup.MigrateAsync(factory);
        int items;
        await using (var db = await factory.CreateDbContextAsync()) items = await db.Items.CountAsync();
        Console.WriteLine($"store: {articles} articles, {items} items, built in {sw.Elapsed.TotalSeconds:F0} s");

        var memoryOnly = args.Contains("--memory-only");
        // 2. Timeline queries.
        if (!memoryOnly) await MeasureQueriesAsync(factory, reps, searchArticles, reuse, args);

        // 4. The page over HTTP, and memory per connected analyst.
        await using var app = WebApp.Create(["--Serilog:MinimumLevel:Default=Warning"], database: dbPath,
            configure: b => b.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0)));
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        // Pages need a signed-in account since accounts came in: measure them as an analyst sees them, cookie and all.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<MetaAiTracker.Web.Accounts.UserAdmin>()
                    .AddAsync(MetaAiTracker.Web.Accounts.UserAdmin.CommandLine, "bench", "Analyst", BenchPassword);
            }
            catch (MetaAiTracker.Web.Accounts.AccountException ex) when (reuse && ex.Message.Contains("already exists")) { /* a kept store has the account */ }
        }
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        await SignInAsync(http);
        await http.GetStringAsync("/");
        if (args.Contains("--compare-indexes")) await CompareIndexesAsync(factory, dbPath, http, reps);
        if (!memoryOnly)
        {
            var cssBaseline = await MedianAsync(reps, () => http.GetStringAsync("/css/app.css"));
            Console.WriteLine($"HTTP baseline (a static file): median {cssBaseline:F1} ms");
            // What the sign-in cookie costs a request: the same small JSON read, anonymous-allowed static file above vs signed in here.
            var authed = await MedianAsync(reps, () => http.GetStringAsync("/api/items/1/history"));
            Console.WriteLine($"signed-in JSON endpoint (cookie decrypted, read policy, one indexed audit read): median {authed:F1} ms");
            // The same page from a second app on the same store with anonymous read-only access: what sign-in adds to a render.
            await using (var open = WebApp.Create(["--Serilog:MinimumLevel:Default=Warning", "--Tracker:AnonymousRead=true"], database: dbPath,
                configure: b => b.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0))))
            {
                await open.StartAsync();
                using var anonymous = new HttpClient { BaseAddress = new Uri(open.Urls.First()) };
                await anonymous.GetStringAsync("/");
                var withAccount = await MedianAsync(Math.Max(5, reps / 3), () => http.GetStringAsync("/"));
                var withoutAccount = await MedianAsync(Math.Max(5, reps / 3), () => anonymous.GetStringAsync("/"));
                Console.WriteLine($"first render / signed in: median {withAccount:F0} ms; anonymous read-only app, same store: median {withoutAccount:F0} ms");
                await open.StopAsync();
            }
            foreach (var path in new[] { "/", "/?theme=talent&stance=closed", "/search?q=%D8%B2%D9%88%D9%83%D8%B1%D8%A8%D9%8A%D8%B1%D8%AC", "/search?order=relevance&q=%D8%B2%D9%88%D9%83%D8%B1%D8%A8%D9%8A%D8%B1%D8%AC", "/overview" })
            {
                var render = await MedianAsync(Math.Max(5, reps / 3), () => http.GetStringAsync(path));
                Console.WriteLine($"first render {path} (server-side prerender, full HTML): median {render:F0} ms");
            }
        }
        foreach (var path in args.Contains("--memory-pages") ? new[] { "/?theme=talent", "/overview", "/articles", "/search?q=%D9%85%D9%8A%D8%AA%D8%A7" } : ["/?theme=talent"])
            await MeasureCircuitsAsync(baseUrl, path, circuits);

        await app.StopAsync();
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (keep is null) Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task MeasureQueriesAsync(IDbContextFactory<TrackerDbContext> factory, int reps, int searchArticles, bool reuse, string[] args)
    {
        var baseline = await MedianAsync(reps, async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Items.AsNoTracking().Where(i => i.Id == 1234).Select(i => i.Text).FirstOrDefaultAsync();
        });
        Console.WriteLine($"baseline (one item by primary key, new context): median {baseline:F2} ms");
        Console.WriteLine("view | first page (50 rows) | lanes + chart | milestones | theme counts (after first paint) | rows in view | card outline | first 50 cards | a page mid-list | cards");
        // Free text: a very common word (المصدر, in 43% of items), the same in a theme's view, and a rare word (54 items).
        var freeText = new[] { "/?q=" + Uri.EscapeDataString("المصدر"), "/?theme=talent&q=" + Uri.EscapeDataString("المصدر"), "/?q=" + Uri.EscapeDataString("الزمن") };
        foreach (var query in new[] { "/", "/?theme=talent", "/?stance=closed&from=2025-01", "/?kind=quote&speaker=mark-zuckerberg", "/?theme=openness&theme=talent&stance=closed&from=2025-01" }.Concat(freeText))
        {
            var filter = TimelineFilter.FromUri(query);
            List<int> shown = [], before = [];
            Func<Task> first = async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                shown = [.. (await TimelineQuery.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), 0, 50)).Select(r => r.Id)];
            };
            var page = filter.Query is null ? await MedianAsync(reps, first) : 0;
            if (filter.Query is not null)
            {
                (page, var plain) = await MedianPairAsync(reps, first, async () =>
                {
                    await using var db = await factory.CreateDbContextAsync();
                    before = [.. (await TimelineQuery.PageAsync(db, PlainFreeText(db, filter), 0, 50)).Select(r => r.Id)];
                });
                Console.WriteLine($"{query} first page through the FTS5 subquery (the plan before), runs alternating with the next line's: {plain:F1} ms; same rows: {before.SequenceEqual(shown)}");
            }
            var total = 0;
            var summary = await MedianAsync(Math.Max(5, reps / 3), async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                total = (await TimelineQuery.SummarizeAsync(db, filter)).Total;
            });
            var milestones = await MedianAsync(reps, async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await Milestones.OfViewAsync(TimelineQuery.Filter(db, filter, forPage: true));
            });
            var themes = await MedianAsync(Math.Max(5, reps / 3), async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await TimelineQuery.ThemeCountsAsync(TimelineQuery.Filter(db, filter));
            });
            // The list the page shows: its sections (one grouped read of the facts), then pages of cards.
            TimelineOutline outline = null!;
            var outlineMs = await MedianAsync(Math.Max(5, reps / 3), async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                outline = await TimelineCards.OutlineAsync(TimelineQuery.Filter(db, filter), filter.Zoom);
            });
            var firstCards = await MedianAsync(reps, async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await TimelineCards.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), outline, 0, 50);
            });
            var midCards = await MedianAsync(reps, async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await TimelineCards.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), outline, outline.Total / 2, 50);
            });
            Console.WriteLine($"{query} | {page:F1} ms | {summary:F1} ms | {milestones:F1} ms | {themes:F1} ms | {total} | {outlineMs:F1} ms | {firstCards:F1} ms | {midCards:F1} ms | {outline.Total}");
            if (args.Contains("--explain"))
            {
                await using var db = await factory.CreateDbContextAsync();
                var sql = TimelineQuery.Dated(TimelineQuery.Filter(db, filter, forPage: true)).Take(50)
                    .Select(i => new { i.Id, i.Text, i.Article!.Title }).ToQueryString();
                Console.WriteLine(sql);
                var conn = db.Database.GetDbConnection();
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param")));
                foreach (var line in sql.Split('\n').Where(l => l.StartsWith(".param set ")))
                {
                    var parts = line[".param set ".Length..].Split(' ', 2);
                    var p = cmd.CreateParameter(); p.ParameterName = parts[0]; p.Value = parts[1].Trim('\''); cmd.Parameters.Add(p);
                }
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) Console.WriteLine("   plan: " + r.GetString(3));
            }
        }

        if (args.Contains("--free-text"))
        {
            // Words from rare to very common (hits in 104,630 items: 980, 5,777, 9,217, 18,162, 45,310, 72,965), each in
            // views where it is common or rare: the plan the page takes against the plain set, first page of 50.
            foreach (var view in new[] { "/", "/?theme=talent", "/?stance=closed&from=2025-01", "/?kind=quote&speaker=mark-zuckerberg" })
                foreach (var word in new[] { "غرار", "اي", "كبير", "مارك", "مصدر", "في" })
                {
                    var filter = TimelineFilter.FromUri(view + (view.Contains('?') ? "&" : "?") + "q=" + Uri.EscapeDataString(word));
                    var (now, plain) = await MedianPairAsync(Math.Max(5, reps / 3), async () =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        await TimelineQuery.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), 0, 50);
                    }, async () =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        await TimelineQuery.PageAsync(db, PlainFreeText(db, filter), 0, 50);
                    });
                    Console.WriteLine($"free text {view} «{word}»: first page {now:F1} ms, through the FTS5 subquery {plain:F1} ms");
                }
        }

        // 3. Search over 100,000 articles: the index holds each synthetic article's shadow many times over.
        if (!reuse) await FillSearchAsync(factory, searchArticles);
        foreach (var q in new[] { "زوكربيرج", "بالذكاء الاصطناعي", "المصدر المفتوح", "سوبر" })
        {
            var newest = await MedianAsync(reps, async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await SearchIndex.SearchArticlesAsync(db, q, SearchOrder.Newest, 50);
            });
            // Beside it, in alternating runs: the query as it was before issue 13's bound, every hit scored by bm25.
            var match = SearchText.ToMatchQuery(q);
            List<int> bounded = [], full = [];
            var (relevance, everyHit) = await MedianPairAsync(Math.Max(5, reps / 3), async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                bounded = await SearchIndex.SearchArticlesAsync(db, q, SearchOrder.Relevance, 50);
            }, async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                full = await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ArticleSearch WHERE ArticleSearch MATCH {match} ORDER BY bm25(ArticleSearch), rowid DESC LIMIT 50").ToListAsync();
            });
            if (args.Contains("--ranked-sweep"))
                foreach (var ranked in new[] { 5_000, 10_000, 20_000, 40_000 })
                {
                    var (sweep, _) = await MedianPairAsync(Math.Max(5, reps / 3), async () =>
                    {
                        await using var db = await factory.CreateDbContextAsync();
                        await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM (SELECT rowid, bm25(ArticleSearch) AS score FROM ArticleSearch WHERE ArticleSearch MATCH {match} ORDER BY rowid DESC LIMIT {ranked}) ORDER BY score, rowid DESC LIMIT 50").ToListAsync();
                    }, () => Task.CompletedTask);
                    Console.WriteLine($"search «{q}» by relevance over the newest {ranked} hits: {sweep:F1} ms");
                }
            int hits;
            await using (var db = await factory.CreateDbContextAsync()) hits = (await SearchIndex.CountAsync(db, q)).Articles;
            Console.WriteLine($"search «{q}» over {searchArticles} articles: newest-first {newest:F1} ms, by relevance {relevance:F1} ms (every hit scored, as before: {everyHit:F1} ms; {bounded.Intersect(full).Count()} of its top 50 in both, same first hit: {bounded.FirstOrDefault() == full.FirstOrDefault()}) ({hits} hits)");
        }

    }

    /// <summary>
    /// Issue 13's indexes (IX_Articles_OffTopic, IX_Items_Cards) against the store without them, in the same process
    /// and alternating runs: a copy of the store with the migration's indexes undone and the old article index
    /// (IX_Items_ArticleId_Start) back with its statistics, queried by the same code, and a second app serving it.
    /// </summary>
    private static async Task CompareIndexesAsync(IDbContextFactory<TrackerDbContext> factory, string dbPath, HttpClient http, int reps)
    {
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            foreach (var s in await db.Database.SqlQueryRaw<string>("SELECT idx || ': ' || stat AS Value FROM sqlite_stat1 WHERE tbl IN ('Items', 'Articles')").ToListAsync())
                Console.WriteLine("statistics: " + s);
        }
        var beforePath = Path.Combine(Path.GetDirectoryName(dbPath)!, "before-indexes.db");
        File.Copy(dbPath, beforePath, overwrite: true);
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={beforePath};Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                DROP INDEX IF EXISTS IX_Articles_OffTopic; DROP INDEX IF EXISTS IX_Items_Cards;
                CREATE INDEX IF NOT EXISTS IX_Items_ArticleId_Start ON Items (ArticleId, Start); ANALYZE IX_Items_ArticleId_Start;
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracker:Database"] = beforePath }).Build();
        await using var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error)).AddTrackerCore(config).BuildServiceProvider();
        var before = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        Console.WriteLine("view | first page (50 rows), with / without the indexes | card outline | first 50 cards | 50 cards mid-list");
        foreach (var query in new[] { "/", "/?theme=talent", "/?stance=closed&from=2025-01", "/?kind=quote&speaker=mark-zuckerberg", "/?q=" + Uri.EscapeDataString("المصدر"), "/?q=" + Uri.EscapeDataString("الزمن") })
        {
            var filter = TimelineFilter.FromUri(query);
            Func<Task> Page(IDbContextFactory<TrackerDbContext> f) => async () =>
            {
                await using var db = await f.CreateDbContextAsync();
                await TimelineQuery.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), 0, 50);
            };
            var outlines = new Dictionary<IDbContextFactory<TrackerDbContext>, TimelineOutline>();
            Func<Task> Outline(IDbContextFactory<TrackerDbContext> f) => async () =>
            {
                await using var db = await f.CreateDbContextAsync();
                outlines[f] = await TimelineCards.OutlineAsync(TimelineQuery.Filter(db, filter), filter.Zoom);
            };
            Func<Task> Cards(IDbContextFactory<TrackerDbContext> f, bool mid) => async () =>
            {
                await using var db = await f.CreateDbContextAsync();
                var outline = outlines[f];
                await TimelineCards.PageAsync(db, TimelineQuery.Filter(db, filter, forPage: true), outline, mid ? outline.Total / 2 : 0, 50);
            };
            var page = await MedianPairAsync(reps, Page(factory), Page(before));
            var outline = await MedianPairAsync(Math.Max(5, reps / 2), Outline(factory), Outline(before));
            if (!outlines[factory].Sections.SequenceEqual(outlines[before].Sections)) throw new InvalidOperationException($"{query}: the outlines differ");
            var first = await MedianPairAsync(reps, Cards(factory, false), Cards(before, false));
            var mid = await MedianPairAsync(reps, Cards(factory, true), Cards(before, true));
            Console.WriteLine($"{query} | {page.A:F1} / {page.B:F1} ms | {outline.A:F1} / {outline.B:F1} ms | {first.A:F1} / {first.B:F1} ms | {mid.A:F1} / {mid.B:F1} ms");
        }
        await using var app = WebApp.Create(["--Serilog:MinimumLevel:Default=Warning"], database: beforePath,
            configure: b => b.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0)));
        await app.StartAsync();
        using var old = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(app.Urls.First()) };
        await SignInAsync(old);
        foreach (var path in new[] { "/", "/?theme=talent&stance=closed", "/?q=" + Uri.EscapeDataString("الزمن") })
        {
            var (with, without) = await MedianPairAsync(Math.Max(5, reps / 2), () => http.GetStringAsync(path), () => old.GetStringAsync(path));
            Console.WriteLine($"first render {path}, with / without the indexes: {with:F0} / {without:F0} ms");
        }
        await app.StopAsync();
    }

    /// <summary>A view's page as it was before pages probed FTS5 per row: the word's hits as an IN set, whatever the word.</summary>
    private static IQueryable<Item> PlainFreeText(TrackerDbContext db, TimelineFilter filter)
    {
        var hits = SearchIndex.MatchingItemIds(db, SearchText.ToMatchQuery(filter.Query)!);
        return TimelineQuery.Filter(db, filter with { Query = null }, forPage: true).Where(i => hits.Contains(i.Id));
    }

    private static async Task<int> BuildStoreAsync(string dir, string dbPath, int targetItems)
    {
        var corpus = Path.Combine(dir, "corpus");
        Directory.CreateDirectory(corpus);
        var sentences = Corpus.SeedSentences();
        var random = new Random(7);
        // About 17 items per synthetic article; dates spread over 2023-01 .. 2026-10.
        var count = targetItems / 17 + 1;
        for (var i = 0; i < count; i++)
        {
            var month = new DateOnly(2023, 1, 1).AddMonths(random.Next(46));
            File.WriteAllText(Path.Combine(corpus, $"a{i:D6}.txt"),
                $"---\ntitle: تقرير {i}\nsource: مصدر {random.Next(12)}\npublished: {month:yyyy-MM}\n---\n" + Corpus.Article(sentences, random, random.Next(2_000, 6_000), i));
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tracker:Database"] = dbPath }).Build();
        await using var sp = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Error)).AddTrackerCore(config).BuildServiceProvider();
        await TrackerDbSetup.MigrateAsync(sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
        var results = await sp.GetRequiredService<IngestionService>().IngestPathsAsync([corpus]);
        Directory.Delete(corpus, recursive: true);
        return results.Count(r => r.Outcome == IngestOutcome.Added);
    }

    /// <summary>Tops the article index up to <paramref name="total"/> rows by re-indexing stored articles' shadows under new rowids.</summary>
    private static async Task FillSearchAsync(IDbContextFactory<TrackerDbContext> factory, int total)
    {
        await using var db = await factory.CreateDbContextAsync();
        var texts = await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Title + "\n" + a.Text).Take(2000).ToListAsync();
        var shadows = texts.Select(SearchText.ToShadow).ToList();
        var have = await db.Articles.CountAsync();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "INSERT INTO ArticleSearch(rowid, body) VALUES ($id, $body)";
        var id = SearchIndex.Parameter(cmd, "$id");
        var body = SearchIndex.Parameter(cmd, "$body");
        for (var k = have; k < total; k++)
        {
            id.Value = 1_000_000 + k;
            body.Value = shadows[k % shadows.Count];
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private const string BenchPassword = "timeline reader 2026";

    private static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "bench", ["password"] = BenchPassword, ["returnUrl"] = "/",
        }));
        if (response.RequestMessage?.RequestUri?.AbsolutePath != "/") throw new InvalidOperationException($"sign-in failed: {response.RequestMessage?.RequestUri}");
    }

    private static async Task MeasureCircuitsAsync(string baseUrl, string path, int circuits)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync();
        var login = await context.NewPageAsync();
        await login.GotoAsync(baseUrl + "/account/login");
        await login.FillAsync("input[name=userName]", "bench");
        await login.FillAsync("input[name=password]", BenchPassword);
        await login.ClickAsync("button[type=submit]");
        await login.WaitForURLAsync(u => !u.Contains("/account/login"));
        await login.CloseAsync();
        async Task<IPage> Open()
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUrl + path);
            await page.WaitForSelectorAsync("[data-ready=true]");
            if (path.StartsWith("/?"))
            {
                // Virtualize loads the list as it comes into view; under the chart and the milestones it starts below 720 pixels.
                await page.Locator(".timeline").ScrollIntoViewIfNeededAsync();
                await page.WaitForSelectorAsync(".item-card[data-item]");
            }
            return page;
        }
        var warm = await Open();
        var before = Heap();
        var pages = new List<IPage>();
        for (var k = 0; k < circuits; k++) pages.Add(await Open());
        var after = Heap();
        Console.WriteLine($"server memory per connected analyst ({path} open, {circuits} circuits): {(after - before) / 1024.0 / circuits:F0} KB (managed heap after full GC: {before / 1048576.0:F1} → {after / 1048576.0:F1} MiB)");
        foreach (var p in pages) await p.CloseAsync();
        await warm.CloseAsync();
    }

    private static long Heap()
    {
        for (var k = 0; k < 3; k++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<double> MedianAsync(int reps, Func<Task> run)
    {
        await run();
        var times = new List<double>(reps);
        for (var k = 0; k < reps; k++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Medians of two measurements taken in alternating runs, so a burst of load on the machine hits both alike.</summary>
    private static async Task<(double A, double B)> MedianPairAsync(int reps, Func<Task> a, Func<Task> b)
    {
        await a();
        await b();
        var (ta, tb) = (new List<double>(reps), new List<double>(reps));
        for (var k = 0; k < reps; k++)
        {
            var sw = Stopwatch.StartNew();
            await a();
            ta.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            await b();
            tb.Add(sw.Elapsed.TotalMilliseconds);
        }
        ta.Sort();
        tb.Sort();
        return (ta[reps / 2], tb[reps / 2]);
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

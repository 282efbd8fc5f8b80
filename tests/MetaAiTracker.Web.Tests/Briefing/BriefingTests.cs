using System.Diagnostics;
using System.Text.RegularExpressions;
using MetaAiTracker.Web.Briefing;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Timeline;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Tests.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Briefing;

/// <summary>The briefing for the seeds, printed by Debian's Chromium and read back with poppler-utils.</summary>
public class BriefingTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync();
        await _store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
    }

    public async Task DisposeAsync()
    {
        await _store.Services.GetRequiredService<BriefingPdf>().DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<(BriefingModel Model, string Html, string Pdf)> ExportAsync(TimelineFilter filter, string language)
    {
        var service = _store.Services.GetRequiredService<BriefingService>();
        var model = await service.ModelAsync(filter, language, "test");
        var (html, pdf) = await service.ExportAsync(filter, language, "test");
        var path = Path.Combine(_store.Dir, $"briefing-{language}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        File.Copy(path, Path.Combine(EndToEnd.AppFixture.ScreenshotDir, Path.GetFileName(path)), overwrite: true);
        return (model, html, path);
    }

    private static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start (./tracker test installs poppler-utils)");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }

    /// <summary>Text as a reader would search it: bidi controls that pdftotext adds removed, spaces collapsed.</summary>
    private static string Words(string s) => Regex.Replace(Regex.Replace(s, "[\u200E\u200F\u202A-\u202E\u2066-\u2069]", ""), @"\s+", " ");

    private static bool IsArabicWord(string w) => w.Length > 1 && w.All(c => c is >= '\u0621' and <= '\u0652');

    [Fact]
    public async Task TheArabicBriefingReadsInLogicalOrderWithItsFontsAndEveryReferenceResolved()
    {
        Directory.CreateDirectory(EndToEnd.AppFixture.ScreenshotDir);
        var (model, html, pdf) = await ExportAsync(new TimelineFilter(), "ar");

        var text = Words(Run("pdftotext", pdf, "-"));
        // A known quote: its first words in the order they are written.
        var quote = Assert.IsType<BriefingItem>(model.Quotes.First(q => q.Text.Split(' ').Length >= 6));
        var firstWords = string.Join(' ', Words(quote.Text).Trim('«', '»', '"', ' ').Split(' ').Take(4));
        Assert.Contains(firstWords, text);
        Assert.Contains("Llama 3.1", text);
        Assert.Contains("الأحداث الرئيسية", text);

        // Every source number an item carries is a numbered source, and every source is cited.
        var cited = model.Milestones.Concat(model.Events).Concat(model.Quotes).Concat(model.OpenClaims).Concat(model.ClosedClaims).Select(i => i.Source).ToHashSet();
        Assert.Equal(Enumerable.Range(1, model.Sources.Count), cited.Order());
        Assert.All(model.Sources, s => Assert.Contains($"id=\"source-{s.Number}\"", html));
        Assert.All(cited, n => Assert.Contains($"المصدر {n}", text));

        var pages = int.Parse(Regex.Match(Run("pdfinfo", pdf), @"Pages:\s+(\d+)").Groups[1].Value);
        Assert.InRange(pages, 3, 20);
        Assert.Matches(@"Amiri-Regular\s+CID TrueType\s+Identity-H\s+yes", Run("pdffonts", pdf));

        Run("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "3", pdf, Path.Combine(EndToEnd.AppFixture.ScreenshotDir, "briefing-ar"));
    }

    [Fact]
    public async Task TheEnglishEditionKeepsQuotesInArabicAndFollowsTheFilter()
    {
        var filter = new TimelineFilter { Themes = ["talent"], From = "2025-01" };
        var (model, _, pdf) = await ExportAsync(filter, "en");

        var text = Words(Run("pdftotext", pdf, "-"));
        Assert.Contains("Executive summary", text);
        Assert.Contains("Key events", text);
        Assert.Contains("Talent", text);
        Assert.All(model.Quotes.Concat(model.Events), i => Assert.True(i.Date.StartsWith("~", StringComparison.Ordinal) || char.IsAsciiLetterOrDigit(i.Date[0]), i.Date));
        // Quotes stay Arabic. pdftotext orders the runs of an Arabic line that holds digits by the page's (LTR)
        // direction, so compare three words in a row that are Arabic letters only.
        var arabicRuns = model.Quotes.Concat(model.Events).Concat(model.OpenClaims).Concat(model.ClosedClaims)
            .SelectMany(i => Regex.Split(Words(i.Text), @"\s*(?:\S*[^\s\u0621-\u0652]\S*)\s*"))
            .Select(run => run.Trim().Split(' ')).Where(w => w.Length >= 3 && w.All(IsArabicWord))
            .Select(w => string.Join(' ', w.Take(3))).ToList();
        Assert.NotEmpty(arabicRuns);
        Assert.Contains(arabicRuns, text.Contains);
    }

    [Theory]
    [InlineData("en", "ar")]
    [InlineData("ar", "en")]
    public async Task TheBriefingsLanguageIsAValueTheReadersInterfaceLanguageNeitherLeaksInNorChanges(string language, string reader)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(reader);
        try
        {
            var service = _store.Services.GetRequiredService<BriefingService>();
            var model = await service.ModelAsync(new TimelineFilter(), language, "test");
            var html = System.Net.WebUtility.HtmlDecode(await _store.Services.GetRequiredService<BriefingPdf>().RenderHtmlAsync(model));

            Assert.Equal(reader, System.Globalization.CultureInfo.CurrentUICulture.Name);
            Assert.Equal(language, model.Language);
            Assert.Contains($"<html lang=\"{language}\"", html);
            Assert.Contains(MetaAiTracker.Web.Components.Shared.Ui.In(language, "briefing.title"), html);
            Assert.DoesNotContain(MetaAiTracker.Web.Components.Shared.Ui.In(reader, "briefing.summary"), html);
            // Dates and stance labels come from the same value: the English edition has no Arabic month, the Arabic no English one.
            string[] monthsOfReader = reader == "en" ? ["January", "February", "March", "April", "May", "June", "July"] : ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو"];
            var dates = model.Events.Concat(model.Quotes).Select(i => i.Date).Concat(model.Sources.Select(x => x.Date)).ToList();
            Assert.NotEmpty(dates);
            Assert.All(dates, d => Assert.DoesNotContain(monthsOfReader, d.Contains));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task ABriefingOfHandPickedItemsHoldsThoseItemsAndCitesOnlyTheirSources()
    {
        int[] picked;
        await using (var db = await _store.DbAsync())
            picked = [.. await db.Items.Where(i => i.Kind == ItemKind.Quote && i.SpeakerName != null).OrderBy(i => i.Id).Select(i => i.Id).Take(2)
                .Concat(db.Items.Where(i => i.Kind == ItemKind.Event && i.DateStart != null).OrderBy(i => i.Id).Select(i => i.Id).Take(1)).ToListAsync()];

        var model = await _store.Services.GetRequiredService<BriefingService>().ModelAsync(new TimelineFilter { Items = picked }, "ar", "test");

        var shown = model.Events.Concat(model.Quotes).Concat(model.OpenClaims).Concat(model.ClosedClaims).Select(i => i.Id).ToList();
        Assert.Equal(picked.Order(), shown.Order());
        Assert.Equal(shown.Count, model.Total);
        Assert.InRange(model.Sources.Count, 1, 3);
    }

    [Theory]
    [InlineData(false, "ar", "counting.once")]
    [InlineData(true, "ar", "counting.everyCopy")]
    [InlineData(false, "en", "counting.once")]
    public async Task TheCoverSaysWhetherASyndicatedStoryCountsOnceOrEveryCopyCounts(bool copies, string lang, string said)
    {
        var pdf = _store.Services.GetRequiredService<BriefingPdf>();
        var model = await _store.Services.GetRequiredService<BriefingService>().ModelAsync(new TimelineFilter { Copies = copies }, lang, "test");

        var html = System.Net.WebUtility.HtmlDecode(await pdf.RenderHtmlAsync(model));

        var counting = Regex.Match(html, "<p class=\"counting\">([^<]*)</p>").Groups[1].Value;
        Assert.Equal(Ui.In(lang, said), counting);
    }

    [Fact]
    public async Task AHandPickedBriefingMakesNoClaimAboutCopiesSinceEveryPickedItemIsShownWhicheverCopyItComesFrom()
    {
        int picked;
        await using (var db = await _store.DbAsync()) picked = await db.Items.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var model = await _store.Services.GetRequiredService<BriefingService>().ModelAsync(new TimelineFilter { Items = [picked] }, "ar", "test");

        var html = await _store.Services.GetRequiredService<BriefingPdf>().RenderHtmlAsync(model);

        Assert.DoesNotContain("class=\"counting\"", html);
    }

    [Fact]
    public async Task AHandPickedBriefingSaysSoOnItsCoverWithItsPeriodInWordsAndLeavesOutEmptySections()
    {
        int[] picked;
        await using (var db = await _store.DbAsync())
            picked = [.. await db.Items.Where(i => i.Kind == ItemKind.Quote && i.SpeakerName != null && i.DateStart != null).OrderBy(i => i.Id).Select(i => i.Id).Take(3).ToListAsync()];
        var pdf = _store.Services.GetRequiredService<BriefingPdf>();
        var service = _store.Services.GetRequiredService<BriefingService>();

        var model = await service.ModelAsync(new TimelineFilter { Items = picked }, "ar", "test");
        var html = System.Net.WebUtility.HtmlDecode(await pdf.RenderHtmlAsync(model));
        var english = System.Net.WebUtility.HtmlDecode(await pdf.RenderHtmlAsync(await service.ModelAsync(new TimelineFilter { Items = picked }, "en", "test")));

        Assert.Contains("3 عناصر مختارة يدويًا", html);
        Assert.Contains("3 hand-picked items", english);
        Assert.DoesNotContain(Ui.In("ar", "briefing.noFilters"), html);
        // The period is the items' span, in month names: never the ISO text a right-to-left line turns into «01-2025».
        var period = Regex.Match(html, "<p class=\"period\"><b>[^<]*</b>([^<]*)</p>").Groups[1].Value.Trim();
        Assert.Matches(@"^(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)", period);
        Assert.DoesNotMatch(@"\d{4}-\d{2}|\d{2}-\d{4}", period);
        // Only quotes were picked: no heading over an empty section, and the summary says which had nothing.
        Assert.DoesNotContain($"<h2>{Ui.In("ar", "briefing.events")}</h2>", html);
        Assert.DoesNotContain(Ui.In("ar", "briefing.none"), html);
        Assert.Contains($"<h2>{Ui.In("ar", "briefing.quotes")}</h2>", html);
        Assert.Contains(Ui.In("ar", "briefing.emptySections", Labels.List([Ui.In("ar", "briefing.events"), Ui.In("ar", "briefing.claims")], "ar")), html);
    }

    [Fact]
    public async Task ABriefingsPeriodFromTheFiltersIsInWordsAndInReadingOrder()
    {
        var pdf = _store.Services.GetRequiredService<BriefingPdf>();
        var service = _store.Services.GetRequiredService<BriefingService>();
        string Period(string html) => Regex.Match(System.Net.WebUtility.HtmlDecode(html), "<p class=\"period\"><b>[^<]*</b>([^<]*)</p>").Groups[1].Value.Trim();

        Assert.Equal("يناير–مارس 2025", Period(await pdf.RenderHtmlAsync(await service.ModelAsync(new TimelineFilter { From = "2025-01", To = "2025-03" }, "ar", "t"))));
        Assert.Equal("ديسمبر 2024 – فبراير 2025", Period(await pdf.RenderHtmlAsync(await service.ModelAsync(new TimelineFilter { From = "2024-12", To = "2025-02" }, "ar", "t"))));
        Assert.Equal("منذ يناير 2025", Period(await pdf.RenderHtmlAsync(await service.ModelAsync(new TimelineFilter { From = "2025-01" }, "ar", "t"))));
        Assert.Equal("January–March 2025", Period(await pdf.RenderHtmlAsync(await service.ModelAsync(new TimelineFilter { From = "2025-01", To = "2025-03" }, "en", "t"))));
    }

    [Fact]
    public async Task AnItemAnEditorConfirmedIsMarkedAndTheCoverCountsReviewedItems()
    {
        Item quote;
        await using (var db = await _store.DbAsync())
            quote = await db.Items.Where(i => i.Kind == ItemKind.Quote && i.SpeakerName != null).OrderBy(i => i.Id).FirstAsync();
        await _store.Services.GetRequiredService<MetaAiTracker.Web.Editing.ReviewService>()
            .ConfirmAsync(Editing.People.Editor, quote.Id, quote.Version);

        var (model, html, pdf) = await ExportAsync(new TimelineFilter { Items = [quote.Id, quote.Id + 1] }, "ar");

        Assert.Equal(1, model.ReviewedItems);
        Assert.True(Assert.Single(model.Quotes, q => q.Id == quote.Id).Reviewed);
        Assert.DoesNotContain(model.Events.Concat(model.Quotes).Concat(model.OpenClaims).Concat(model.ClosedClaims), i => i.Id != quote.Id && i.Reviewed);
        var text = Words(Run("pdftotext", pdf, "-"));
        Assert.Contains("راجعه محرر", text);
        Assert.Matches($@"1\s*من\s*{Regex.Escape(Ui.Count("count.items", model.Total, "ar"))}\s*راجعها محرر", text);
    }

    [Fact]
    public async Task ASavedViewIsExportedAgainWithWhatIsNewSinceItsLastExportMarked()
    {
        var service = _store.Services.GetRequiredService<BriefingService>();
        await service.SaveViewAsync(People.Analyst, "  كل شيء  ", new TimelineFilter());

        var first = await service.ExportViewAsync("كل شيء", "ar", "test");
        await service.MarkSentAsync(People.Analyst, "كل شيء", first.Model.UpTo);
        // A new article arrives between two exports.
        var extra = _store.WriteFile("new.txt", "قال مارك زوكربيرغ إن «المصدر المفتوح هو المستقبل» وإن ميتا ستواصل إطلاق نماذج Llama مفتوحة للمطورين في عام 2026.\n\nوأعلنت ميتا في يناير 2026 عن إطلاق نموذج جديد مفتوح المصدر.");
        var added = (await _store.Ingestion.IngestPathsAsync([extra])).Single();
        var second = await service.ExportViewAsync("كل شيء", "ar", "test");

        Assert.Null(first.Model.NewSince);
        Assert.DoesNotContain(first.Model.Quotes.Concat(first.Model.Events), i => i.IsNew);
        Assert.NotNull(second.Model.NewSince);
        Assert.Equal(added.Quotes + added.Events + added.Claims, second.Model.NewItems);
        Assert.True(second.Model.NewItems > 0);
        var text = Words(Run("pdftotext", await Save(second.Pdf, "view.pdf"), "-"));
        // The count's own words (its digits may move in text extraction), in its CLDR plural form.
        Assert.Contains(Ui.Count("count.newItems", second.Model.NewItems, "ar").Replace(second.Model.NewItems.ToString(System.Globalization.CultureInfo.InvariantCulture), "").Trim(), text);
        Assert.Contains("منذ آخر تصدير", text);
        var views = await service.ViewsAsync();
        Assert.Equal("كل شيء", Assert.Single(views).Name);
    }

    [Fact]
    public async Task ExportingAViewMovesNoMarkerOnlyItsOwnerOrAnEditorMarksItSent()
    {
        var service = _store.Services.GetRequiredService<BriefingService>();
        await service.SaveViewAsync(People.Analyst, "الكل", new TimelineFilter());
        int maxId;
        await using (var db = await _store.DbFactory.CreateDbContextAsync()) maxId = await db.Items.MaxAsync(i => i.Id);

        var first = await service.ExportViewAsync("الكل", "ar", "test");
        var again = await service.ExportViewAsync("الكل", "ar", "test");
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.MarkSentAsync(People.As("sami", TrackerRoles.Analyst), "الكل", first.Model.UpTo));
        Assert.Null((await service.ViewsAsync()).Single().LastExportedAt);
        await service.MarkSentAsync(People.Editor, "الكل", first.Model.UpTo);

        Assert.Equal(maxId, first.Model.UpTo);
        Assert.Null(again.Model.NewSince);
        var view = (await service.ViewsAsync()).Single();
        Assert.Equal(maxId, view.LastExportMaxItemId);
        Assert.NotNull(view.LastExportedAt);
        await using var check = await _store.DbFactory.CreateDbContextAsync();
        Assert.Equal("huda", (await check.Audit.SingleAsync(a => a.Action == "view.sent")).UserName);
    }

    [Fact]
    public async Task AViewNeedsANameAndAnUnknownViewIsNamedInTheError()
    {
        var service = _store.Services.GetRequiredService<BriefingService>();

        var blank = await Assert.ThrowsAnyAsync<ArgumentException>(() => service.SaveViewAsync(People.Analyst, "   ", new TimelineFilter()));
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => service.ExportViewAsync("لا يوجد", "ar", "test"));

        Assert.Contains("1 to 120", blank.Message);
        Assert.Contains("لا يوجد", missing.Message);
    }

    [Fact]
    public async Task OnlyAViewsOwnerOrAnEditorReplacesOrDeletesItEachChangeAuditedAndAnonymousSavesNothing()
    {
        var service = _store.Services.GetRequiredService<BriefingService>();
        var other = People.As("sami", TrackerRoles.Analyst);
        var saved = await service.SaveViewAsync(People.Analyst, "مفتوح", new TimelineFilter { Query = "meta" });

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveViewAsync(other, "مفتوح", new TimelineFilter()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteViewAsync(other, "مفتوح"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveViewAsync(People.Anonymous, "لي", new TimelineFilter()));
        await service.SaveViewAsync(People.Analyst, "مفتوح", new TimelineFilter { Query = "llama" });
        await service.SaveViewAsync(People.Editor, "مفتوح", new TimelineFilter());
        // A view saved before views had owners: only editors may change it.
        await using (var db = await _store.DbFactory.CreateDbContextAsync())
        {
            db.SavedViews.Add(new SavedView { Name = "قديم", Query = "" });
            await db.SaveChangesAsync();
        }
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SaveViewAsync(People.Analyst, "قديم", new TimelineFilter()));
        await service.DeleteViewAsync(People.Admin, "قديم");

        Assert.Equal("amal", saved.Owner);
        var views = await service.ViewsAsync();
        Assert.Equal("amal", Assert.Single(views).Owner);
        await using var check = await _store.DbFactory.CreateDbContextAsync();
        var audit = await check.Audit.Where(a => a.TargetType == "view").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["view.save:amal", "view.save:amal", "view.save:huda", "view.delete:nadia"], audit.Select(a => $"{a.Action}:{a.UserName}"));
        Assert.Contains("llama", audit[1].After);
    }

    private async Task<string> Save(byte[] pdf, string name)
    {
        var path = Path.Combine(_store.Dir, name);
        await File.WriteAllBytesAsync(path, pdf);
        return path;
    }

    [Fact]
    public void ShiftsAreTheLargestMovesOfTheBalanceBetweenLeaningMonths()
    {
        var shifts = BriefingQuery.Shifts(
        [
            new PeriodCount(new DateOnly(2025, 1, 1), 8, 0, 0, 0), new PeriodCount(new DateOnly(2025, 2, 1), 0, 0, 0, 5),
            new PeriodCount(new DateOnly(2025, 3, 1), 2, 6, 0, 0), new PeriodCount(new DateOnly(2025, 4, 1), 3, 3, 0, 0),
        ]);

        Assert.Equal([(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 1), -1.5), (new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1), 0.5)],
            shifts.Select(s => (s.From, s.To, s.Change)));
    }

    [Fact]
    public void APeriodOfOneItemYieldsNoShiftItIsSkippedAsOnTheChart()
    {
        // One open item, then one closed: read naively, a swing from +1.00 to −1.00.
        var lone = BriefingQuery.Shifts([new PeriodCount(new DateOnly(2025, 1, 1), 1, 0, 0, 0), new PeriodCount(new DateOnly(2025, 2, 1), 0, 1, 0, 3)]);
        var between = BriefingQuery.Shifts(
        [
            new PeriodCount(new DateOnly(2025, 1, 1), 5, 0, 0, 0), new PeriodCount(new DateOnly(2025, 2, 1), 0, 1, 0, 0),
            new PeriodCount(new DateOnly(2025, 3, 1), 1, PeriodCount.MinItemsForBalance - 1, 0, 0),
        ]);

        Assert.Empty(lone);
        Assert.Equal([(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 1))], between.Select(s => (s.From, s.To)));
    }

    [Fact]
    public async Task TheSummaryListsTheViewsMilestonesAndItsShiftsOnlyBetweenPeriodsWithABalance()
    {
        var service = _store.Services.GetRequiredService<BriefingService>();
        var model = await service.ModelAsync(new TimelineFilter(), "ar", "test");
        var html = await _store.Services.GetRequiredService<BriefingPdf>().RenderHtmlAsync(model);

        await using var db = await _store.DbAsync();
        var expected = await db.Items.Where(i => i.IsMilestone && i.DateStart != null && i.Status != ReviewStatus.Rejected).OrderBy(i => i.DateStart).Select(i => i.Id).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, model.Milestones.Select(m => m.Id));
        Assert.All(expected, id => Assert.Contains($"<li data-item=\"{id}\"", html));
        var balanced = model.Periods.Where(p => p.Open + p.Closed >= PeriodCount.MinItemsForBalance).Select(p => p.Period).ToHashSet();
        Assert.All(model.Shifts, s => Assert.True(balanced.Contains(s.From) && balanced.Contains(s.To), $"{s.From} → {s.To}"));
        // The chart in the briefing marks them too, with its legend.
        Assert.Contains("class=\"milestone-mark\"", html);
        Assert.Contains("يظهر حيث في الفترة 5 عناصر", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task ThePrintBrowserRunsNoScriptAndFetchesNothingOutsideTheBriefing()
    {
        // A loopback listener stands for any outside host: every connection to it is a request the print browser made.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var buffer = new byte[512];
                    var read = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : 0);
                    requests.Enqueue(read > 0 ? System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split('\r')[0] : "(a connection, nothing sent)");
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException) { }
        });
        var outside = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        // Everything a crafted article could try if its text ever reached the page unescaped.
        var html = $"""
            <!doctype html><html><head><link rel="stylesheet" href="{outside}/style.css"><style>@import url("{outside}/import.css");</style></head>
            <body><p id="text">نص</p><img src="{outside}/img.png"><iframe src="{outside}/frame"></iframe>
            <div style="background:url('{outside}/bg.png')">x</div>
            <script>document.getElementById('text').textContent = 'script ran'; fetch('{outside}/fetch');</script></body></html>
            """;
        try
        {
            var pdf = Path.Combine(_store.Dir, "crafted.pdf");
            await File.WriteAllBytesAsync(pdf, await _store.Services.GetRequiredService<BriefingPdf>().PrintAsync(html, "ar"));
            await Task.Delay(500);
            Assert.Empty(requests);
            Assert.DoesNotContain("script ran", Run("pdftotext", pdf, "-"));
        }
        finally
        {
            listener.Stop();
        }
    }
}

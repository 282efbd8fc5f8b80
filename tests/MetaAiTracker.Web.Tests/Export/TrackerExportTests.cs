using System.Text;
using System.Text.Json;
using MetaAiTracker.Web.Export;
using Microsoft.EntityFrameworkCore;

namespace MetaAiTracker.Web.Tests.Export;

public class TrackerExportTests
{
    private static async Task<JsonDocument> ExportAsync(TestStore store, bool includeText)
    {
        await using var db = await store.DbAsync();
        using var ms = new MemoryStream();
        await TrackerExport.WriteJsonAsync(db, ms, includeText);
        return JsonDocument.Parse(ms.ToArray());
    }

    [Fact]
    public async Task JsonExportIsVersionedAndHoldsEveryArticle()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);

        using var doc = await ExportAsync(store, includeText: false);

        var root = doc.RootElement;
        Assert.Equal("metaaitracker-export", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(5, root.GetProperty("articles").GetArrayLength());
        Assert.False(root.GetProperty("articles")[0].TryGetProperty("text", out _));
        var published = root.GetProperty("articles")[0].GetProperty("published");
        Assert.True(published.GetProperty("estimated").GetBoolean());
        Assert.Equal("month", published.GetProperty("granularity").GetString());
    }

    [Fact]
    public async Task EveryItemOffsetSlicesItsTextOutOfTheArticle()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);

        using var doc = await ExportAsync(store, includeText: true);

        var texts = doc.RootElement.GetProperty("articles").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetInt32(), a => a.GetProperty("text").GetString()!);
        var checkedItems = 0;
        foreach (var kind in new[] { "quotes", "claims" })
        {
            foreach (var item in doc.RootElement.GetProperty(kind).EnumerateArray())
            {
                var text = texts[item.GetProperty("articleId").GetInt32()];
                var start = item.GetProperty("start").GetInt32();
                var end = item.GetProperty("end").GetInt32();
                Assert.Equal(item.GetProperty("text").GetString(), text[start..end]);
                checkedItems++;
            }
        }
        foreach (var ev in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            var text = texts[ev.GetProperty("articleId").GetInt32()];
            foreach (var amount in ev.GetProperty("amounts").EnumerateArray())
                Assert.Equal(amount.GetProperty("text").GetString(), text[amount.GetProperty("start").GetInt32()..amount.GetProperty("end").GetInt32()]);
        }
        Assert.True(checkedItems > 0);
    }

    [Fact]
    public async Task CsvHasOneRowPerItemAndDefusesFormulas()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        await using var db = await store.DbAsync();
        var items = await db.Items.CountAsync();
        using var ms = new MemoryStream();

        await TrackerExport.WriteCsvAsync(db, ms);

        var csv = Encoding.UTF8.GetString(ms.ToArray());
        Assert.StartsWith("\uFEFFkind,id,articleId", csv);
        // Multi-line fields are quoted, so count records by parsing quotes rather than lines.
        Assert.Equal(items + 1, CountRecords(csv));
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", TrackerExport.Csv("=HYPERLINK(\"x\")"));
        Assert.Equal("\"a,b\"", TrackerExport.Csv("a,b"));
    }

    [Fact]
    public async Task EveryExportedItemSaysWhetherItIsAMilestone()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Ingestion.IngestPathsAsync([TestStore.SeedsDir]);
        List<int> milestones;
        await using (var db = await store.DbAsync())
            milestones = await db.Items.Where(i => i.IsMilestone).Select(i => i.Id).OrderBy(i => i).ToListAsync();

        using var doc = await ExportAsync(store, includeText: false);
        await using var csvDb = await store.DbAsync();
        using var ms = new MemoryStream();
        await TrackerExport.WriteCsvAsync(csvDb, ms);

        var items = new[] { "quotes", "events", "claims" }.SelectMany(k => doc.RootElement.GetProperty(k).EnumerateArray()).ToList();
        Assert.All(items, i => Assert.True(i.TryGetProperty("isMilestone", out _)));
        Assert.Equal(milestones, items.Where(i => i.GetProperty("isMilestone").GetBoolean()).Select(i => i.GetProperty("id").GetInt32()).Order());
        var csv = Encoding.UTF8.GetString(ms.ToArray()).TrimStart('\uFEFF');
        Assert.EndsWith(",status,isMilestone", csv[..csv.IndexOf('\r')]);
        Assert.NotEmpty(milestones);
    }

    private static int CountRecords(string csv)
    {
        var records = 0;
        var inQuotes = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"') inQuotes = !inQuotes;
            else if (!inQuotes && csv[i] == '\n') records++;
        }
        return records;
    }

    [Fact]
    public async Task AnAmountNoEventCarriesIsExportedAsAFigureOfItsArticleWithItsSentencesDate()
    {
        await using var store = await TestStore.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("figures-");
        var file = Path.Combine(dir.FullName, "figures.txt");
        // A figure inside a direct quote: a quote is the speaker's words, not a happening, so no event carries it.
        const string text = "ميتا والمساعد الذكي\nوقال مدير المنتج في ميتا: «جرب المساعد 40 في المئة من مستخدمينا منذ مارس 2025».";
        await File.WriteAllTextAsync(file, text);
        try
        {
            await store.Ingestion.IngestPathsAsync([file]);
            using var doc = await ExportAsync(store, includeText: true);

            var stored = doc.RootElement.GetProperty("articles")[0].GetProperty("text").GetString()!;
            var figure = Assert.Single(doc.RootElement.GetProperty("figures").EnumerateArray());
            Assert.Equal(40, figure.GetProperty("value").GetDouble());
            Assert.Equal("percent", figure.GetProperty("unit").GetString());
            var (start, end) = (figure.GetProperty("start").GetInt32(), figure.GetProperty("end").GetInt32());
            Assert.StartsWith("40", stored[start..end]);
            Assert.Equal("2025-03-01", figure.GetProperty("date").GetProperty("start").GetString());
        }
        finally { dir.Delete(recursive: true); }
    }
}

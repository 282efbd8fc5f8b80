using System.Data.Common;
using MetaAiTracker.Web.Cli;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Ingestion;

public class FullDiskTests
{
    /// <summary>
    /// A real SQLITE_FULL without a small filesystem: once armed, every connection opened after the next commit caps
    /// the file at the size it has (PRAGMA max_page_count cannot go below it), so the next write that grows it fails.
    /// </summary>
    private sealed class DiskFillsAfterNextCommit : IDbConnectionInterceptor, IDbTransactionInterceptor
    {
        public bool Armed;
        private bool _full;

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => _full |= Armed;

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _full |= Armed;
            return Task.CompletedTask;
        }

        public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!_full) return;
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA max_page_count = 1";
            cmd.ExecuteNonQuery();
        }

        public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AFullDiskStopsTheIngestKeepsWhatWasCommittedAndPrintsTheSummaryWithTheReason()
    {
        var disk = new DiskFillsAfterNextCommit();
        await using var store = await TestStore.CreateAsync(s => s.ConfigureDbContext<TrackerDbContext>(o => o.AddInterceptors(disk)));
        // 40 distinct articles: more than one batch of 32, so the first batch is committed before the disk fills.
        var seeds = Directory.GetFiles(TestStore.SeedsDir, "*.txt").Order().Select(File.ReadAllText).ToArray();
        var files = Enumerable.Range(0, 40).Select(i => store.WriteFile($"{i:00}.txt", $"{seeds[i % seeds.Length]}\n\nنسخة رقم {i} من المقال.")).ToArray();
        disk.Armed = true;
        var (output, errors) = (new StringWriter(), new StringWriter());

        var code = await IngestCommand.RunAsync(store.Ingestion, [Path.GetDirectoryName(files[0])!], output, errors);

        Assert.Equal(1, code);
        var lines = output.ToString();
        Assert.Contains("32 added", lines);
        Assert.Contains("stopped", lines);
        Assert.Contains("disk is full", lines);
        Assert.Contains(store.DatabasePath, lines);
        Assert.DoesNotContain("   at ", lines + errors);
        // Stopped at the first failure: the files after it were not each tried and rejected in turn.
        Assert.DoesNotContain("rejected   ", errors.ToString());
        await using var db = await store.DbAsync();
        Assert.Equal(32, await db.Articles.CountAsync());
        Assert.Equal(32, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM ArticleSearch").SingleAsync());
    }
}

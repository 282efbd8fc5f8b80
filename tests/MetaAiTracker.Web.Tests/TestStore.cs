using MetaAiTracker.Web;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaAiTracker.Web.Tests;

/// <summary>
/// A real SQLite file in a temporary folder, migrated, with the app's own service registrations.
/// Every test gets its own; nothing stands in for the database.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private TestStore(string dir, ServiceProvider services)
    {
        Dir = dir;
        Services = services;
    }

    public string Dir { get; }
    public string DatabasePath => Path.Combine(Dir, "tracker.db");
    public ServiceProvider Services { get; }
    public IDbContextFactory<TrackerDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
    public IngestionService Ingestion => Services.GetRequiredService<IngestionService>();

    public static string SeedsDir => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static async Task<TestStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracker:Database"] = Path.Combine(dir, "tracker.db"),
            ["Tracker:Seeds"] = SeedsDir,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddTrackerCore(config);
        configure?.Invoke(services);
        var sp = services.BuildServiceProvider();
        await TrackerDbSetup.MigrateAsync(sp.GetRequiredService<IDbContextFactory<TrackerDbContext>>());
        return new TestStore(dir, sp);
    }

    public async Task<TrackerDbContext> DbAsync() => await DbFactory.CreateDbContextAsync();

    public string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteFile(string name, string text) => WriteFile(name, System.Text.Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { /* a reader may still hold the file on a slow machine */ }
    }
}

using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Serilog;

namespace MetaAiTracker.Web;

/// <summary>Every registration, listed by hand: one composition root for the dashboard and the command line.</summary>
public static class AppServices
{
    /// <summary>The store, extraction and ingestion: what both the command line and the dashboard need.</summary>
    public static IServiceCollection AddTrackerCore(this IServiceCollection services, IConfiguration configuration, string? databaseOverride = null)
    {
        var options = configuration.GetSection("Tracker").Get<TrackerOptions>() ?? new TrackerOptions();
        if (databaseOverride is not null) options.Database = databaseOverride;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        // Store
        var connection = $"Data Source={Path.GetFullPath(options.Database)};Pooling=True";
        // Pooled: ingestion and the dashboard create a context per operation, thousands of times.
        services.AddPooledDbContextFactory<TrackerDbContext>(o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmaInterceptor()));

        // Extraction and ingestion
        services.AddSingleton(ExtractionPipeline.CreateDefault());
        services.AddSingleton(new ArticleReaderOptions { MaxBytes = options.MaxFileBytes });
        services.AddSingleton<IngestionService>();
        services.AddSingleton<Components.Pages.Timeline.TimelineLookups>();
        return services;
    }

    public static WebApplicationBuilder AddTrackerWeb(this WebApplicationBuilder builder, string? databaseOverride = null)
    {
        builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration));
        builder.Services.AddTrackerCore(builder.Configuration, databaseOverride);

        // Dashboard
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication UseTrackerWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseSerilogRequestLogging();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Creates or migrates the store, and on first start (no article yet) ingests the seed folder.</summary>
    public static async Task PrepareStoreAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TrackerDbContext>>();
        var options = services.GetRequiredService<TrackerOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Startup");
        await TrackerDbSetup.MigrateAsync(factory, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!options.IngestSeedsOnFirstStart || await db.Articles.AnyAsync(ct)) return;
        if (!Directory.Exists(options.Seeds))
        {
            logger.LogWarning("The store is empty and the seed folder {Seeds} does not exist", Path.GetFullPath(options.Seeds));
            return;
        }
        var results = await services.GetRequiredService<IngestionService>().IngestPathsAsync([options.Seeds], ct: ct);
        logger.LogInformation("First start: ingested {Added} of {Total} seed files from {Seeds}",
            results.Count(r => r.Outcome == IngestOutcome.Added), results.Count, options.Seeds);
    }
}

using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Briefing;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Ingestion;
using Microsoft.AspNetCore.Diagnostics;
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
        var connection = $"Data Source={Path.GetFullPath(options.Database)};Pooling=True{(options.ReadOnly ? ";Mode=ReadOnly" : "")}";
        // Pooled: ingestion and the dashboard create a context per operation, thousands of times.
        services.AddPooledDbContextFactory<TrackerDbContext>(o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmaInterceptor()));

        // Extraction and ingestion
        services.AddSingleton(ExtractionPipeline.CreateDefault());
        services.AddSingleton(new ArticleReaderOptions { MaxBytes = options.MaxFileBytes });
        services.AddSingleton<IngestionService>();
        services.AddSingleton<ReextractionJobs>();
        services.AddSingleton<Timeline.TimelineLookups>();
        services.AddSingleton<Briefing.BriefingPdf>();
        services.AddSingleton<Briefing.BriefingService>();
        services.AddTrackerAccounts();
        services.AddSingleton<Editing.ReviewService>();
        services.AddSingleton<Editing.CatalogService>();
        services.AddHttpClient<Editing.UrlFetcher>().ConfigurePrimaryHttpMessageHandler(sp => Editing.UrlFetcher.CreateHandler(sp.GetRequiredService<TrackerOptions>().Fetch));
        services.AddSingleton<Editing.ArticleIntake>();
        services.AddSingleton<Sources.SourceAdmin>();
        services.AddSingleton<Sources.SourcePoller>();
        return services;
    }

    public static WebApplicationBuilder AddTrackerWeb(this WebApplicationBuilder builder, string? databaseOverride = null)
    {
        builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration));
        builder.Services.AddTrackerCore(builder.Configuration, databaseOverride);
        var options = (TrackerOptions)builder.Services.Last(d => d.ServiceType == typeof(TrackerOptions)).ImplementationInstance!;
        builder.AddTrackerSignIn(options);

        // Dashboard
        // A pasted article travels in one circuit message (TrackerOptions.MaxCircuitMessageBytes). Only signed-in
        // accounts reach the hub (unless Tracker:AnonymousRead), and the reader's own limit applies after.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = options.MaxCircuitMessageBytes);
        builder.Services.AddMudServices();
        builder.Services.AddHostedService<Sources.SourcePollingService>();

        // The API: enums by name both ways (a bare number means nothing to a script's reader), a missing field the
        // body needs is refused while binding, and binding failures are thrown so ApiProblems can say why.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiProblems>();
        return builder;
    }

    public static WebApplication UseTrackerWeb(this WebApplication app)
    {
        // API errors are problem details (ApiProblems); a page's error shows the error page.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // An address nothing answers is the app's own not-found page (status 404 kept). Not inside UseWhen: a branch
        // re-executes without routing again, and the page came back empty. An endpoint's own status stays as it answered.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((c, next) =>
        {
            if ((c.GetEndpoint() is not null || c.Request.Path.StartsWithSegments("/api")) && c.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
                // Out of sight too: Blazor renders a page differently while it believes status-code pages are on.
                c.Features.Set<IStatusCodePagesFeature>(null);
            }
            return next(c);
        });
        // The API's answers without a body are problem details too: 401 and 403 from the cookie, 404 and 405 from routing.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseSerilogRequestLogging();
        // Arabic unless the reader chose English (a cookie set by /culture). Only the interface language changes:
        // numbers and dates are formatted by the app itself, never through the Arabic culture's Hijri calendar.
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(culture: "en", uiCulture: "ar"),
            SupportedCultures = [new System.Globalization.CultureInfo("en")],
            SupportedUICultures = [new System.Globalization.CultureInfo("ar"), new System.Globalization.CultureInfo("en")],
            RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()],
        });
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAccountEndpoints();
        app.MapEditingApi();
        app.MapBriefingEndpoints();
        app.MapGet("/culture", (string set, string? back, HttpContext http) =>
        {
            if (set is not ("ar" or "en")) return Results.BadRequest($"unknown language '{set}' (use ar or en)");
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new("en", set)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            return Results.LocalRedirect(AccountSetup.LocalPath(back));
        }).AllowAnonymous();
        // The sign-in page needs its styles and fonts before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        // Our own CSP already says frame-ancestors 'none'; Blazor would add a second, looser header.
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
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
        // No account yet: the setup address is printed once the server listens (Accounts/SetupAnnouncer).
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

namespace MetaAiTracker.Web;

/// <summary>Builds the dashboard host; used by `tracker serve` and by the end-to-end tests on a loopback port.</summary>
public static class WebApp
{
    public static WebApplication Create(string[] args, string? database = null, string? urls = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Configuration and wwwroot live beside the binary; the database path stays relative to the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            // Tests host the app from their own assembly: name the app so its static assets manifest is found.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        // Serve wwwroot and MudBlazor's files from a build output too (a no-op once published).
        builder.WebHost.UseStaticWebAssets();
        if (urls is not null) builder.WebHost.UseUrls(urls);
        builder.AddTrackerWeb(database);
        configure?.Invoke(builder);
        return builder.Build().UseTrackerWeb();
    }
}

namespace MetaAiTracker.Web;

/// <summary>The "Tracker" configuration section (appsettings.json, environment Tracker__*, or --db).</summary>
public sealed class TrackerOptions
{
    /// <summary>SQLite file; relative paths resolve against the working directory (the repository root for ./tracker).</summary>
    public string Database { get; set; } = "data/tracker.db";
    /// <summary>Folder ingested on first start when the store has no article.</summary>
    public string Seeds { get; set; } = "seeds";
    public bool IngestSeedsOnFirstStart { get; set; } = true;
    public long MaxFileBytes { get; set; } = 5_000_000;
}

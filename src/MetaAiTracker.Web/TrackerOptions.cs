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
    /// <summary>
    /// The largest message the live connection takes from a browser: a paste of <see cref="MaxFileBytes"/> travels in
    /// one (SignalR's 32 KB default would drop the circuit on a long article), with room for its JSON escapes. The
    /// add page checks both in the browser before sending, since a larger message drops the connection unanswered.
    /// </summary>
    public long MaxCircuitMessageBytes => MaxFileBytes + 1_000_000;
    /// <summary>Lets visitors who are not signed in read (never change) the dashboard. Off: they see only the sign-in page.</summary>
    public bool AnonymousRead { get; set; }
    public FetchOptions Fetch { get; set; } = new();
    public SourceOptions Sources { get; set; } = new();
    /// <summary>Open the store read-only (the command line's stats and export): nothing is migrated or written.</summary>
    public bool ReadOnly { get; set; }
}

/// <summary>How the server fetches an article from a URL an editor gives.</summary>
public sealed class FetchOptions
{
    public int TimeoutSeconds { get; set; } = 20;
    /// <summary>
    /// Private, loopback and link-local addresses are refused (SSRF); networks listed here (CIDR, e.g. "10.1.0.0/16")
    /// are allowed anyway, for an intranet news mirror.
    /// </summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];
    public int MaxRedirects { get; set; } = 5;
}

/// <summary>The background polling of watched sources (the dashboard only; `tracker sources poll` runs one round by hand).</summary>
public sealed class SourceOptions
{
    public bool Poll { get; set; } = true;
    /// <summary>How often the service looks for sources that are due; each source has its own interval.</summary>
    public int TickSeconds { get; set; } = 30;
}
